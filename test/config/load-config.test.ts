import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { redact } from '../../src/config/env.js';

function configFile(value: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'omnifeed-config-'));
  writeFileSync(join(dir, 'omnifeed.config.json'), typeof value === 'string' ? value : JSON.stringify(value));
  return dir;
}
const load = (dir: string, env: Record<string, string> = {}) => loadConfig({ cwd: dir, env });

describe('loadConfig', () => {
  it('loads a valid config and remembers its folder', async () => {
    const dir = configFile({ catalog: { path: 'c.csv', currency: 'EUR' }, channels: { google: { country: 'DE' } } });
    const loaded = await load(dir);
    expect(loaded.dir).toBe(dir);
    expect(loaded.config.catalog?.currency).toBe('EUR');
  });

  it('names the key of every problem', async () => {
    const dir = configFile({ catalog: { currency: 'euro', colums: {} }, channels: { google: { formats: ['pdf'] } } });
    const err = await load(dir).catch((e: Error) => e);
    expect(err.message).toMatch(/catalog\.currency: must match pattern/);
    expect(err.message).toMatch(/catalog\.colums: is not a known key/);
  });

  it('a currency ISO 4217 does not have is a config error naming the key', async () => {
    const dir = configFile({ catalog: { currency: 'EUX' }, channels: { ebay: { type: 'marketplace', profile: 'ebay', site: 'DE', currency: 'EUR' } } });
    const err = await load(dir).catch((e: Error) => e);
    expect(err.message).toBe('config: catalog.currency: must be an ISO 4217 currency code (e.g. EUR, USD)');
  });

  it('checks each channel block against its type\'s schema', async () => {
    const dir = configFile({ channels: { google: { country: 7 }, ebay: { type: 'marketplace', profile: 'nope' }, x: { type: 'fax' } } });
    const err = await load(dir).catch((e: Error) => e);
    expect(err.message).toMatch(/channels\.google\.country: must be string/);
    expect(err.message).toMatch(/channels\.ebay\.profile/);
    expect(err.message).toMatch(/channels\.x\.type: unknown channel type "fax"/);
  });

  it('substitutes ${ENV} and records the values as secrets', async () => {
    const dir = configFile({ channels: { amazon: { sellerId: '${SELLER}', marketplaceId: 'ATVPDKIKX0DER' }, google: { feedLabel: '${LABEL}' } } });
    const loaded = await load(dir, { SELLER: 'A1SECRETSELLER', LABEL: 'US-FEED' });
    expect(loaded.config.channels['amazon']!['sellerId']).toBe('A1SECRETSELLER');
    expect(loaded.config.channels['google']!['feedLabel']).toBe('US-FEED');
    expect(loaded.secrets.sort()).toEqual(['A1SECRETSELLER', 'US-FEED']);
  });

  it('names the missing environment variable and where it is used', async () => {
    const dir = configFile({ channels: { google: { feedLabel: '${NOPE_VAR}' } } });
    await expect(load(dir)).rejects.toThrow(/channels\.google\.feedLabel: environment variable NOPE_VAR is not set/);
  });

  it('says where the file should be and what JSON is broken', async () => {
    await expect(loadConfig({ cwd: '/nonexistent', env: {} })).rejects.toThrow(/no config file at \/nonexistent\/omnifeed.config.json/);
    await expect(load(configFile('{ "channels": '))).rejects.toThrow(/is not valid JSON/);
  });

  it('redacts secrets from text', () => {
    expect(redact('token=abcd1234 and abcd1234', ['abcd1234'])).toBe('token=*** and ***');
  });
});
