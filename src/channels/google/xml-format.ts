/**
 * RSS 2.0 with the `g:` namespace, built by hand: attributes in table order, arrays as repeated
 * elements, groups (shipping, product_detail) as nested elements. Text is XML-escaped and
 * characters XML 1.0 forbids are dropped here too, whatever the record holds.
 */
import type { FeedFormat } from '../contract.js';
import { ATTRIBUTES } from './attributes.js';
import type { GoogleConfig } from './config.js';
import { PRODUCT_DETAIL_FIELDS, SHIPPING_FIELDS, type GoogleRecord, type GoogleValue } from './record.js';

/** What model/text.ts escapeXml replaces or removes (lone surrogates only, thanks to the `u` flag). */
const ESCAPE_TEST_RE = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/**
 * model/text.ts escapeXml (the five special characters escaped, characters XML 1.0 forbids
 * removed) with a charCode loop instead of a replace callback per match: descriptions hold a
 * dozen quotes and ampersands each. The regex test first also flattens the string.
 */
export function escapeXml(text: string): string {
  if (!ESCAPE_TEST_RE.test(text)) return text;
  const n = text.length;
  let out = '';
  let last = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let entity: string;
    if (c >= 0x3f) {
      if (c < 0xd800) continue;
      if (c <= 0xdbff) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++; // a pair
          continue;
        }
        entity = '';
      } else if (c <= 0xdfff || c >= 0xfffe) {
        entity = ''; // a lone low surrogate (a paired one was skipped above), U+FFFE, U+FFFF
      } else {
        continue;
      }
    } else if (c >= 0x20) {
      if (c === 38) entity = '&amp;';
      else if (c === 60) entity = '&lt;';
      else if (c === 62) entity = '&gt;';
      else if (c === 34) entity = '&quot;';
      else if (c === 39) entity = '&apos;';
      else continue;
    } else if (c === 9 || c === 10 || c === 13) {
      continue;
    } else {
      entity = '';
    }
    out += text.slice(last, i) + entity;
    last = i + 1;
  }
  return out + text.slice(last);
}

export const GOOGLE_NS = 'http://base.google.com/ns/1.0';

/** Sub-attribute order of group attributes (fixed, whatever order the entry's keys have). */
const GROUP_FIELDS: Record<string, readonly string[]> = {
  shipping: SHIPPING_FIELDS,
  product_detail: PRODUCT_DETAIL_FIELDS,
};

function element(name: string, value: unknown, indent: string): string {
  if (typeof value === 'string') return `${indent}<g:${name}>${escapeXml(value)}</g:${name}>\n`;
  const fields = GROUP_FIELDS[name];
  if (fields && value !== null && typeof value === 'object') {
    const entry = value as Record<string, unknown>;
    let inner = '';
    for (const key of fields) {
      const sub = entry[key];
      if (typeof sub === 'string' && sub !== '') inner += `${indent}  <g:${key}>${escapeXml(sub)}</g:${key}>\n`;
    }
    return `${indent}<g:${name}>\n${inner}${indent}</g:${name}>\n`;
  }
  return '';
}

const ITEM_INDENT = '      ';
const ATTRIBUTE_INDEX = new Map(ATTRIBUTES.map((spec, index) => [spec.name, index]));
/** `      <g:name>` and `</g:name>\n` per attribute, built once. */
const OPEN_TAGS = ATTRIBUTES.map((spec) => `${ITEM_INDENT}<g:${spec.name}>`);
const CLOSE_TAGS = ATTRIBUTES.map((spec) => `</g:${spec.name}>\n`);

/** Attribute indexes of the record's keys (unknown keys left out), in table order. */
function presentAttributes(record: GoogleRecord): number[] {
  const order: number[] = [];
  let sorted = true;
  for (const key in record) {
    const index = ATTRIBUTE_INDEX.get(key);
    if (index === undefined) continue;
    if (order.length > 0 && index < order[order.length - 1]!) sorted = false;
    order.push(index);
  }
  return sorted ? order : order.sort((a, b) => a - b);
}

function attributeXml(index: number, name: string, value: GoogleValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return OPEN_TAGS[index]! + escapeXml(value) + CLOSE_TAGS[index]!;
  if (!Array.isArray(value)) return element(name, value, ITEM_INDENT);
  let out = '';
  for (const one of value) {
    out += typeof one === 'string' ? OPEN_TAGS[index]! + escapeXml(one) + CLOSE_TAGS[index]! : element(name, one, ITEM_INDENT);
  }
  return out;
}

/** Any key order: the attributes sorted into table order first. */
function formatItemXmlSorted(record: GoogleRecord): string {
  let out = '    <item>\n';
  for (const index of presentAttributes(record)) {
    const name = ATTRIBUTES[index]!.name;
    out += attributeXml(index, name, record[name]);
  }
  return out + '    </item>\n';
}

export function formatItemXml(record: GoogleRecord): string {
  let out = '    <item>\n';
  // The record's own keys (a few dozen) rather than a lookup of every attribute of the table; they
  // come in table order as transform builds them (no index array per record), else the sorted path.
  let last = -1;
  for (const name in record) {
    const index = ATTRIBUTE_INDEX.get(name);
    if (index === undefined) continue;
    if (index < last) return formatItemXmlSorted(record);
    last = index;
    out += attributeXml(index, name, record[name]);
  }
  return out + '    </item>\n';
}

export function createXmlFormat(config: GoogleConfig): FeedFormat<GoogleRecord> {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<rss version="2.0" xmlns:g="${GOOGLE_NS}">\n` +
    '  <channel>\n' +
    `    <title>${escapeXml(config.title)}</title>\n` +
    (config.link ? `    <link>${escapeXml(config.link)}</link>\n` : '') +
    `    <description>${escapeXml(config.description)}</description>\n`;
  return {
    extension: 'xml',
    begin: () => head,
    item: (record) => formatItemXml(record),
    end: () => '  </channel>\n</rss>\n',
  };
}
