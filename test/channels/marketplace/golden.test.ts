import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, codes, fixtureConfig, fixtureProducts, renderFeed } from './render-feed.js';

/** Byte-for-byte comparison with fixtures/marketplace/golden/<name>.csv (UPDATE_GOLDEN=1 rewrites). */
function expectGolden(name: string, text: string): void {
  const path = join(FIXTURES, 'golden', `${name}.csv`);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, text);
  expect(Buffer.from(text, 'utf8').equals(readFileSync(path))).toBe(true);
}

describe('golden files', () => {
  it('ebay profile: header, variation group, sale price, condition, stock, guards', () => {
    const { text, issues } = renderFeed(fixtureProducts(), 'ebay', fixtureConfig('ebay'));
    expectGolden('ebay', text);
    expect(codes(issues)).toEqual(['csv-formula-neutralised', 'csv-formula-neutralised', 'csv-formula-neutralised']);
    expect(issues.map((issue) => issue.field)).toEqual(['*Title', '*Description', 'C:Brand']);
  });

  it('generic profile: configured columns, ; delimiter, LF, BOM, quoting and guards', () => {
    const { text, issues } = renderFeed(fixtureProducts(), 'etsy', fixtureConfig('etsy'));
    expectGolden('generic-etsy', text);
    expect(text.startsWith('\uFEFFSKU;Title;Price;')).toBe(true);
    expect(codes(issues).every((code) => code === 'csv-formula-neutralised')).toBe(true);
  });
});
