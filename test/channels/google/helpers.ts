import type { ChannelConfig, ChannelContext } from '../../../src/channels/contract.js';
import type { Product } from '../../../src/model/product.js';

export function makeContext(config: ChannelConfig = {}, catalog: ChannelContext['catalog'] = { currency: 'USD' }, resolveDir = '.'): ChannelContext {
  return {
    instance: 'google',
    config,
    catalog,
    resolvePath: (path) => (path.startsWith('/') ? path : `${resolveDir}/${path}`),
    now: new Date('2026-01-15T12:00:00Z'),
  };
}

let nextLine = 2;

export function makeProduct(fields: Record<string, string>, line?: number): Product {
  return { id: fields['id'] ?? 'SKU-1', line: line ?? nextLine++, fields: { id: 'SKU-1', ...fields } };
}

/** A product with everything Google requires. */
export function validFields(extra: Record<string, string> = {}): Record<string, string> {
  return {
    id: 'SKU-1',
    title: 'Blue T-Shirt',
    description: 'A soft cotton shirt.',
    link: 'https://shop.example.com/p/sku-1',
    image_link: 'https://shop.example.com/i/sku-1.jpg',
    availability: 'in stock',
    price: '15',
    brand: 'Acme',
    gtin: '4006381333931',
    condition: 'new',
    ...extra,
  };
}
