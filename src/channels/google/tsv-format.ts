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
  return flat.includes(',') && flat.charCodeAt(0) !== 34 ? quote(flat) : flat;
}

function formatDetailText(entry: ProductDetailEntry): string {
  return `${entry.section_name ?? ''}:${entry.attribute_name}:${entry.attribute_value}`;
}

/** The list items of a repeated attribute, comma-joined (a loop: no mapped array per cell). */
function tsvList(name: string, values: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const text =
      name === 'shipping'
        ? formatShippingText(value as ShippingEntry)
        : name === 'product_detail'
          ? formatDetailText(value as ProductDetailEntry)
          : typeof value === 'string'
            ? value
            : String(value);
    out += i === 0 ? tsvListItem(text) : `,${tsvListItem(text)}`;
  }
  return out;
}

export function tsvCell(name: string, value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return tsvText(value);
  if (!Array.isArray(value)) return '';
  return tsvList(name, value);
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
