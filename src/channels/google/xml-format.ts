/**
 * RSS 2.0 with the `g:` namespace, built by hand: attributes in table order, arrays as repeated
 * elements, groups (shipping, product_detail) as nested elements. Text is XML-escaped and
 * characters XML 1.0 forbids are dropped here too, whatever the record holds.
 */
import { escapeXml } from '../../model/text.js';
import type { FeedFormat } from '../contract.js';
import { ATTRIBUTES } from './attributes.js';
import type { GoogleConfig } from './config.js';
import { PRODUCT_DETAIL_FIELDS, SHIPPING_FIELDS, type GoogleRecord, type GoogleValue } from './record.js';

export { escapeXml };

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

/**
 * SEPARATORS[last * SEPARATOR_STRIDE + index]: what comes between the text of attribute `last`
 * (-1: the item's start) and the text of attribute `index` (ATTRIBUTE_COUNT: the item's end): the
 * closing tag of one and the opening tag of the other, so each value costs one concatenation less.
 * Built on first use (a few dozen pairs occur).
 */
const ATTRIBUTE_COUNT = ATTRIBUTES.length;
const SEPARATOR_STRIDE = ATTRIBUTE_COUNT + 1;
const SEPARATORS: (string | undefined)[] = new Array<string | undefined>((ATTRIBUTE_COUNT + 1) * SEPARATOR_STRIDE).fill(undefined);
const ITEM_START = '    <item>\n';
const ITEM_END = '    </item>\n';

function separator(last: number, index: number): string {
  const slot = (last + 1) * SEPARATOR_STRIDE + index;
  let text = SEPARATORS[slot];
  if (text === undefined) {
    text = (last < 0 ? ITEM_START : CLOSE_TAGS[last]!) + (index === ATTRIBUTE_COUNT ? ITEM_END : OPEN_TAGS[index]!);
    SEPARATORS[slot] = text;
  }
  return text;
}

export function formatItemXml(record: GoogleRecord): string {
  let out = '';
  let started = false; // out holds ITEM_START
  let openIndex = -1; // the attribute whose last element's closing tag is still to be written
  // The record's own keys (a few dozen) rather than a lookup of every attribute of the table; they
  // come in table order as transform builds them (no index array per record), else the sorted path.
  let last = -1;
  for (const name in record) {
    const index = ATTRIBUTE_INDEX.get(name);
    if (index === undefined) continue;
    if (index < last) return formatItemXmlSorted(record);
    last = index;
    const value = record[name];
    if (value === undefined) continue;
    const list = Array.isArray(value);
    const count = list ? value.length : 1;
    for (let k = 0; k < count; k++) {
      const one: unknown = list ? value[k] : value;
      if (typeof one === 'string') {
        // The previous closing tag (or the item's start) and this opening tag in one piece.
        out += (openIndex >= 0 ? separator(openIndex, index) : started ? OPEN_TAGS[index]! : separator(-1, index)) + escapeXml(one);
        openIndex = index;
      } else {
        out += openIndex >= 0 ? CLOSE_TAGS[openIndex]! : started ? '' : ITEM_START;
        out += element(name, one, ITEM_INDENT);
        openIndex = -1;
      }
      started = true;
    }
  }
  if (openIndex >= 0) return out + separator(openIndex, ATTRIBUTE_COUNT);
  return (started ? out : ITEM_START) + ITEM_END;
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
