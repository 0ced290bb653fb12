import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { buildFeeds, type BuildOptions } from '../../../src/pipeline/build.js';
import { FIXTURES } from './render-feed.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'omnifeed-marketplace-'));
  dirs.push(dir);
  cpSync(join(FIXTURES, 'two-instances'), dir, { recursive: true });
  return dir;
}

async function build(dir: string, options: Partial<BuildOptions> = {}) {
  const loaded = await loadConfig({ cwd: dir, env: {} });
  return buildFeeds({ loaded, outDir: join(dir, 'out'), now: new Date('2026-01-15T00:00:00Z'), ...options });
}

const read = (dir: string, file: string) => readFileSync(join(dir, 'out', file), 'utf8');

describe('two marketplace instances from one catalog', () => {
  it('writes ebay.csv and etsy.csv, each in its own profile with its own stock policy', async () => {
    const dir = scratch();
    const result = await build(dir);
    expect(result.exitCode).toBe(0);
    expect(result.channels.map((c) => [c.channel, c.type, c.recordsWritten, c.files.map((f) => f.slice(dir.length))])).toEqual([
      ['ebay', 'marketplace', 4, ['/out/ebay.csv']],
      ['etsy', 'marketplace', 4, ['/out/etsy.csv']],
    ]);
    const ebay = read(dir, 'ebay.csv').split('\r\n');
    expect(ebay[0]!.startsWith('*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8),CustomLabel,')).toBe(true);
    expect(ebay.slice(1, 4).map((row) => row.split(',').slice(0, 2).join(','))).toEqual(['Add,TEE', ',TEE-RED-S', ',TEE-RED-M']);
    expect(read(dir, 'etsy.csv')).toBe(
      'SKU,Title,Price,Quantity\r\n' +
        'TEE-RED-S,Organic Cotton Tee,19.99,9\r\n' +
        'TEE-RED-M,Organic Cotton Tee,19.99,2\r\n' +
        'MUG-1,"The ""Best"" Mug, 12oz",12.50,6\r\n' +
        '"\'=HYPERLINK(""http://evil.example"",""x"")",5.00,0\r\n'.replace(/^/, 'EVIL-1,'),
    );
    // eBay halves the stock (percent 50); etsy holds one back (buffer 1).
    expect(ebay[2]!.split(',')[12]).toBe('5');
  });

  it('building the second instance alone never touches the first one\'s file', async () => {
    const dir = scratch();
    await build(dir);
    const ebayPath = join(dir, 'out', 'ebay.csv');
    const before = { text: readFileSync(ebayPath, 'utf8'), mtime: statSync(ebayPath).mtimeMs, ino: statSync(ebayPath).ino };
    writeFileSync(join(dir, 'catalog.csv'), readFileSync(join(dir, 'catalog.csv'), 'utf8').replace('19.99 USD,10', '17.00 USD,10'));
    const result = await build(dir, { channels: ['etsy'] });
    expect(result.channels.map((c) => c.channel)).toEqual(['etsy']);
    expect(read(dir, 'etsy.csv')).toContain('TEE-RED-S,Organic Cotton Tee,17.00,9');
    const after = statSync(ebayPath);
    expect({ text: readFileSync(ebayPath, 'utf8'), mtime: after.mtimeMs, ino: after.ino }).toEqual(before);
  });
});
