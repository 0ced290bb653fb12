/** The feeds the channels really write read back equal: Google XML vs TSV, and an Amazon feed split in two. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedFormat } from '../../src/channels/contract.js';
import { createFeedFormat } from '../../src/channels/amazon/feed-format.js';
import type { ListingsRecord } from '../../src/channels/amazon/record.js';
import { readGoogleConfig } from '../../src/channels/google/config.js';
import type { GoogleRecord } from '../../src/channels/google/record.js';
import { createTsvFormat } from '../../src/channels/google/tsv-format.js';
import { createXmlFormat } from '../../src/channels/google/xml-format.js';
import { diffFeeds } from '../../src/diff/diff-feeds.js';

const tmp = mkdtempSync(join(tmpdir(), 'omnifeed-diff-roundtrip-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function write<R>(name: string, format: FeedFormat<R>, records: R[]): string {
  const path = join(tmp, name);
  const body = records.map((r, i) => format.item(r, i + 1)).join(format.separator ?? '');
  writeFileSync(path, format.begin() + body + format.end());
  return path;
}

const GOOGLE: GoogleRecord[] = [
  {
    id: 'G1',
    title: '"Quoted" shirt, blue & <b>bold</b>',
    description: 'Line one\nline two',
    link: 'https://shop.example.com/p/g1',
    image_link: 'https://img.example.com/g1.jpg',
    additional_image_link: ['https://img.example.com/g1,2.jpg', 'https://img.example.com/g1-3.jpg'],
    gtin: ['4006381333931', '0012345678905'],
    price: '29.00 USD',
    availability: 'in_stock',
    product_type: ['Apparel > Shirts'],
    shipping: [
      { country: 'US', service: 'Standard', price: '4.95 USD' },
      { country: 'US', postal_code: '94*', service: 'Express', price: '9.95 USD', min_handling_time: '1', max_transit_time: '3' },
    ],
    product_detail: [{ section_name: 'General', attribute_name: 'Material', attribute_value: 'Linen: 100%' }],
  },
  { id: 'G2', title: 'Mug', link: 'https://shop.example.com/p/g2', price: '12.50 USD', availability: 'out_of_stock' },
];

describe('diff reads what the channels write', () => {
  it('Google XML and TSV of the same records are the same', async () => {
    const config = readGoogleConfig({ title: 'Demo' });
    const xml = write('google.xml', createXmlFormat(config), GOOGLE);
    const tsv = write('google.tsv', createTsvFormat(config), GOOGLE);
    const result = await diffFeeds(xml, tsv);
    expect(result.changed).toEqual([]);
    expect(result.stat).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 2 });

    const changed = GOOGLE.map((r) => (r.id === 'G1' ? { ...r, gtin: ['4006381333931'] } : r));
    const tsv2 = write('google-2.tsv', createTsvFormat(config), changed);
    expect((await diffFeeds(xml, tsv2)).changed).toEqual([
      { key: 'G1', fields: [{ field: 'gtin', old: ['4006381333931', '0012345678905'], new: ['4006381333931'] }] },
    ]);
  });

  it('an Amazon feed and the same messages split over two files are the same', async () => {
    const records: ListingsRecord[] = ['A', 'B', 'C'].map((sku) => ({
      sku,
      operationType: 'UPDATE',
      productType: 'SHIRT',
      attributes: { item_name: [{ value: `Shirt ${sku}`, language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' }] },
    }));
    const format = createFeedFormat({ sellerId: 'SELLER' });
    const whole = write('amazon.json', format, records);
    write('set-1.json', format, records.slice(0, 2));
    write('set-2.json', format, records.slice(2));
    const result = await diffFeeds(whole, join(tmp, 'set.json'));
    expect(result.same).toBe(true);
    expect(result.new.items).toBe(3);
  });
});
