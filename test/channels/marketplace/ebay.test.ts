import { describe, expect, it } from 'vitest';
import marketplace from '../../../src/channels/marketplace/index.js';
import { codes, contextFor, fixtureConfig, product, renderFeed } from './render-feed.js';

const BASE = {
  title: 'Organic Cotton Tee', description: 'Soft.', product_type: 'Apparel > Tops', price: '19.99 USD', quantity: '5',
  image_link: 'https://shop.example/a.jpg',
};

function ebayConfig(extra: Record<string, unknown> = {}) {
  return { ...fixtureConfig('ebay'), ...extra };
}

function transform(fields: Record<string, string>, config = ebayConfig()) {
  return marketplace.transform(product('SKU-1', { ...BASE, ...fields }), contextFor('ebay', config));
}

function lines(text: string): string[] {
  return text.split('\r\n').filter((line) => line !== '');
}

describe('ebay header', () => {
  it('takes site, country, currency and version from config', () => {
    const { text } = renderFeed([], 'ebay-uk', ebayConfig({ site: 'UK', version: '1200' }));
    expect(text.startsWith('*Action(SiteID=UK|Country=GB|Currency=GBP|Version=1200|CC=UTF-8),CustomLabel,*Category,*Title,')).toBe(true);
    const { text: de } = renderFeed([], 'ebay-x', ebayConfig({ site: 'Foo', country: 'FR', currency: 'EUR' }));
    expect(de.startsWith('*Action(SiteID=Foo|Country=FR|Currency=EUR|')).toBe(true);
  });
  it('rejects an unknown site without country and currency', () => {
    expect(() => renderFeed([], 'ebay', ebayConfig({ site: 'Foo' }))).toThrow(/channels\.ebay: site "Foo" needs country and currency/);
  });
  it('writes preamble rows and appends configured extra columns', () => {
    const config = ebayConfig({ preamble: [['Info', 'Version=1.0.0', 'Template=fx_category_template_EBAY_US']], columns: [{ header: 'C:Department', value: 'Men' }] });
    const { text } = renderFeed([product('SKU-1', BASE)], 'ebay', config);
    const [info, header, row] = lines(text);
    expect(info).toBe('Info,Version=1.0.0,Template=fx_category_template_EBAY_US');
    expect(header!.endsWith(',Product:EAN,Product:UPC,C:Department')).toBe(true);
    expect(row!.endsWith(',Men')).toBe(true);
  });
});

