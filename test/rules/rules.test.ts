import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/model/product.js';
import { compileRules } from '../../src/rules/rules.js';
import { reserveStock } from '../../src/rules/stock.js';

const product = (fields: Record<string, string>): Product => ({ id: fields['id'] ?? 'P1', line: 2, fields: { id: 'P1', ...fields } });

describe('rules', () => {
  it('renders templates and tidies what a missing field leaves', () => {
    const rules = compileRules([{ set: { title: '{brand} {title} - {color}' } }], 'google');
    const a = rules.apply(product({ brand: 'Acme', title: 'Tee', color: 'Red' }));
    const b = rules.apply(product({ brand: 'Acme', title: 'Tee' }));
    expect(a.ok && a.product.fields['title']).toBe('Acme Tee - Red');
    expect(b.ok && b.product.fields['title']).toBe('Acme Tee');
  });

  it('writes the channel override when the catalog has one', () => {
    const rules = compileRules([{ set: { title: '{title}!' } }], 'google');
    const out = rules.apply(product({ title: 'Tee', 'google.title': 'G Tee' }));
    expect(out.ok && out.product.fields).toMatchObject({ title: 'Tee', 'google.title': 'G Tee!' });
  });

  it('sets static values under a condition and counts before/after', () => {
    const rules = compileRules([{ name: 'sale', if: { field: 'sale_price', exists: true }, set: { custom_label_0: 'sale' } }], 'google');
    const a = rules.apply(product({ sale_price: '5 USD' }));
    const b = rules.apply(product({}));
    expect(a.ok && a.product.fields['custom_label_0']).toBe('sale');
    expect(b.ok && b.product.fields['custom_label_0']).toBeUndefined();
    expect(rules.stats()).toEqual([{ rule: 'sale', before: 2, after: 2, changed: 1 }]);
  });

  it('excludes with a reason and reports counts', () => {
    const rules = compileRules([{ exclude: 'no stock', if: { field: 'quantity', lte: 0 } }], 'amazon');
    expect(rules.apply(product({ quantity: '0' }))).toEqual({ ok: false, reason: 'no stock', rule: '#1 exclude' });
    expect(rules.apply(product({ quantity: '3' })).ok).toBe(true);
    expect(rules.stats()[0]).toMatchObject({ before: 2, after: 1 });
  });

  it.each([
    [{ percent: 10 }, '10.00 USD', '11.00 USD'],
    [{ percent: -15 }, '20.00 USD', '17.00 USD'],
    [{ fixed: '0.50' }, '10.00 USD', '10.50 USD'],
    [{ percent: 8, round: 'x.99' }, '25.00 USD', '27.99 USD'],
    [{ round: 'x.99' }, '27.99 USD', '27.99 USD'],
    [{ round: '0.05' }, '10.02 USD', '10.00 USD'],
    [{ round: '1' }, '10.50', '11.00 USD'],
  ])('price %j on %s -> %s', (price, before, after) => {
    const rules = compileRules([{ price }], 'google', 'USD');
    const out = rules.apply(product({ price: before }));
    expect(out.ok && out.product.fields['price']).toBe(after);
  });

  it('maps categories by the longest product_type prefix, case-insensitively', () => {
    const rules = compileRules([{ categoryMap: { map: { 'Apparel': '166', 'Apparel > Tops': '212' } } }], 'google');
    const top = rules.apply(product({ product_type: 'apparel > tops > tees' }));
    const hat = rules.apply(product({ product_type: 'Apparel > Hats' }));
    const tight = rules.apply(product({ product_type: 'Apparel>Tops>Tees' }));
    const apparelish = rules.apply(product({ product_type: 'Apparelish > Tops' }));
    expect(tight.ok && tight.product.fields['google_product_category']).toBe('212');
    expect(apparelish.ok && apparelish.product.fields['google_product_category']).toBeUndefined();
    const kept = rules.apply(product({ product_type: 'Apparel > Tops', google_product_category: '1604' }));
    expect(top.ok && top.product.fields['google_product_category']).toBe('212');
    expect(hat.ok && hat.product.fields['google_product_category']).toBe('166');
    expect(kept.ok && kept.product.fields['google_product_category']).toBe('1604');
  });

  it('combines conditions with all/any/not', () => {
    const rules = compileRules([{ exclude: true, if: { all: [{ field: 'brand', in: ['acme', 'zeta'] }, { not: { field: 'price', gt: 10 } }] } }], 'x');
    expect(rules.apply(product({ brand: 'Acme', price: '5 USD' })).ok).toBe(false);
    expect(rules.apply(product({ brand: 'Acme', price: '50 USD' })).ok).toBe(true);
    expect(rules.apply(product({ brand: 'Other', price: '5 USD' })).ok).toBe(true);
  });

  it('rejects a broken template, naming the rule field', () => {
    expect(() => compileRules([{ set: { title: '{brand {title}' } }], 'google')).toThrow(/channels\.google\.rules: set\.title: "\{brand \{title\}" is not a field name/);
    expect(() => compileRules([{ set: { title: '{price:amount}' } }], 'google')).toThrow(/modifiers are for marketplace columns/);
  });

  it('names the bad key in a rule', () => {
    expect(() => compileRules([{ set: { title: 'x' }, iff: {} }], 'google')).toThrow(/channels\.google\.rules\[0\]\.iff: is not a known key/);
    expect(() => compileRules([{ price: { percent: 'ten' } }], 'ebay')).toThrow(/channels\.ebay\.rules\[0\]\.price\.percent: must be number/);
  });
});

describe('reserveStock', () => {
  it.each([
    [10, undefined, 10],
    [10, { percent: 90 }, 9],
    [10, { percent: 90, buffer: 2 }, 7],
    [100, { max: 50 }, 50],
    [3, { min: 5 }, 0],
    [1, { buffer: 2 }, 0],
    [-4, undefined, 0],
  ])('%d with %j -> %d', (quantity, policy, expected) => expect(reserveStock(quantity, policy)).toBe(expected));
});
