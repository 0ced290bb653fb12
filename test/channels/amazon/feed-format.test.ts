import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import amazon from '../../../src/channels/amazon/index.js';
import { FEED_MAX_BYTES, FEED_MAX_MESSAGES, serializeMessage } from '../../../src/channels/amazon/feed-format.js';
import { compileFeedSchema } from '../../../src/channels/amazon/feed-schema.js';
import type { ListingsRecord } from '../../../src/channels/amazon/record.js';
import { FeedSink } from '../../../src/output/feed-sink.js';
import { makeContext, recordOf, transformAll, validFields } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function render(records: ListingsRecord[], ctx = makeContext()): string {
  const format = amazon.format('json', ctx);
  return format.begin() + records.map((r, i) => format.item(r, i + 1)).join(format.separator ?? '') + format.end();
}

async function writeWithSink(records: Iterable<ListingsRecord>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'omnifeed-amazon-'));
  dirs.push(dir);
  const sink = new FeedSink(join(dir, 'amazon.json'), amazon.format('json', makeContext()));
  for (const record of records) await sink.add(record);
  await sink.close();
  return sink.commit();
}

function offer(i: number): ListingsRecord {
  return {
    sku: `SKU-${i}`,
    operationType: 'PARTIAL_UPDATE',
    productType: 'SHIRT',
    attributes: { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: i % 50 }] },
  };
}

describe('amazon feed format', () => {
  it('writes the v2 envelope with messageIds 1..N in a fixed key order', () => {
    const records = transformAll([validFields(), validFields({ id: 'TEE-2', item_group_id: 'TEE' })]);
    const text = render(records);
    expect(text.startsWith('{"header":{"sellerId":"A2SELLER","version":"2.0","issueLocale":"en_US"},"messages":[\n{"messageId":1,"sku":"TEE-BLK-M","operationType":"UPDATE","productType":"SHIRT","attributes":{"brand":')).toBe(true);
    expect(text.endsWith('\n]}\n')).toBe(true);
    const feed = JSON.parse(text) as { messages: Array<{ messageId: number; sku: string }> };
    expect(feed.messages.map((m) => [m.messageId, m.sku])).toEqual([[1, 'TEE-BLK-M'], [2, 'TEE'], [3, 'TEE-2']]);
    const validate = compileFeedSchema();
    expect(validate(feed)).toBe(true);
    // Same input, same bytes.
    expect(render(transformAll([validFields(), validFields({ id: 'TEE-2', item_group_id: 'TEE' })]))).toBe(text);
  });

  it('writes each message as JSON.stringify writes the message object, as operation and product types change', () => {
    const records: ListingsRecord[] = [
      { sku: 'A"1\\', operationType: 'UPDATE', productType: 'SHIRT', attributes: { item_name: [{ value: 'Café — 👍🏽 "x"\n\u2028', language_tag: 'de_DE' }] } },
      { sku: 'GRP', operationType: 'UPDATE', productType: 'SHIRT', requirements: 'LISTING_PRODUCT_ONLY', attributes: {} },
      { sku: 'B', operationType: 'PARTIAL_UPDATE', productType: 'PANTS', attributes: { list_price: [{ value_with_tax: 1.5 }] } },
      { sku: 'C', operationType: 'PATCH', productType: 'SHIRT\u0001\ud800', patches: [{ op: 'delete', path: '/attributes/color' }] },
      { sku: 'D', operationType: 'DELETE' },
      { sku: 'E', operationType: 'UPDATE', productType: 'SHIRT', attributes: { brand: [{ value: 'B' }] } },
    ];
    const ids = [1, 2, 25_000, 0, -0, 1e21];
    records.forEach((record, i) => {
      const id = ids[i]!;
      expect(serializeMessage(record, id)).toBe(JSON.stringify({ messageId: id, ...record }));
    });
    expect(serializeMessage(records[0]!, 1.5)).toBe(JSON.stringify({ messageId: 1.5, ...records[0] }));
    expect(serializeMessage(records[0]!, NaN)).toBe(JSON.stringify({ messageId: NaN, ...records[0] }));
  });

  it('needs a sellerId to write', () => {
    expect(() => amazon.format('json', makeContext({ sellerId: undefined }))).toThrow(/sellerId/);
  });

  it('the feed schema rejects a feed without messageIds, a bad header or too many messages', () => {
    const validate = compileFeedSchema();
    const message = { messageId: 1, ...recordOf(validFields()) };
    const header = { sellerId: 'A2SELLER', version: '2.0' };
    expect(validate({ header, messages: [message] })).toBe(true);
    expect(validate({ header, messages: [recordOf(validFields())] })).toBe(false);
    expect(validate({ header: { ...header, version: '1.0' }, messages: [message] })).toBe(false);
    expect(validate({ header, messages: [] })).toBe(false);
    expect(validate({ header, messages: Array.from({ length: 25_001 }, (_, i) => ({ ...message, messageId: i + 1 })) })).toBe(false);
  });

  it('declares the split limits', () => {
    expect(amazon.format('json', makeContext()).split).toEqual({ maxItems: FEED_MAX_MESSAGES, maxBytes: FEED_MAX_BYTES });
  });

  it('splits 25,001 messages into two files that each validate against the feed schema', async () => {
    const records = function* () {
      for (let i = 1; i <= 25_001; i++) yield offer(i);
    };
    const files = await writeWithSink(records());
    expect(files.map((f) => f.split('/').pop())).toEqual(['amazon-1.json', 'amazon-2.json']);
    const validate = compileFeedSchema();
    const counts = files.map((file) => {
      const feed = JSON.parse(readFileSync(file, 'utf8')) as { messages: Array<{ messageId: number }> };
      expect(validate(feed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      feed.messages.forEach((m, i) => expect(m.messageId).toBe(i + 1));
      return feed.messages.length;
    });
    expect(counts).toEqual([25_000, 1]);
  });

  it('splits by size before a file passes 10 MiB', async () => {
    const description = 'x'.repeat(5000);
    const records = function* () {
      for (let i = 1; i <= 2200; i++) yield recordOf(validFields({ id: `BIG-${i}`, description }));
    };
    const files = await writeWithSink(records());
    expect(files).toHaveLength(2);
    const validate = compileFeedSchema();
    for (const file of files) {
      expect(statSync(file).size).toBeLessThanOrEqual(FEED_MAX_BYTES);
      expect(validate(JSON.parse(readFileSync(file, 'utf8')))).toBe(true);
    }
    expect(readdirSync(join(files[0]!, '..')).sort()).toEqual(['amazon-1.json', 'amazon-2.json']);
  });
});