describe('ebay checks', () => {
  it('an 81-character title is an error; 80 is fine', () => {
    const config = ebayConfig({ templates: {} });
    expect(transform({ title: 'x'.repeat(80) }, config).ok).toBe(true);
    const result = transform({ title: 'x'.repeat(81) }, config);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: 'marketplace-too-long', field: '*Title', message: '*Title: 81 characters; eBay allows 80', channel: 'ebay', productId: 'SKU-1' })]);
  });
  it('a product_type without a category mapping is an error naming it', () => {
    const result = transform({ product_type: 'Garden > Tools' });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues![0]!.code).toBe('ebay-category-unmapped');
    expect(result.issues![0]!.message).toContain('product_type "Garden > Tools" has no eBay category in channels.ebay.categoryMap');
  });
  it('maps the longest product_type prefix, on whole levels only', () => {
    const config = ebayConfig({ categoryMap: { Home: '1', 'Home > Kitchen': '2', 'Home > Kit': '3' } });
    const cell = (type: string) => {
      const result = transform({ product_type: type }, config);
      return result.ok ? result.records[0]!.cells['*Category'] : undefined;
    };
    expect(cell('Home > Kitchen > Mugs')).toBe('2');
    expect(cell('Home>Kitchen')).toBe('2');
    expect(cell('Home > Kitchenware')).toBe('1');
  });
  it('price problems are errors: unparseable, other currency, missing', () => {
    expect(transform({ price: 'cheap' }).issues?.map((i) => i.code)).toEqual(['marketplace-price-invalid']);
    expect(transform({ price: '19.99 EUR' }).issues?.map((i) => i.code)).toEqual(['marketplace-currency-mismatch']);
    const missing = transform({ price: '' });
    expect(missing.issues?.map((i) => [i.code, i.message])).toEqual([['marketplace-required', '*StartPrice: is required by eBay (from price)']]);
  });
  it('a sale price counts only inside its effective dates', () => {
    const cell = (range: string) => {
      const result = transform({ sale_price: '15.00 USD', sale_price_effective_date: range });
      return result.ok ? result.records[0]!.cells['*StartPrice'] : undefined;
    };
    expect(cell('2026-01-01T00:00Z/2026-02-01T00:00Z')).toBe('15.00');
    expect(cell('2025-01-01T00:00Z/2025-02-01T00:00Z')).toBe('19.99');
  });
  it('GTIN: UPC-12 to Product:UPC, EAN-13 to Product:EAN, bad check digit is an error', () => {
    const cells = (gtin: string) => {
      const result = transform({ gtin });
      return result.ok ? [result.records[0]!.cells['Product:EAN'], result.records[0]!.cells['Product:UPC']] : result.issues!.map((i) => i.code);
    };
    expect(cells('036000291452')).toEqual(['', '036000291452']);
    expect(cells('4006381333931')).toEqual(['4006381333931', '']);
    expect(cells('04006381333931')).toEqual(['4006381333931', '']);
    expect(cells('4006381333932')).toEqual(['gtin-check-digit']);
    expect(cells('3.65275E+11')).toEqual(['gtin-scientific-notation']);
  });
  it('maps condition through the defaults and conditionMap; an unknown one is an error', () => {
    const cell = (condition: string, config = ebayConfig()) => {
      const result = transform({ condition }, config);
      return result.ok ? result.records[0]!.cells['*ConditionID'] : result.issues!.map((i) => i.code).join();
    };
    expect(cell('new')).toBe('1000');
    expect(cell('used')).toBe('3000');
    expect(cell('refurbished')).toBe('2500');
    expect(cell('refurbished', ebayConfig({ conditionMap: { refurbished: '2000' } }))).toBe('2000');
    expect(cell('mint')).toBe('ebay-condition-unmapped');
  });
  it('reserves stock per instance; a missing quantity is an error unless out of stock', () => {
    const quantity = (fields: Record<string, string>, stock?: object) => {
      const result = transform(fields, ebayConfig({ stock }));
      return result.ok ? result.records[0]!.cells['*Quantity'] : result.issues!.map((i) => i.code).join();
    };
    expect(quantity({ quantity: '10' }, { percent: 50, max: 4 })).toBe('4');
    expect(quantity({ quantity: '10' }, { buffer: 2 })).toBe('8');
    expect(quantity({ quantity: '3' }, { min: 5 })).toBe('0');
    expect(quantity({ quantity: '10' })).toBe('10');
    expect(quantity({ quantity: '', availability: 'out_of_stock' })).toBe('0');
    expect(quantity({ quantity: '' })).toBe('marketplace-required');
    expect(quantity({ quantity: 'lots' })).toBe('marketplace-quantity-invalid');
  });
  it('warns once when the listing settings eBay needs are missing', () => {
    const { issues } = renderFeed([product('SKU-1', BASE)], 'ebay', ebayConfig({ location: undefined, dispatchTimeMax: undefined }));
    expect(codes(issues)).toEqual(['ebay-listing-settings']);
  });
  it('rejects templates for columns that are not templated', () => {
    expect(() => transform({}, ebayConfig({ templates: { '*StartPrice': '{price}' } }))).toThrow(/channels\.ebay\.templates\.\*StartPrice: not a templated eBay column/);
    expect(() => transform({}, ebayConfig({ templates: { '*Title': '{title' } }))).toThrow(/channels\.ebay\.templates\.\*Title: unclosed "\{"/);
  });
  it('writes line breaks as spaces (eBay takes none) unless told to keep them', () => {
    const { text } = renderFeed([product('SKU-1', { ...BASE, description: 'a\nb' })], 'ebay', ebayConfig());
    expect(lines(text)[1]).toContain(',a b,');
    const { text: kept } = renderFeed([product('SKU-1', { ...BASE, description: 'a\nb' })], 'ebay', ebayConfig({ newlines: 'keep' }));
    expect(kept).toContain(',"a\nb",');
  });
});

