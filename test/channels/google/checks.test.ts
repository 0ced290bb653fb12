import { describe, expect, it } from 'vitest';
import { checkGtins, productPage } from '../../../src/channels/google/checks.js';
import google from '../../../src/channels/google/index.js';
import type { GoogleRecord } from '../../../src/channels/google/record.js';
import { makeContext, makeProduct, validFields } from './helpers.js';

function recordOf(fields: Record<string, string>): GoogleRecord {
  const result = google.transform(makeProduct(fields), makeContext());
  if (!result.ok) throw new Error(result.reason);
  return result.records[0]!;
}

/** Issue codes the checker reports for one fresh run over these products. */
function codesFor(...products: Record<string, string>[]): string[] {
  const checker = google.createChecker!(makeContext());
  return products.flatMap((fields, i) => checker.check(recordOf(fields), makeProduct(fields, i + 2)).map((issue) => `${issue.severity}:${issue.code}`));
}

describe('google checker', () => {
  it('passes a valid product', () => {
    expect(codesFor(validFields())).toEqual([]);
  });

  it('sale_price must be below price, in the same currency', () => {
    expect(codesFor(validFields({ price: '15 USD', sale_price: '12 USD' }))).toEqual([]);
    expect(codesFor(validFields({ price: '15 USD', sale_price: '15 USD' }))).toEqual(['error:sale-price-not-below-price']);
    expect(codesFor(validFields({ price: '15 USD', sale_price: '10 EUR' }))).toEqual(['error:sale-price-currency']);
  });

  it('preorder and backorder need availability_date', () => {
    expect(codesFor(validFields({ availability: 'preorder', availability_date: '2026-03-01T09:00Z' }))).toEqual([]);
    expect(codesFor(validFields({ availability: 'backorder' }))).toEqual(['error:availability-date-missing']);
  });

  it('warns when availability_date is more than a year ahead of the run clock (2026-01-15)', () => {
    expect(codesFor(validFields({ availability: 'preorder', availability_date: '2026-12-31T09:00Z' }))).toEqual([]);
    expect(codesFor(validFields({ availability: 'preorder', availability_date: '2027-03-01T09:00-0800' }))).toEqual(['warning:availability-date-too-far']);
  });

  it('identifier_exists no with a gtin is an error', () => {
    expect(codesFor(validFields({ identifier_exists: 'no', gtin: '' }))).toEqual([]);
    expect(codesFor(validFields({ identifier_exists: 'no' }))).toEqual(['error:identifier-exists-with-gtin']);
  });

  it('new products without brand+gtin or brand+mpn get a warning', () => {
    expect(codesFor(validFields({ gtin: '', mpn: 'X-100' }))).toEqual([]);
    expect(codesFor(validFields({ gtin: '' }))).toEqual(['warning:identifiers-missing']);
    expect(codesFor(validFields({ brand: '' }))).toEqual(['warning:identifiers-missing']);
    expect(codesFor(validFields({ gtin: '', condition: 'used' }))).toEqual([]);
  });

  it('checks GTIN check digits, prefixes and spreadsheet damage', () => {
    expect(codesFor(validFields({ gtin: '4006381333931' }))).toEqual([]);
    expect(codesFor(validFields({ gtin: '4006381333932' }))).toEqual(['error:gtin-check-digit']);
    expect(codesFor(validFields({ gtin: '2000000000008' }))).toEqual(['error:gtin-restricted-prefix']);
    expect(codesFor(validFields({ gtin: '9810000000006' }))).toEqual(['error:gtin-coupon-prefix']);
    expect(codesFor(validFields({ gtin: '3.65275E+11' }))).toEqual(['error:gtin-scientific-notation']);
  });

  it('reports duplicate ids and ids differing only by case', () => {
    expect(codesFor(validFields({ id: 'A-1' }), validFields({ id: 'A-2' }))).toEqual([]);
    expect(codesFor(validFields({ id: 'A-1' }), validFields({ id: 'A-1' }))).toEqual(['error:duplicate-id']);
    expect(codesFor(validFields({ id: 'abc' }), validFields({ id: 'ABC' }))).toEqual(['warning:id-case-collision']);
  });

  it('issues carry product id, line and field', () => {
    const checker = google.createChecker!(makeContext());
    const fields = validFields({ id: 'DUP' });
    checker.check(recordOf(fields), makeProduct(fields, 7));
    expect(checker.check(recordOf(fields), makeProduct(fields, 9))).toEqual([
      { severity: 'error', code: 'duplicate-id', message: expect.any(String), channel: 'google', productId: 'DUP', line: 9, field: 'id' },
    ]);
  });

  it('variants need a variant attribute', () => {
    expect(codesFor(validFields({ item_group_id: 'G1', size: 'M' }))).toEqual([]);
    expect(codesFor(validFields({ item_group_id: 'G1' }))).toEqual(['warning:variant-attribute-missing']);
  });

  it('apparel needs color, size, gender and age_group', () => {
    const apparel = { color: 'Blue', size: 'M', gender: 'male', age_group: 'adult' };
    expect(codesFor(validFields({ google_product_category: '166', ...apparel }))).toEqual([]);
    expect(codesFor(validFields({ google_product_category: 'Apparel & Accessories > Clothing', color: 'Blue' }))).toEqual(['warning:apparel-attribute-missing']);
    expect(codesFor(validFields({ google_product_category: '222' }))).toEqual([]);
  });

  it('neighbouring variants of one product page without item_group_id are a warning naming the record before', () => {
    const run = (...products: Record<string, string>[]) => {
      const checker = google.createChecker!(makeContext());
      return products.map((fields, i) => {
        const p = validFields(fields);
        return checker.check(recordOf(p), makeProduct(p, i + 2)).map((issue) => `${issue.code} ${issue.field}: ${issue.message}`);
      });
    };
    const tee = (id: string, color: string, extra: Record<string, string> = {}) => ({ id, color, link: `https://shop.example.com/products/tee?variant=${id}`, ...extra });
    expect(run(tee('T-1', 'Green'), tee('T-2', 'Navy'), tee('T-3', 'Navy', { size: 'L' }))).toEqual([
      [],
      ['variant-group-missing item_group_id: same product page as "T-1" (the record before it) but a different color: variants of one product need one item_group_id'],
      ['variant-group-missing item_group_id: same product page as "T-2" (the record before it) but a different size: variants of one product need one item_group_id'],
    ]);
    // With item_group_id they are a group; the same attributes twice are not variants; other pages are other products.
    expect(run(tee('T-1', 'Green', { item_group_id: 'TEE' }), tee('T-2', 'Navy', { item_group_id: 'TEE' }))).toEqual([[], []]);
    expect(run(tee('T-1', 'Green'), tee('T-2', 'Green'))).toEqual([[], []]);
    expect(run({ id: 'A', color: 'Red', link: 'https://shop.example.com/a' }, { id: 'B', color: 'Blue', link: 'https://shop.example.com/b' })).toEqual([[], []]);
    // Shops whose product pages are chosen by a query parameter.
    expect(run(
      { id: 'A', color: 'Red', link: 'https://shop.example.com/index.php?route=product&product_id=1' },
      { id: 'B', color: 'Blue', link: 'https://shop.example.com/index.php?route=product&product_id=2' },
    )).toEqual([[], []]);
    // Only neighbours are compared (memory stays flat): variants listed apart are not seen.
    expect(run(tee('T-1', 'Green'), { id: 'X', link: 'https://shop.example.com/x' }, tee('T-2', 'Navy'))).toEqual([[], [], []]);
  });

  it('a product page is the link without its fragment and variant or tracking parameters', () => {
    expect(productPage('https://s.example/products/tee?variant=42')).toBe('https://s.example/products/tee');
    expect(productPage('https://s.example/p/1?utm_source=feed&Variant=0#reviews')).toBe('https://s.example/p/1');
    expect(productPage('https://s.example/index.php?product_id=7&variant=2&utm_medium=x')).toBe('https://s.example/index.php?product_id=7');
    expect(productPage('https://s.example/p/1#top')).toBe('https://s.example/p/1');
    expect(productPage('')).toBeUndefined();
    expect(productPage(undefined)).toBeUndefined();
  });

  it('apparel is the whole Apparel & Accessories subtree, by id or path; size only for clothing and shoes', () => {
    const check = (fields: Record<string, string>) => {
      const p = validFields(fields);
      return google.createChecker!(makeContext()).check(recordOf(p), makeProduct(p)).map((i) => `${i.field}: ${i.message}`);
    };
    const unsized = { color: 'Blue', gender: 'male', age_group: 'adult' };
    // Leaves merchants actually use: Shirts & Tops (212) and Coats & Jackets (5598) under Clothing, Shoes (187).
    for (const category of ['212', '5598', '187', 'Apparel & Accessories > Clothing > Shirts & Tops', 'Apparel & Accessories > Shoes']) {
      expect(check({ google_product_category: category, ...unsized })).toEqual(['size: clothing and shoes need size']);
      expect(check({ google_product_category: category, ...unsized, size: 'M' })).toEqual([]);
    }
    // Necklaces (196), Hats (173), Handbags (3032): apparel, but Google asks no size of them.
    for (const category of ['196', '173', '3032', 'Apparel & Accessories > Clothing Accessories > Hats', ' 166 ']) {
      expect(check({ google_product_category: category, ...unsized })).toEqual([]);
      expect(check({ google_product_category: category, color: 'Gold' })).toEqual(['gender: apparel products need gender, age_group']);
    }
    // Not apparel: Arts & Entertainment (8), Backpacks (100), and a path that only starts like one.
    for (const category of ['8', '100', 'Apparel & Accessories Outlet', 'Luggage & Bags > Backpacks']) {
      expect(check({ google_product_category: category })).toEqual([]);
    }
  });

  it('ids with control, format or private-use characters are errors', () => {
    expect(codesFor(validFields({ id: 'SKU_1-a' }))).toEqual([]);
    expect(codesFor(validFields({ id: 'SKU\u200D1' }))).toEqual(['error:id-invalid-character']);
    expect(codesFor(validFields({ id: 'SKU\uE0001' }))).toEqual(['error:id-invalid-character']);
    expect(codesFor(validFields({ id: 'SKU\u00071' }))).toEqual(['error:id-invalid-character']);
  });

  it('checks every gtin of a list or a single string one, each issue with its own where', () => {
    const where = { channel: 'google', productId: 'P', line: 3 };
    const record = (gtin: unknown) => ({ id: 'P', gtin }) as unknown as GoogleRecord;
    expect(checkGtins(record(['4006381333931', '4.00638E+12', 7, '4006381333932']), where)).toEqual([
      { severity: 'error', code: 'gtin-scientific-notation', message: expect.any(String), channel: 'google', productId: 'P', line: 3, field: 'gtin' },
      { severity: 'error', code: 'gtin-check-digit', message: expect.any(String), channel: 'google', productId: 'P', line: 3, field: 'gtin' },
    ]);
    expect(checkGtins(record('123'), where).map((i) => i.code)).toEqual(['gtin-length']);
    expect(checkGtins(record('4006381333931'), where)).toEqual([]);
    expect(checkGtins(record(undefined), where)).toEqual([]);
  });

  it('reports each record with its own product id and line (the checker reuses one where)', () => {
    const checker = google.createChecker!(makeContext());
    const first = checker.check(recordOf(validFields({ id: 'A', gtin: '123' })), makeProduct(validFields({ id: 'A' }), 5));
    const second = checker.check(recordOf(validFields({ id: 'a' })), makeProduct(validFields({ id: 'a' }), 9));
    expect(first.map((i) => [i.code, i.productId, i.line])).toEqual([['gtin-length', 'A', 5]]);
    expect(second.map((i) => [i.code, i.productId, i.line])).toEqual([['id-case-collision', 'a', 9]]);
    expect(first[0]!.productId).toBe('A');
  });
});
