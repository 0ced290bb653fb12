import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCatalog, type CatalogItem, type CatalogOptions } from '../../src/catalog/read-catalog.js';
import { sniffDelimiter } from '../../src/catalog/sniff.js';

const fixture = (name: string) => join(import.meta.dirname, '../../fixtures/catalog', name);

async function collect(options: CatalogOptions): Promise<CatalogItem[]> {
  const out: CatalogItem[] = [];
  for await (const item of readCatalog(options)) out.push(item);
  return out;
}
const products = (items: CatalogItem[]) => items.flatMap((i) => (i.kind === 'product' ? [i.product] : []));
const issues = (items: CatalogItem[]) => items.flatMap((i) => (i.kind === 'issue' ? [i.issue] : []));

describe('readCatalog', () => {
  it('sniffs a semicolon CSV and maps columns from config', async () => {
    const items = await collect({ path: fixture('semicolon.csv'), columns: { id: 'SKU', title: 'Name' } });
    expect(products(items)).toEqual([
      { id: '1', line: 2, fields: { id: '1', title: 'Tee', price: '10,00 EUR' } },
      { id: '2', line: 3, fields: { id: '2', title: 'Mug; blue', price: '5' } },
    ]);
  });

  it('keeps the columns config maps: another header with the same name does not override it, one header may feed two', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    writeFileSync(join(dir, 'c.csv'), 'SKU,ID,Name,Title\nTEE-1,101,Tee,Long tee title\n');
    const items = await collect({ path: join(dir, 'c.csv'), columns: { id: 'SKU', mpn: 'SKU', title: 'Name' } });
    expect(issues(items)).toEqual([]);
    expect(products(items)).toEqual([{ id: 'TEE-1', line: 2, fields: { id: 'TEE-1', mpn: 'TEE-1', title: 'Tee' } }]);
  });

  it('a columns mapping to a header the file lacks is a config error naming the key, before any row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    const path = join(dir, 'c.csv');
    writeFileSync(path, 'SKU,Name\nTEE-1,Tee\n');
    // Letter case differs: every row would have been rejected for having no id, with exit 0.
    await expect(collect({ path, columns: { id: 'sku' } })).rejects.toMatchObject({
      name: 'ConfigError',
      exitCode: 2,
      message: `catalog.columns.id: "sku" is not a column of ${path}`,
      hint: 'Header names match exactly: did you mean "SKU"?',
    });
    await expect(collect({ path, columns: { id: 'SKU', gtin: 'EAN' } })).rejects.toMatchObject({
      message: `catalog.columns.gtin: "EAN" is not a column of ${path}`,
      hint: 'Its columns are: "SKU", "Name". Fix catalog.columns.gtin in the config.',
    });
    // A join's own columns are checked against the join file.
    writeFileSync(join(dir, 'stock.csv'), 'SKU,Qty\nTEE-1,4\n');
    await expect(collect({ path, columns: { id: 'SKU' }, joins: [{ path: 'stock.csv', resolvedPath: join(dir, 'stock.csv'), columns: { id: 'sku', quantity: 'Qty' } }] }))
      .rejects.toMatchObject({ message: 'catalog.join[].columns.id: "sku" is not a column of stock.csv', hint: 'Header names match exactly: did you mean "SKU"?' });
    const joined = await collect({ path, columns: { id: 'SKU' }, joins: [{ path: 'stock.csv', resolvedPath: join(dir, 'stock.csv'), columns: { id: 'SKU', quantity: 'Qty' } }] });
    expect(products(joined)).toEqual([{ id: 'TEE-1', line: 2, fields: { id: 'TEE-1', name: 'Tee', quantity: '4' } }]);
  });

  it('catalog.columns with a preset is a config error (the preset would ignore it)', async () => {
    await expect(collect({ path: fixture('semicolon.csv'), preset: 'shopify', columns: { id: 'SKU' } })).rejects.toMatchObject({
      name: 'ConfigError',
      message: 'catalog.columns: not used with the "shopify" preset, which maps its own headers',
    });
  });

  it('reads TSV with a bare quote inside a value', async () => {
    const items = await collect({ path: fixture('basic.tsv') });
    expect(products(items).map((p) => p.fields['title'])).toEqual(['12" pan', 'Lid']);
  });

  it('reads JSON Lines, joins arrays with |, and reports bad lines with their number', async () => {
    const items = await collect({ path: fixture('products.jsonl') });
    expect(products(items).map((p) => [p.id, p.line])).toEqual([['J1', 1], ['J2', 4]]);
    expect(products(items)[0]!.fields['additional_image_link']).toBe('https://x.example/a.jpg|https://x.example/b.jpg');
    expect(issues(items).map((i) => [i.code, i.line])).toEqual([['catalog-malformed-row', 2], ['catalog-malformed-row', 5]]);
  });

  it('decodes latin1 when configured', async () => {
    const items = await collect({ path: fixture('latin1.csv'), encoding: 'latin1' });
    expect(products(items)[0]!.fields['title']).toBe('Café');
  });

  it('warns once, with its line, when a file read as UTF-8 holds bytes that are not (a latin1 export)', async () => {
    const items = await collect({ path: fixture('latin1.csv') });
    expect(issues(items)).toEqual([
      {
        severity: 'warning',
        code: 'catalog-encoding',
        line: 2,
        message: 'line 2: bytes that are not UTF-8 (written as \uFFFD); if the file comes from Excel or an older system, set catalog.encoding to "latin1"',
      },
    ]);
    expect(products(items)[0]!.fields['title']).toBe('Caf\uFFFD');
    // Deep in a file, in a later decoded chunk, once; JSON Lines too.
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${'x'.repeat(40)}\n`).join('');
    writeFileSync(join(dir, 'late.csv'), Buffer.concat([Buffer.from(`id,title\n${rows}`), Buffer.from('7,Caf\xe9\n8,\xdc\n', 'latin1')]));
    expect(issues(await collect({ path: join(dir, 'late.csv') })).map((i) => [i.code, i.line])).toEqual([['catalog-encoding', 3002]]);
    writeFileSync(join(dir, 'c.jsonl'), Buffer.concat([Buffer.from('{"id":"1","title":"ok"}\n'), Buffer.from('{"id":"2","title":"Caf\xe9"}\n', 'latin1')]));
    expect(issues(await collect({ path: join(dir, 'c.jsonl') })).map((i) => [i.code, i.line])).toEqual([['catalog-encoding', 2]]);
    // Not when the file is latin1 and says so, nor for a UTF-8 file.
    expect(issues(await collect({ path: fixture('latin1.csv'), encoding: 'latin1' }))).toEqual([]);
  });

  it('skips a BOM, reports malformed rows with their line and keeps the rest', async () => {
    const items = await collect({ path: fixture('malformed.csv') });
    expect(products(items).map((p) => p.id)).toEqual(['B1', 'B4']);
    const found = issues(items).map((i) => [i.code, i.line]).sort();
    expect(found).toEqual([['catalog-column-count', 3], ['catalog-malformed-row', 4]]);
  });

  it('reports rows without an id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    writeFileSync(join(dir, 'c.csv'), 'id,title\n,Nameless\nX,Named\n');
    const items = await collect({ path: join(dir, 'c.csv') });
    expect(products(items).map((p) => p.id)).toEqual(['X']);
    expect(issues(items)[0]).toMatchObject({ code: 'catalog-missing-id', line: 2, field: 'id' });
  });

  it('ignores rows of empty cells, as a spreadsheet leaves after the data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    writeFileSync(join(dir, 'c.csv'), 'id;title;price\r\nX;Named;5\r\n;;\r\n; ;\r\n');
    const items = await collect({ path: join(dir, 'c.csv') });
    expect(items).toEqual([{ kind: 'product', product: { id: 'X', line: 2, fields: { id: 'X', title: 'Named', price: '5' } } }]);
  });

  it('reads gzipped catalogs and merges join files by id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    writeFileSync(join(dir, 'c.csv.gz'), gzipSync('id,title,quantity\nA,Tee,1\nB,Mug,2\n'));
    writeFileSync(join(dir, 'stock.csv'), 'id,quantity,price\nB,7,3.00 USD\n');
    const items = await collect({ path: join(dir, 'c.csv.gz'), joins: [{ path: 'stock.csv', resolvedPath: join(dir, 'stock.csv') }] });
    expect(products(items).map((p) => p.fields)).toEqual([
      { id: 'A', title: 'Tee', quantity: '1' },
      { id: 'B', title: 'Mug', quantity: '7', price: '3.00 USD' },
    ]);
  });

  it('joins on another column than id, from a join file without an id column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    writeFileSync(join(dir, 'c.csv'), 'id,gtin,quantity\nA,4006381333931,1\nB,5012345678900,2\n');
    writeFileSync(join(dir, 'stock.csv'), 'EAN;Stock\n5012345678900;9\n');
    const joins = [{ path: 'stock.csv', resolvedPath: join(dir, 'stock.csv'), on: 'gtin', columns: { gtin: 'EAN', quantity: 'Stock' } }];
    const items = await collect({ path: join(dir, 'c.csv'), joins });
    expect(issues(items)).toEqual([]);
    expect(products(items).map((p) => p.fields['quantity'])).toEqual(['1', '9']);
  });

  it('warns about an id the join file repeats (the last row wins) and ignores rows of empty cells', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    writeFileSync(join(dir, 'c.csv'), 'id,quantity\nA,1\nB,2\n');
    writeFileSync(join(dir, 'stock.csv'), 'id,quantity\nB,7\nA,3\nB,8\n,\n');
    const items = await collect({ path: join(dir, 'c.csv'), joins: [{ path: 'stock.csv', resolvedPath: join(dir, 'stock.csv') }] });
    expect(issues(items)).toEqual([expect.objectContaining({ code: 'join-duplicate-key', severity: 'warning', line: 4 })]);
    expect(products(items).map((p) => p.fields['quantity'])).toEqual(['3', '8']);
  });

  it('fails when no row of a join file has the "on" column', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-'));
    writeFileSync(join(dir, 'c.csv'), 'id,quantity\nA,1\n');
    writeFileSync(join(dir, 'stock.csv'), 'sku,quantity\nA,7\nB,8\n');
    const joins = [{ path: 'stock.csv', resolvedPath: join(dir, 'stock.csv') }];
    await expect(collect({ path: join(dir, 'c.csv'), joins })).rejects.toThrow(/join file stock.csv has no rows with an? "id"/);
  });

  it('names the file when it cannot be read', async () => {
    await expect(collect({ path: '/nonexistent/catalog.csv' })).rejects.toThrow(/cannot read \/nonexistent\/catalog.csv: no such file/);
  });

  it('rejects an unknown preset', async () => {
    await expect(collect({ path: fixture('basic.tsv'), preset: 'magento' })).rejects.toThrow(/unknown catalog preset "magento"/);
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c\n', ','],
    ['a;b;c\n', ';'],
    ['a\tb\tc\n', '\t'],
    ['a|b|c\n', '|'],
    ['"x;y",b,c\n', ','],
    ['\r\n\na;b;c\n1,5;2;3\n', ';'],
    ['\uFEFF\na|b|c\n', '|'],
  ])('%j -> %j', (sample, expected) => expect(sniffDelimiter(sample)).toBe(expected));
});
