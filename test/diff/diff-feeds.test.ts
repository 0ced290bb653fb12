import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { diffFeeds } from '../../src/diff/diff-feeds.js';
import { InputError } from '../../src/errors.js';

const F = (name: string): string => join(import.meta.dirname, '../../fixtures/diff', name);
const tmp = mkdtempSync(join(tmpdir(), 'omnifeed-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GOOGLE_CHANGE = [
  {
    key: 'B2',
    fields: [
      {
        field: 'additional_image_link',
        old: ['https://img.example.com/b2-2.jpg', 'https://img.example.com/b2-3.jpg'],
        new: ['https://img.example.com/b2-3.jpg', 'https://img.example.com/b2-4.jpg'],
      },
      { field: 'price', old: '12.50 USD', new: '11.50 USD' },
    ],
  },
];

describe('diffFeeds: format pairs', () => {
  it.each([
    ['google-old.xml', 'google-new.xml'],
    ['google-old.tsv', 'google-new.tsv'],
    ['google-old.xml', 'google-new.tsv'],
    ['google-old.tsv', 'google-new.xml'],
  ])('%s vs %s: added, removed, and a changed multi-value field', async (a, b) => {
    const result = await diffFeeds(F(a), F(b));
    expect(result.same).toBe(false);
    expect(result.added).toEqual(['D4']);
    expect(result.removed).toEqual(['C3']);
    expect(result.changed).toEqual(GOOGLE_CHANGE);
    expect(result.stat).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
  });

  it('the same Google feed as XML and as TSV is the same (shipping groups, quoted URLs, entities)', async () => {
    const result = await diffFeeds(F('google-old.xml'), F('google-old.tsv'));
    expect(result.changed).toEqual([]);
    expect(result.same).toBe(true);
    expect(result.old.format).toBe('google-xml');
    expect(result.new.format).toBe('google-tsv');
  });

  it('reordered items are no difference', async () => {
    const result = await diffFeeds(F('google-old.xml'), F('google-reordered.xml'));
    expect(result.same).toBe(true);
    expect(result.stat).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 3 });
  });

  it('amazon json vs a multi-file set given by its base name, ignoring positional messageId', async () => {
    const result = await diffFeeds(F('amazon-old.json'), F('amazon-new/amazon.json'));
    expect(result.new.paths.map((p) => p.split('/').pop())).toEqual(['amazon-1.json', 'amazon-2.json']);
    expect(result.added).toEqual(['S4']);
    expect(result.removed).toEqual(['S3']);
    expect(result.changed).toEqual([
      { key: 'S2', fields: [{ field: 'attributes.bullet_point[1].value', old: 'Slim fit', new: 'Regular fit' }] },
    ]);
  });

  it('a folder stands for all its files', async () => {
    const result = await diffFeeds(F('amazon-new'), F('amazon-new/amazon.json'));
    expect(result.same).toBe(true);
    expect(result.old.items).toBe(3);
  });

  it('eBay CSV: BOM, Info rows, CustomLabel key, PicURL as a list, formula cells as written', async () => {
    const result = await diffFeeds(F('ebay-old.csv'), F('ebay-new.csv'));
    expect(result.added).toEqual(['E4']);
    expect(result.removed).toEqual(['E3']);
    expect(result.changed).toEqual([
      {
        key: 'E2',
        fields: [
          { field: 'PicURL', old: ['https://img.example.com/e2.jpg'], new: ['https://img.example.com/e2.jpg', 'https://img.example.com/e2-b.jpg'] },
          { field: 'Quantity', old: '10', new: '7' },
        ],
      },
    ]);
  });

  it('CSV with ; and a sku column; --key picks another column', async () => {
    const copy = join(tmp, 'products2.csv');
    writeFileSync(copy, 'name;sku;price\nShirt;P1;12\nMug;P2;5\n');
    const bySku = await diffFeeds(F('products.csv'), copy);
    expect(bySku.changed).toEqual([{ key: 'P1', fields: [{ field: 'price', old: '10', new: '12' }] }]);
    const byName = await diffFeeds(F('products.csv'), copy, { key: 'name' });
    expect(byName.changed.map((c) => c.key)).toEqual(['Shirt']);
  });
});

