/**
 * RSS 2.0 with the `g:` namespace, built by hand: attributes in table order, arrays as repeated
 * elements, groups (shipping, product_detail) as nested elements. Text is XML-escaped and
 * characters XML 1.0 forbids are dropped here too, whatever the record holds.
 */
import { escapeXml } from '../../model/text.js';
import type { FeedFormat } from '../contract.js';
import { ATTRIBUTES } from './attributes.js';
import type { GoogleConfig } from './config.js';
import { PRODUCT_DETAIL_FIELDS, SHIPPING_FIELDS, type GoogleRecord } from './record.js';

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

export function formatItemXml(record: GoogleRecord): string {
  let out = '    <item>\n';
  for (const spec of ATTRIBUTES) {
    const value = record[spec.name];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const one of value) out += element(spec.name, one, '      ');
    } else {
      out += element(spec.name, value, '      ');
    }
  }
  return `${out}    </item>\n`;
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
