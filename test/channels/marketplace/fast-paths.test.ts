/** Fast paths next to the straightforward code they replace (kept here as the oracle), on tricky input. */
import { describe, expect, it } from 'vitest';
import { CLOSED_KEPT } from '../../../src/channels/marketplace/checker.js';
import marketplace from '../../../src/channels/marketplace/index.js';
import { ebayGroupRows } from '../../../src/channels/marketplace/profiles/ebay-variations.js';
import type { MarketplaceRecord } from '../../../src/channels/marketplace/record.js';
import { planFor } from '../../../src/channels/marketplace/settings.js';
import { createValueContext, firstValue, readImageList, templateLookup, templateValue } from '../../../src/channels/marketplace/values.js';
import { formatDetails } from '../../../src/channels/marketplace/variation.js';
import { splitValues } from '../../../src/model/product.js';
import { compileTemplate, renderTemplate } from '../../../src/rules/template.js';
import { contextFor, fixtureConfig, NOW, product, renderFeed } from './render-feed.js';

const MULTI = [undefined, '', ' ', '|', ' | ', 'a', ' a ', 'a|b', '|a', 'a|', ' |b| a ', 'a|a', 'x|y|x', '\ta\n', 'a b|c d'];

describe('firstValue', () => {
  it.each(MULTI)('is splitValues(%j)[0]', (value) => {
    expect(firstValue(value)).toBe(splitValues(value)[0]);
  });
});

describe('readImageList', () => {
  /** The array-based reading it replaced. */
  function reference(image: string | undefined, more: string | undefined): string | undefined {
    const images: string[] = [];
    for (const url of splitValues(image)) if (!images.includes(url)) images.push(url);
    for (const url of splitValues(more)) if (!images.includes(url)) images.push(url);
    return images.join('|') || undefined;
  }
  it('joins image_link and additional_image_link values without repeats, as splitting both would', () => {
    const ctx = contextFor('ebay', fixtureConfig('ebay'));
    const { settings } = planFor(ctx);
    for (const image of MULTI) {
      for (const more of MULTI) {
        const fields: Record<string, string> = {};
        if (image !== undefined) fields['image_link'] = image;
        if (more !== undefined) fields['additional_image_link'] = more;
        const vc = createValueContext(product('P', fields), settings, NOW);
        expect([image, more, readImageList(vc)]).toEqual([image, more, reference(image, more)]);
      }
    }
  });
});