describe('diffFeeds: options and inputs', () => {
  it('--ignore leaves fields out, including nested Amazon paths by prefix', async () => {
    const google = await diffFeeds(F('google-old.xml'), F('google-new.xml'), { ignore: ['price', 'additional_image_link'] });
    expect(google.changed).toEqual([]);
    expect(google.stat.changed).toBe(0);
    expect(google.same).toBe(false);
    const amazon = await diffFeeds(F('amazon-old.json'), F('amazon-new'), { ignore: ['attributes.bullet_point'] });
    expect(amazon.stat.changed).toBe(0);
  });

  it('statOnly counts without field details', async () => {
    const result = await diffFeeds(F('google-old.xml'), F('google-new.xml'), { statOnly: true });
    expect(result.stat).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1 });
    expect(result.changed).toEqual([]);
  });

  it('reads gzip by magic bytes, whatever the name', async () => {
    const gz = join(tmp, 'google-new.data');
    writeFileSync(gz, gzipSync(readFileSync(F('google-new.tsv'))));
    const result = await diffFeeds(F('google-old.xml'), gz);
    expect(result.new.format).toBe('google-tsv');
    expect(result.changed).toEqual(GOOGLE_CHANGE);
  });

  it('re-reads in batches when fewer changed items are kept than changed', async () => {
    const old = join(tmp, 'many-old.tsv');
    const neu = join(tmp, 'many-new.tsv');
    const rows = (price: (i: number) => number): string =>
      ['id\ttitle\tprice', ...Array.from({ length: 50 }, (_, i) => `K${i}\tItem ${i}\t${price(i)}.00 USD`)].join('\n');
    writeFileSync(old, rows(() => 1));
    writeFileSync(neu, rows((i) => (i % 5 === 0 ? 2 : 1)));
    const result = await diffFeeds(old, neu, { retainLimit: 3 });
    expect(result.changed.map((c) => c.key)).toEqual(['K0', 'K10', 'K15', 'K20', 'K25', 'K30', 'K35', 'K40', 'K45', 'K5']);
    expect(result.changed.every((c) => c.fields.length === 1 && c.fields[0]!.new === '2.00 USD')).toBe(true);
  });

  it('duplicate keys: warns and compares the last one', async () => {
    const dup = join(tmp, 'dup.tsv');
    writeFileSync(dup, 'id\tprice\nX\t1 USD\nX\t2 USD\n');
    const one = join(tmp, 'one.tsv');
    writeFileSync(one, 'id\tprice\nX\t2 USD\n');
    const result = await diffFeeds(dup, one);
    expect(result.same).toBe(true);
    expect(result.warnings).toEqual(['duplicate key X in OLD; the last one is compared']);
  });

  it('trouble: unknown format, missing file, different channels', async () => {
    await expect(diffFeeds(F('not-a-feed.html'), F('google-new.xml'))).rejects.toThrow(/unknown feed format/);
    await expect(diffFeeds(F('nope.xml'), F('google-new.xml'))).rejects.toBeInstanceOf(InputError);
    await expect(diffFeeds(F('amazon-old.json'), F('google-new.xml'))).rejects.toThrow(/cannot compare amazon-json/);
  });

  it('trouble: a truncated gzip file', async () => {
    const bad = join(tmp, 'bad.xml.gz');
    writeFileSync(bad, gzipSync(readFileSync(F('google-new.xml'))).subarray(0, 200));
    copyFileSync(F('google-new.xml'), join(tmp, 'good.xml'));
    await expect(diffFeeds(join(tmp, 'good.xml'), bad)).rejects.toBeInstanceOf(InputError);
  });
});
