import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateLines } from '../../bench/generate-catalog.mjs';
import { build, scratch } from './helpers.js';

const read = (dir: string, file: string) => readFileSync(join(dir, 'out', file), 'utf8');

describe('buildFeeds', () => {
  it('writes every channel instance, keeps invalid records out and reports them', async () => {
    const dir = scratch('pipeline');
    const result = await build(dir);
    expect(result.exitCode).toBe(0);
    expect(result.productsRead).toBe(4);
    const google = result.channels.find((c) => c.channel === 'google')!;
    expect(google).toMatchObject({ recordsWritten: 3, invalid: 1, status: 'written' });
    expect(google.files.map((f) => f.slice(dir.length))).toEqual(['/out/google.xml', '/out/google.tsv']);
    expect(read(dir, 'google.xml')).not.toContain('<g:id>P3</g:id>');
    expect(result.issues).toContainEqual(expect.objectContaining({ channel: 'google', productId: 'P3', line: 4, field: 'price', severity: 'error' }));
    expect(read(dir, 'shop.csv')).toBe('SKU,Name,Price\r\nP1,Acme Tee,10.00 USD\r\nP2,Kiln Mug,5.00 USD\r\nP3,Lumen Lamp,not a price\r\nP4,Acme Cap,20.00 USD\r\n');
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const dir = scratch('pipeline');
    await build(dir);
    const first = ['google.xml', 'google.tsv', 'shop.csv'].map((f) => read(dir, f));
    await build(dir);
    expect(['google.xml', 'google.tsv', 'shop.csv'].map((f) => read(dir, f))).toEqual(first);
  });

  it('fails with --strict and keeps the previous feeds', async () => {
    const dir = scratch('pipeline');
    writeFileSync(join(dir, 'catalog.ok.csv'), readFileSync(join(dir, 'catalog.csv'), 'utf8').split('\n').filter((l) => !l.startsWith('P3')).join('\n'));
    await build(dir, { catalogPath: join(dir, 'catalog.ok.csv') });
    const before = read(dir, 'google.xml');
    const result = await build(dir, { strict: true });
    expect(result.exitCode).toBe(1);
    expect(result.channels.find((c) => c.channel === 'google')).toMatchObject({ status: 'failed' });
    expect(read(dir, 'google.xml')).toBe(before);
  });

  it('exits 1 over the --max-invalid threshold, 0 under it', async () => {
    const dir = scratch('pipeline');
    expect((await build(dir, { maxInvalid: '20%' })).exitCode).toBe(1);
    expect((await build(dir, { maxInvalid: '30%' })).exitCode).toBe(0);
    expect((await build(dir, { maxInvalid: 0 })).exitCode).toBe(1);
    expect((await build(dir, { maxInvalid: 1 })).exitCode).toBe(0);
  });

  it('keeps the old feed when the new one would hold under half its records, unless forced', async () => {
    const dir = scratch('pipeline');
    await build(dir);
    const before = read(dir, 'shop.csv');
    writeFileSync(join(dir, 'short.csv'), readFileSync(join(dir, 'catalog.csv'), 'utf8').split('\n').slice(0, 2).join('\n'));
    const kept = await build(dir, { catalogPath: join(dir, 'short.csv') });
    expect(kept.exitCode).toBe(1);
    expect(kept.channels.find((c) => c.channel === 'shop')).toMatchObject({ status: 'kept', reason: expect.stringMatching(/shrink from 4 to 1/) });
    expect(read(dir, 'shop.csv')).toBe(before);
    const forced = await build(dir, { catalogPath: join(dir, 'short.csv'), force: true });
    expect(forced.exitCode).toBe(0);
    expect(read(dir, 'shop.csv')).toBe('SKU,Name,Price\r\nP1,Acme Tee,10.00 USD\r\n');
  });

  it('validates without writing (dry run) and builds only the channels asked for', async () => {
    const dir = scratch('pipeline');
    const dry = await build(dir, { dryRun: true });
    expect(dry.channels.map((c) => c.status)).toEqual(['validated', 'validated']);
    expect(() => readdirSync(join(dir, 'out'))).toThrow();
    const only = await build(dir, { channels: ['shop'] });
    expect(only.channels.map((c) => c.channel)).toEqual(['shop']);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['.omnifeed-manifest.json', 'shop.csv']);
  });

  it('writes gzip when the configured file name ends in .gz', async () => {
    const dir = scratch('pipeline');
    const config = JSON.parse(readFileSync(join(dir, 'omnifeed.config.json'), 'utf8'));
    config.channels.google.files = { xml: 'google.xml.gz' };
    writeFileSync(join(dir, 'gz.config.json'), JSON.stringify(config));
    await build(dir, {}, 'gz.config.json');
    const bytes = readFileSync(join(dir, 'out', 'google.xml.gz'));
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  });

  it('refuses to run while another live run holds the lock', async () => {
    const dir = scratch('pipeline');
    await build(dir);
    writeFileSync(join(dir, 'out', '.omnifeed.lock'), `${process.pid}\n`);
    await expect(build(dir)).rejects.toThrow(/another omnifeed run \(pid \d+\) is writing/);
    writeFileSync(join(dir, 'out', '.omnifeed.lock'), '999999999\n');
    expect((await build(dir)).exitCode).toBe(0);
  });
});