describe('ebay variations', () => {
  const variant = (id: string, color: string, size: string, extra: Record<string, string> = {}) =>
    product(id, { ...BASE, item_group_id: 'TEE', color, size, ...extra });

  it('writes the parent with every value, then one Variation row per variant', () => {
    const { text, issues, records } = renderFeed(
      [variant('T-R-S', 'Red', 'S'), variant('T-B-M', 'Blue', 'M', { price: '21.00 USD' }), variant('T-R-M', 'Red', 'M'), product('SOLO', BASE)],
      'ebay',
      ebayConfig({ stock: undefined }),
    );
    expect(issues).toEqual([]);
    expect(records.map((r) => r.variation)).toEqual([
      { group: 'TEE', details: { Color: 'Red', Size: 'S' } },
      { group: 'TEE', details: { Color: 'Blue', Size: 'M' } },
      { group: 'TEE', details: { Color: 'Red', Size: 'M' } },
      undefined,
    ]);
    const rows = lines(text).slice(1).map((line) => line.split(','));
    // Columns: 0 action, 1 label, 4 Relationship, 5 RelationshipDetails, 11 price, 12 quantity.
    const pick = (row: string[]) => [row[0], row[1], row[4], row[5], row[11], row[12]];
    expect(rows.map(pick)).toEqual([
      ['Add', 'TEE', '', 'Color=Red;Blue|Size=S;M', '', ''],
      ['', 'T-R-S', 'Variation', 'Color=Red|Size=S', '19.99', '5'],
      ['', 'T-B-M', 'Variation', 'Color=Blue|Size=M', '21.00', '5'],
      ['', 'T-R-M', 'Variation', 'Color=Red|Size=M', '19.99', '5'],
      ['Add', 'SOLO', '', '', '19.99', '5'],
    ]);
  });

  it('writes a group that ends the file at end()', () => {
    const ctx = contextFor('ebay', ebayConfig());
    const format = marketplace.format('csv', ctx);
    format.begin();
    const record = (p: ReturnType<typeof variant>) => {
      const result = marketplace.transform(p, ctx);
      if (!result.ok) throw new Error(result.reason);
      return result.records[0]!;
    };
    expect(format.item(record(variant('A', 'Red', 'S')), 1)).toBe('');
    expect(format.item(record(variant('B', 'Red', 'M')), 2)).toBe('');
    expect(lines(format.end())).toHaveLength(3);
    expect(format.end()).toBe('');
  });

  it('keeps a buffered group when begin() comes after the first item (FeedSink opens files lazily)', () => {
    const ctx = contextFor('ebay', ebayConfig());
    const format = marketplace.format('csv', ctx);
    const first = marketplace.transform(variant('A', 'Red', 'S'), ctx);
    if (!first.ok) throw new Error(first.reason);
    expect(format.item(first.records[0]!, 1)).toBe('');
    format.begin();
    expect(lines(format.end()).map((line) => line.split(',')[1])).toEqual(['TEE', 'A']);
  });

  it('a variant without any dimension value, or with = | ; in one, is an error', () => {
    const none = marketplace.transform(product('X', { ...BASE, item_group_id: 'G' }), contextFor('ebay', ebayConfig()));
    expect(none.ok ? [] : none.issues!.map((i) => i.code)).toEqual(['marketplace-variation-specifics-missing']);
    const bad = marketplace.transform(product('X', { ...BASE, item_group_id: 'G', color: 'Red|Blue' }), contextFor('ebay', ebayConfig()));
    expect(bad.ok ? [] : bad.issues!.map((i) => i.code)).toEqual(['marketplace-variation-value']);
  });

  it('checks groups: split, differing dimensions, duplicate variants, SKU clashes', () => {
    const { issues, records } = renderFeed(
      [
        variant('T-1', 'Red', 'S'),
        product('SOLO', BASE),
        variant('T-2', 'Blue', 'S'),
        product('T-3', { ...BASE, item_group_id: 'TEE', color: 'Red' }),
        variant('T-4', 'Red', 'S'),
        product('TEE', BASE),
        product('SOLO', BASE),
      ],
      'ebay',
      ebayConfig(),
    );
    expect(issues.map((i) => [i.productId, i.code])).toEqual([
      ['T-2', 'marketplace-variation-group-split'],
      ['T-3', 'marketplace-variation-dimensions'],
      ['T-4', 'marketplace-variation-duplicate'],
      ['TEE', 'marketplace-duplicate-sku'],
      ['SOLO', 'marketplace-duplicate-sku'],
    ]);
    expect(records.map((r) => r.sku)).toEqual(['T-1', 'SOLO']);
  });
});
