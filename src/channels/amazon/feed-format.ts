/**
 * The JSON_LISTINGS_FEED file: `{"header":{...},"messages":[` + one message per line + `]}`.
 * Messages are numbered 1..N per file. Files split before 25,000 messages or 10 MiB.
 */
import type { FeedFormat } from '../contract.js';
import { ConfigError } from '../../errors.js';
import type { ListingsRecord } from './record.js';
import type { AmazonSettings } from './settings.js';

/** The feed schema's `messages.maxItems`. */
export const FEED_MAX_MESSAGES = 25_000;
/** Amazon's Feeds API best practice: keep files under 10 MiB. */
export const FEED_MAX_BYTES = 10 * 1024 * 1024;

export function feedHeader(settings: Pick<AmazonSettings, 'sellerId' | 'issueLocale'>, instance = 'amazon'): Record<string, string> {
  if (!settings.sellerId) {
    throw new ConfigError(`channels.${instance}.sellerId: is required to write a listings feed`, 'Set it to your Merchant Token (Seller Central > Settings > Account Info).');
  }
  return {
    sellerId: settings.sellerId,
    version: '2.0',
    ...(settings.issueLocale ? { issueLocale: settings.issueLocale } : {}),
  };
}

/** One message as JSON with a fixed key order. */
export function serializeMessage(record: ListingsRecord, messageId: number): string {
  // The same bytes as JSON.stringify of the message object, without building that object.
  // A message number is a whole number, which JSON writes as String does.
  const id = Number.isInteger(messageId) ? `${messageId}` : JSON.stringify(messageId);
  let out = `{"messageId":${id},"sku":${JSON.stringify(record.sku)},"operationType":${quoteRepeated(record.operationType, lastOperation)}`;
  if (record.productType !== undefined) out += `,"productType":${quoteRepeated(record.productType, lastProductType)}`;
  if (record.requirements !== undefined) out += `,"requirements":${JSON.stringify(record.requirements)}`;
  if (record.attributes !== undefined) out += `,"attributes":${JSON.stringify(record.attributes)}`;
  if (record.patches !== undefined) out += `,"patches":${JSON.stringify(record.patches)}`;
  return `${out}}`;
}

/** The last string quoted, and its JSON: operation and product type repeat from message to message. */
interface Quoted {
  text: string;
  json: string;
}

const lastOperation: Quoted = { text: '', json: '""' };
const lastProductType: Quoted = { text: '', json: '""' };

function quoteRepeated(text: string, last: Quoted): string {
  if (text !== last.text) {
    last.text = text;
    last.json = JSON.stringify(text);
  }
  return last.json;
}

export function createFeedFormat(settings: Pick<AmazonSettings, 'sellerId' | 'issueLocale'>, instance = 'amazon'): FeedFormat<ListingsRecord> {
  const head = `{"header":${JSON.stringify(feedHeader(settings, instance))},"messages":[`;
  const tail = '\n]}\n';
  return {
    extension: 'json',
    begin: () => head,
    item: (record, index) => `\n${serializeMessage(record, index)}`,
    separator: ',',
    end: () => tail,
    // The feed sink counts the whole file (header, separators, footer) against maxBytes.
    split: { maxItems: FEED_MAX_MESSAGES, maxBytes: FEED_MAX_BYTES },
    omitWhenEmpty: true,
  };
}