describe('ebayGroupRows', () => {
  const VARIANT_CELLS = ['CustomLabel', '*StartPrice', '*Quantity', 'Product:EAN', 'Product:UPC'];
  const PARENT_BLANK = ['*StartPrice', '*Quantity', 'Product:EAN', 'Product:UPC'];
  /** The cell-map version it replaced, its rows put in column order. */
  function reference(group: readonly MarketplaceRecord[], keys: readonly string[]): string[][] {
    const inOrder = (cells: Record<string, string>) => keys.map((key) => cells[key] ?? '');
    const [first] = group;
    if (!first?.variation) return group.map((record) => inOrder(record.cells));
    const values = new Map<string, string[]>();
    for (const record of group) {
      for (const [name, value] of Object.entries(record.variation?.details ?? {})) {
        const list = values.get(name);
        if (!list) values.set(name, [value]);
        else if (!list.includes(value)) list.push(value);
      }
    }
    const parent: Record<string, string> = { ...first.cells, CustomLabel: first.variation.group, Relationship: '' };
    parent['RelationshipDetails'] = [...values].map(([name, list]) => `${name}=${list.join(';')}`).join('|');
    for (const key of PARENT_BLANK) parent[key] = '';
    for (const name of values.keys()) parent[`C:${name}`] = '';
    for (const key of Object.keys(parent)) {
      if (!key.startsWith('C:') || parent[key] === '') continue;
      if (group.some((record) => (record.cells[key] ?? '') !== (first.cells[key] ?? ''))) parent[key] = '';
    }
    const pictures = new Set<string>();
    for (const record of group) for (const url of (record.cells['PicURL'] ?? '').split('|')) if (url !== '') pictures.add(url);
    parent['PicURL'] = [...pictures].join('|');
    const rows = [inOrder(parent)];
    for (const record of group) {
      const row: Record<string, string> = { Relationship: 'Variation', RelationshipDetails: formatDetails(record.variation?.details ?? {}) };
      for (const key of VARIANT_CELLS) row[key] = record.cells[key] ?? '';
      rows.push(inOrder(row));
    }
    return rows;
  }
  const KEYS = ['*Action', 'CustomLabel', 'Relationship', 'RelationshipDetails', 'PicURL', '*StartPrice', '*Quantity', 'C:Brand', 'C:Color', 'C:Size', 'C:Material', 'C:Dept', 'Product:EAN', 'Product:UPC'];
  function variant(sku: string, details: Record<string, string>, cells: Record<string, string>): MarketplaceRecord {
    return { sku, variation: { group: 'G', details }, cells: { '*Action': 'Add', CustomLabel: sku, Relationship: 'Variation', ...cells } };
  }
  const groups: MarketplaceRecord[][] = [
    [variant('A', { Color: 'Red' }, { PicURL: 'https://x/1|https://x/2', 'C:Brand': 'Acme', 'C:Color': 'Red', '*StartPrice': '1' })],
    [
      variant('A', { Color: 'Red', Size: 'S' }, { PicURL: 'https://x/1|https://x/2', 'C:Brand': 'Acme', 'C:Color': 'Red', 'C:Size': 'S', 'C:Dept': 'Men' }),
      variant('B', { Color: 'Red', Size: 'M' }, { PicURL: 'https://x/1|https://x/2', 'C:Brand': 'Acme', 'C:Color': 'Red', 'C:Size': 'M', 'C:Dept': 'Women' }),
      variant('C', { Size: 'L', Color: 'Blue' }, { PicURL: 'https://x/2|https://x/3', 'C:Brand': 'Acme', 'C:Material': 'Wool', 'C:Dept': 'Men' }),
      variant('D', { Material: 'Silk' }, { PicURL: '', 'C:Brand': 'Acme', 'Product:EAN': '4006381333931' }),
      variant('E', { Color: 'Red', Size: 'S' }, { 'C:Brand': 'Other', 'Product:UPC': '012345678905', '*Quantity': '3' }),
    ],
    [
      variant('A', { Color: 'Red' }, { PicURL: 'https://x/1', 'C:Brand': '' }),
      variant('B', { Color: 'Blue' }, { 'C:Brand': 'Acme' }),
      variant('C', { Color: 'Blue' }, { PicURL: 'https://x/1|https://x/1' }),
    ],
    [{ sku: 'P', cells: { CustomLabel: 'P', PicURL: 'https://x/1' } }],
  ];
  it.each(groups.map((group, i) => [i, group] as const))('group %i: the same rows as the cell-map version', (_, group) => {
    expect(ebayGroupRows(group, KEYS)).toEqual(reference(group, KEYS));
  });
  it('also for files without some of its columns', () => {
    const keys = ['CustomLabel', 'C:Brand', '*Quantity'];
    for (const group of groups) expect(ebayGroupRows(group, keys)).toEqual(reference(group, keys));
  });
});

describe('marketplace checker', () => {
  const BASE = { title: 'Tee', description: 'Soft.', product_type: 'Apparel > Tops', price: '19.99 USD', quantity: '5', image_link: 'https://shop.example/a.jpg' };
  const variant = (id: string, color: string, line: number) => product(id, { ...BASE, item_group_id: 'TEE', color }, line);
  it('reports a group SKU that clashes with a product once per variant, though variants of a clean group claim it once', () => {
    const { issues, records } = renderFeed(
      [product('TEE', BASE, 2), variant('T-1', 'Red', 3), variant('T-2', 'Blue', 4), product('SOLO', BASE, 5), variant('G-1', 'Red', 6), variant('T-3', 'Green', 7)],
      'ebay',
      fixtureConfig('ebay'),
    );
    const clash = (productId: string, line: number) => ({
      severity: 'error', code: 'marketplace-duplicate-sku', message: 'SKU "TEE" is already used by the product on line 2',
      channel: 'ebay', productId, line, field: 'item_group_id',
    });
    expect(issues).toEqual([
      clash('T-1', 3),
      clash('T-2', 4),
      clash('G-1', 6),
      expect.objectContaining({ productId: 'G-1', code: 'marketplace-variation-group-split', line: 6, field: 'item_group_id' }),
      expect.objectContaining({ productId: 'G-1', code: 'marketplace-variation-duplicate' }),
      clash('T-3', 7),
    ]);
    expect(records.map((r) => r.sku)).toEqual(['TEE', 'SOLO']);
  });
  it('returns a clean record no issues, and one issue list per record otherwise', () => {
    const ctx = contextFor('ebay', fixtureConfig('ebay'));
    const checker = marketplace.createChecker!(ctx);
    const transformed = (p: ReturnType<typeof product>) => {
      const result = marketplace.transform(p, ctx);
      if (!result.ok) throw new Error('transform failed');
      return result.records[0]!;
    };
    const a = product('A', { ...BASE, title: '=1+1' });
    const first = checker.check(transformed(a), a);
    expect(first.map((i) => [i.code, i.field, i.productId])).toEqual([['csv-formula-neutralised', '*Title', 'A']]);
    const b = product('B', BASE);
    expect(checker.check(transformed(b), b)).toEqual([]);
    expect(checker.check(transformed(b), b).map((i) => i.code)).toEqual(['marketplace-duplicate-sku']);
    expect(first).toHaveLength(1);
  });
});

