import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/diff/detect-format.js';
import { canonicalGoogleValue, formatGroup, reorderGroupString, splitMultiValueCell } from '../../src/diff/google-fields.js';
import { TsvTokenizer } from '../../src/diff/tsv-tokenizer.js';

function tokenize(chunks: string[]): string[][] {
  const t = new TsvTokenizer();
  const rows = chunks.flatMap((chunk) => t.push(chunk));
  rows.push(...t.end());
  return rows.map((row) => row.cells);
}

describe('TsvTokenizer', () => {
  it('quoted fields may hold tabs, newlines and doubled quotes; rows may be split across chunks', () => {
    const text = 'id\ttitle\n1\t"a\tb\nc ""d"""\r\n2\tplain\n';
    const expected = [['id', 'title'], ['1', 'a\tb\nc "d"'], ['2', 'plain']];
    expect(tokenize([text])).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) expect(tokenize([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
  });

  it('per-value quoting in a multi-value cell is kept as written', () => {
    expect(tokenize(['1\t"a,b","c"\tx'])).toEqual([['1', '"a,b","c"', 'x']]);
  });

  it('an unclosed quote is taken as written; blank lines are skipped', () => {
    expect(tokenize(['1\t"oops\n\n2\tok'])).toEqual([['1', '"oops'], ['2', 'ok']]);
  });
});

describe('Google field normalisation', () => {
  it('splits multi-value cells on commas outside quotes', () => {
    expect(splitMultiValueCell('a, "b,c" ,"d ""e"""')).toEqual(['a', 'b,c', 'd "e"']);
  });

  it('shipping groups have one canonical string form', () => {
    expect(formatGroup('shipping', { price: '4.95 USD', country: 'US', service: 'Standard' })).toBe('US::Standard:4.95 USD');
    expect(canonicalGoogleValue('shipping', ['US::Standard:4.95 USD::::'])).toEqual(['US::Standard:4.95 USD']);
    expect(reorderGroupString('shipping', ['country', 'price'], 'AT:6.49 EUR')).toBe('AT:::6.49 EUR');
  });

  it('single-value attributes stay strings', () => {
    expect(canonicalGoogleValue('title', ['Shirt, blue'])).toBe('Shirt, blue');
    expect(canonicalGoogleValue('title', ['  '])).toBeUndefined();
  });
});

describe('detectFormat', () => {
  it.each([
    ['<?xml version="1.0"?>\n<rss version="2.0">', 'google-xml'],
    ['{"header":{"sellerId":"X"},"messages":[', 'amazon-json'],
    ['id\ttitle\tprice\n', 'google-tsv'],
    ['\ufeff*Action(SiteID=US|Country=US),CustomLabel\n', 'csv'],
    ['Info,Version=1.0.0\nsku;name\n', 'csv'],
  ])('%j is %s', (head, format) => {
    expect(detectFormat(head)?.format).toBe(format);
  });

  it('knows what it does not read', () => {
    expect(detectFormat('<html><body>')).toBeUndefined();
    expect(detectFormat('{"a":1}')).toBeUndefined();
    expect(detectFormat('\u0000\u0001PNG')).toBeUndefined();
    expect(detectFormat('Info,>>>;x\n')).toBeUndefined();
  });

  it('finds the CSV delimiter', () => {
    expect(detectFormat('sku;name;price\n')).toEqual({ format: 'csv', delimiter: ';' });
  });
});
