import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channels } from '../../src/channels/registry.js';

describe('channel registry', () => {
  const root = join(import.meta.dirname, '../../src/channels');
  const folders = readdirSync(root).filter((f) => statSync(join(root, f)).isDirectory());

  it('lists every channel folder, under its folder name', () => {
    expect(Object.keys(channels).sort()).toEqual(folders.sort());
    for (const [id, channel] of Object.entries(channels)) expect(channel.id).toBe(id);
  });

  it('every channel declares formats it can write', () => {
    for (const channel of Object.values(channels)) {
      expect(channel.defaultFormats.length).toBeGreaterThan(0);
      for (const f of channel.defaultFormats) expect(channel.formats).toContain(f);
    }
  });
});