describe('transform errors', () => {
  it('never writes a record whose transform reported an error', async () => {
    const { default: google } = await import('../../src/channels/google/index.js');
    const original = google.transform;
    google.transform = (product, ctx) => {
      const result = original(product, ctx);
      if (product.id !== 'P1' || !result.ok) return result;
      return { ...result, issues: [{ severity: 'error', code: 'test-error', message: 'broken' }] };
    };
    try {
      const dir = scratch('pipeline');
      const result = await build(dir, { channels: ['google'] });
      expect(result.channels[0]).toMatchObject({ recordsWritten: 2, invalid: 2 });
      expect(read(dir, 'google.xml')).not.toContain('<g:id>P1</g:id>');
    } finally {
      google.transform = original;
    }
  });
});

describe('channels in worker threads', () => {
  it('write the same bytes and report the same as on the main thread', async () => {
    const a = scratch('pipeline');
    const b = scratch('pipeline');
    const local = await build(a, { workers: 0 });
    const threaded = await build(b, { workers: 2 });
    for (const file of ['google.xml', 'google.tsv', 'shop.csv']) expect(read(b, file)).toBe(read(a, file));
    const strip = (r: typeof local) => ({
      ...r,
      catalog: 'catalog.csv',
      channels: r.channels.map((c) => ({ ...c, files: c.files.map((f) => f.split('/').pop()) })),
      issues: [...r.issues].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    });
    expect(strip(threaded)).toEqual(strip(local));
  });

  it('keep the old feeds when a worker fails the threshold', async () => {
    const dir = scratch('pipeline');
    await build(dir, { workers: 2, channels: ['google'] });
    const before = read(dir, 'google.xml');
    const failed = await build(dir, { workers: 2, strict: true });
    expect(failed.exitCode).toBe(1);
    expect(read(dir, 'google.xml')).toBe(before);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('report an unreadable catalog from the reading worker as a usage error (exit 2)', async () => {
    const dir = scratch('pipeline');
    const failure = await build(dir, { workers: 2, catalogPath: join(dir, 'missing.csv') }).catch((err: unknown) => err);
    expect(failure).toMatchObject({ name: 'AbortError', exitCode: 2 });
    expect(String((failure as Error).message)).toContain('missing.csv');
  });

  // With two threads the reading thread runs `shop` and the other runs `google` (see thread-plan.ts).
  it.each([
    ['on the other thread', 'google', { xml: 'blocked/google.xml' }],
    ['on the reading thread', 'shop', { csv: 'blocked/shop.csv' }],
  ])('stop reading when a channel fails mid-stream %s, and write nothing', async (_, channel, files) => {
    const dir = scratch('pipeline');
    // Enough products to fill several output buffers, so the failure comes while the catalog is still being read.
    const header = readFileSync(join(dir, 'catalog.csv'), 'utf8').split('\n')[0];
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      `Q${i},Tee ${i},${'Soft cotton tee. '.repeat(20)},https://shop.example.com/q${i},https://cdn.example.com/q${i}.jpg,10.00 USD,in_stock,Acme,,AC-${i},new,Apparel,5`);
    writeFileSync(join(dir, 'catalog.csv'), [header, ...rows].join('\n'));
    // The feed's folder is a file: the channel cannot write its feed.
    const config = JSON.parse(readFileSync(join(dir, 'omnifeed.config.json'), 'utf8'));
    config.channels[channel].files = files;
    writeFileSync(join(dir, 'omnifeed.config.json'), JSON.stringify(config));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'blocked'), 'not a folder');
    const failure = await build(dir, { workers: 2 }).catch((err: unknown) => err);
    expect(String((failure as Error).message)).toMatch(/ENOTDIR|not a directory/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['blocked']);
  });

  it('write the same bytes for the bench catalog and config: many batches, back-pressure, every channel', async () => {
    // 3,000 generated products (~3.5 MB: quotes, line breaks, HTML, emoji) make ~100 batches, far more than
    // the in-flight window, and span dozens of 64 KiB decode slices; Google, Amazon and eBay all run.
    const dirs = [scratch('pipeline'), scratch('pipeline')];
    const config = JSON.parse(readFileSync(join(import.meta.dirname, '../../bench/omnifeed.bench.json'), 'utf8'));
    config.catalog.path = 'catalog.csv';
    for (const dir of dirs) {
      writeFileSync(join(dir, 'catalog.csv'), [...(generateLines(3000, 7) as Iterable<string>)].join(''));
      writeFileSync(join(dir, 'omnifeed.config.json'), JSON.stringify(config));
    }
    const [a, b] = dirs as [string, string];
    const local = await build(a, { workers: 0 });
    const threaded = await build(b, { workers: 2 });
    const files = readdirSync(join(a, 'out')).filter((f) => !f.startsWith('.')).sort();
    expect(files).toEqual(expect.arrayContaining(['google.xml', 'google.tsv', 'amazon.json', 'ebay.csv']));
    expect(readdirSync(join(b, 'out')).filter((f) => !f.startsWith('.')).sort()).toEqual(files);
    for (const file of files) expect(read(b, file), file).toBe(read(a, file));
    expect(threaded.channels.map((c) => [c.channel, c.productsRead, c.recordsWritten, c.errors, c.warnings]))
      .toEqual(local.channels.map((c) => [c.channel, c.productsRead, c.recordsWritten, c.errors, c.warnings]));
    expect(local.channels[0]!.productsRead).toBe(3000);
  });

  it('write the same bytes with a reading thread that runs no channel of its own', async () => {
    const a = scratch('pipeline');
    const b = scratch('pipeline');
    await build(a, { workers: 0 });
    const threaded = await build(b, { workers: 3 });
    expect(threaded.exitCode).toBe(0);
    for (const file of ['google.xml', 'google.tsv', 'shop.csv']) expect(read(b, file)).toBe(read(a, file));
  });

  it('stop with advice when a thread runs out of its heap limit', async () => {
    const dir = scratch('pipeline');
    const header = readFileSync(join(dir, 'catalog.csv'), 'utf8').split('\n')[0];
    // One product with a 12 MB description does not fit a 16 MB heap.
    writeFileSync(join(dir, 'catalog.csv'), `${header}\nP1,Tee,${'x'.repeat(12_000_000)},https://shop.example.com/p1,https://cdn.example.com/p1.jpg,10.00 USD,in_stock,Acme,,AC-1,new,Apparel,5\n`);
    const failure = await build(dir, { workers: 2, heapMb: 16 }).catch((err: unknown) => err);
    expect(failure).toMatchObject({ exitCode: 2, code: 'OUT_OF_MEMORY' });
    expect((failure as { hint: string }).hint).toContain('--heap-mb 32');
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('give the catalog reader room for its join tables on top of the heap limit', async () => {
    const dir = scratch('pipeline');
    // 200,000 join rows (~4 MB) become a map of ~40 MB in the reader: more than the 16 MB limit alone.
    const rows = ['id,custom_label_0', 'P1,joined', ...Array.from({ length: 200_000 }, (_, i) => `STOCK-${i},label-${i % 50}`)];
    writeFileSync(join(dir, 'stock.csv'), rows.join('\n'));
    const config = JSON.parse(readFileSync(join(dir, 'omnifeed.config.json'), 'utf8'));
    config.catalog.join = [{ path: 'stock.csv', on: 'id' }];
    writeFileSync(join(dir, 'omnifeed.config.json'), JSON.stringify(config));
    const result = await build(dir, { workers: 2, heapMb: 16, channels: ['google'] });
    expect(result.exitCode).toBe(0);
    const [header, ...lines] = read(dir, 'google.tsv').trimEnd().split('\n').map((l) => l.split('\t'));
    const p1 = lines.find((cells) => cells[0] === 'P1')!;
    expect(p1[header!.indexOf('custom_label_0')]).toBe('joined');
  });
});
