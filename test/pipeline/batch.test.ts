import { describe, expect, it } from 'vitest';
import { Batch } from '../../src/pipeline/batch.js';
import type { Product } from '../../src/model/product.js';

const products: Product[] = [
  { id: 'P1', line: 2, fields: { id: 'P1', title: 'Crème "brûlée" 😀', description: 'a\nb\u2028c\u0001' } },
  { id: 'P2', line: 7, fields: { id: 'P2', '123': 'numeric column name', 'google.title': 'override' } },
];

describe('Batch payloads', () => {
  it('hands one receiving thread the products themselves, for postMessage to clone', () => {
    expect(new Batch(products).payload(1)).toBe(products);
    expect(Batch.decode(products)).toBe(products);
  });

  it('encodes JSON once for several receivers, and it decodes to the same products, key order included', () => {
    const batch = new Batch(products);
    const payload = batch.payload(3);
    expect(typeof payload).toBe('string');
    expect(batch.payload(2)).toBe(payload);
    const decoded = Batch.decode(payload);
    expect(decoded).toEqual(products);
    expect(decoded.map((p) => Object.keys(p.fields))).toEqual(products.map((p) => Object.keys(p.fields)));
  });
});