describe('templateValue', () => {
  const SOURCES = ['{title}', '{ title }', '{quantity}', '{price:amount}', '{price:currency}', '{sale_price:amount}', '{image_link:first}', '{missing}', '{ebay.title}', '{title} x', '{brand} {title}'];
  const PRODUCTS: Record<string, string>[] = [
    { title: ' Tee ', quantity: '7', price: '19.99 USD', image_link: ' https://x/1 | https://x/2', brand: 'Acme' },
    { title: '', quantity: 'x', price: 'twelve', sale_price: '-1 USD', image_link: '|', 'ebay.title': 'Override' },
    { price: '5 EUR' },
  ];
  it.each(SOURCES)('%s reads as renderTemplate with the lookup, issues included', (source) => {
    const compiled = compileTemplate(source);
    if (!compiled.ok) throw new Error(compiled.reason);
    const ctx = contextFor('ebay', fixtureConfig('ebay'));
    const { settings } = planFor(ctx);
    for (const fields of PRODUCTS) {
      const fast = createValueContext(product('P', fields), settings, NOW);
      const slow = createValueContext(product('P', fields), settings, NOW);
      expect([templateValue(compiled.template)(fast), fast.issues]).toEqual([renderTemplate(compiled.template, templateLookup(slow)), slow.issues]);
    }
  });
});

describe('eBay category answers, remembered per config', () => {
  it('give the same id, or the same error, every time a product type comes again', () => {
    const config = { ...fixtureConfig('ebay'), categoryMap: { Home: '1', 'Home > Kitchen': '2' } };
    const ctx = contextFor('ebay', config);
    const category = (type: string) => {
      const result = marketplace.transform(product('P', { title: 'T', description: 'D', price: '1 USD', quantity: '1', product_type: type }), ctx);
      return result.ok ? result.records[0]!.cells['*Category'] : result.issues!.map((i) => i.message).join();
    };
    for (let round = 0; round < 2; round++) {
      expect(category('Home > Kitchen > Mugs')).toBe('2');
      expect(category('Home>Garden')).toBe('1');
      expect(category('Garden')).toBe('product_type "Garden" has no eBay category in channels.ebay.categoryMap');
    }
  });
});

describe('marketplace checker memory', () => {
  const BASE = { title: 'Tee', description: 'Soft.', product_type: 'Apparel > Tops', price: '19.99 USD', quantity: '5', image_link: 'https://shop.example/a.jpg' };
  it(`reports a group split further apart than the ${CLOSED_KEPT} closed groups it keeps, and checks it from there on`, () => {
    const products = [product('OLD-1', { ...BASE, item_group_id: 'OLD', color: 'Red' }, 2)];
    for (let i = 0; i <= CLOSED_KEPT; i++) products.push(product(`G${i}-1`, { ...BASE, item_group_id: `G${i}`, color: 'Red' }, 3 + i));
    products.push(
      product('OLD-2', { ...BASE, item_group_id: 'OLD', color: 'Blue' }, 9_999_998),
      product('OLD-3', { ...BASE, item_group_id: 'OLD', color: 'Blue' }, 9_999_999),
    );
    const { issues } = renderFeed(products, 'ebay', fixtureConfig('ebay'));
    expect(issues.map((i) => [i.productId, i.code])).toEqual([
      ['OLD-2', 'marketplace-variation-group-split'],
      ['OLD-3', 'marketplace-variation-duplicate'],
    ]);
  });
});
