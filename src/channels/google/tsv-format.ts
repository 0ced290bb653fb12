/**
 * Tab-separated text feed: a header of attribute names, one line per record. The header is fixed
 * before the first record (streaming), so the columns are `tsvColumns` from config or every
 * supported attribute in spec order. Repeated values are comma-joined (values holding a comma are
 * quoted, as Google documents for image URLs); tabs and line breaks become spaces.
 */
import type { FeedFormat } from '../contract.js';
import { ATTRIBUTE_NAMES } from './attributes.js';
import type { GoogleConfig } from './config.js';
import { formatShippingText } from './shipping.js';
import type { GoogleRecord, ProductDetailEntry, ShippingEntry } from './record.js';

/** Tabs, line breaks and other C0 controls become spaces; a value starting with `"` is quoted. */
export function tsvText(text: string): string {
  const flat = /[\x00-\x1F]/.test(text) ? text.replace(/[\x00-\x1F]+/g, ' ') : text;
  return flat.startsWith('"') ? quote(flat) : flat;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function tsvListItem(text: string): string {
  const flat = tsvText(text);
  return flat.includes(',') && !flat.startsWith('"') ? quote(flat) : flat;
}

function formatDetailText(entry: ProductDetailEntry): string {
  return `${entry.section_name ?? ''}:${entry.attribute_name}:${entry.attribute_value}`;
}

export function tsvCell(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return tsvText(value);
  if (!Array.isArray(value)) return '';
  if (name === 'shipping') return value.map((e) => tsvListItem(formatShippingText(e as ShippingEntry))).join(',');
  if (name === 'product_detail') return value.map((e) => tsvListItem(formatDetailText(e as ProductDetailEntry))).join(',');
  return value.map((v) => tsvListItem(String(v))).join(',');
}

export function tsvColumns(config: GoogleConfig): readonly string[] {
  return config.tsvColumns && config.tsvColumns.length > 0 ? config.tsvColumns : ATTRIBUTE_NAMES;
}

export function createTsvFormat(config: GoogleConfig): FeedFormat<GoogleRecord> {
  const columns = tsvColumns(config);
  const header = `${columns.join('\t')}\n`;
  return {
    extension: 'tsv',
    begin: () => header,
    item: (record) => `${columns.map((name) => tsvCell(name, record[name])).join('\t')}\n`,
    end: () => '',
  };
}
