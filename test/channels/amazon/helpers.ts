import { resolve } from 'node:path';
import type { ChannelConfig, ChannelContext } from '../../../src/channels/contract.js';
import amazon from '../../../src/channels/amazon/index.js';
import type { ListingsRecord } from '../../../src/channels/amazon/record.js';
import type { Product } from '../../../src/model/product.js';

export const REPO = resolve(import.meta.dirname, '..', '..', '..');
export const FIXTURE_SCHEMAS = resolve(REPO, 'fixtures/amazon/schemas');

export function makeContext(config: Partial<ChannelConfig> = {}): ChannelContext {
  return {
    instance: 'amazon',
    config: { sellerId: 'A2SELLER', marketplaceId: 'ATVPDKIKX0DER', issueLocale: 'en_US', productType: 'SHIRT', schemaDir: FIXTURE_SCHEMAS, ...config },
    catalog: { currency: 'USD' },
    resolvePath: (p) => resolve(REPO, p),
    now: new Date('2026-01-15T12:00:00Z'),
  };
}

export function makeProduct(fields: Record<string, string>, line = 2): Product {
  return { id: fields['id'] ?? 'SKU-1', line, fields };
}

export function validFields(overrides: Record<string, string> = {}): Record<string, string> {
  const fields: Record<string, string> = {
    id: 'TEE-BLK-M',
    title: 'Organic Cotton Tee',
    description: 'A soft tee made of organic cotton.',
    brand: 'Northwind',
    gtin: '4006381333931',
    condition: 'new',
    price: '19.99 USD',
    quantity: '12',
    image_link: 'https://shop.example/img/tee.jpg',
    color: 'Black',
    size: 'M',
    ...overrides,
  };
  for (const [k, v] of Object.entries(fields)) if (v === '') delete fields[k];
  return fields;
}

export function transformAll(products: Record<string, string>[], ctx = makeContext()): ListingsRecord[] {
  return products.flatMap((fields, i) => {
    const result = amazon.transform(makeProduct(fields, i + 2), ctx);
    if (!result.ok) throw new Error(result.reason);
    return result.records;
  });
}

export function recordOf(fields: Record<string, string>, config: Partial<ChannelConfig> = {}): ListingsRecord {
  const [record] = transformAll([fields], makeContext(config));
  return record!;
}
