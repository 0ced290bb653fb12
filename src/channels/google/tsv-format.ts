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
  const flat = CONTROL_RE.test(text) ? text.replace(CONTROL_RUN_RE, ' ') : text;
  return flat.charCodeAt(0) === 34 ? quote(flat) : flat;
}

const CONTROL_RE = /[\x00-\x1F]/;
const CONTROL_RUN_RE = /[\x00-\x1F]+/g;

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
  const count = columns.length;
  const columnIndex = new Map(columns.map((name, index) => [name, index]));
  /** TABS[k]: k tab characters. */
  const tabs = Array.from({ length: count + 1 }, (_, k) => '\t'.repeat(k));
  const lookupEveryColumn = (record: GoogleRecord): string => `${columns.map((name) => tsvCell(name, record[name])).join('\t')}\n`;
  // With every column named once, walk the record's keys (a few dozen) instead of looking up every
  // column: while they come in column order (as transform builds them), each cell is appended after
  // the tabs of the empty columns before it. Any other key order takes the lookup path.
  const item =
    columnIndex.size !== count
      ? lookupEveryColumn
      : (record: GoogleRecord): string => {
          let line = '';
          let last = -1; // the last column written
          for (const name in record) {
            const index = columnIndex.get(name);
            if (index === undefined) continue;
            if (index <= last) return lookupEveryColumn(record);
            line += tabs[last < 0 ? index : index - last]! + tsvCell(name, record[name]);
            last = index;
          }
          return `${line}${tabs[last < 0 ? count - 1 : count - 1 - last]!}\n`;
        };
  return {
    extension: 'tsv',
    begin: () => header,
    item,
    end: () => '',
  };
}
