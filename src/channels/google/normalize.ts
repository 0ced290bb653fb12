/**
 * Per-kind value normalisation for Google attributes. Each function takes the raw catalog text and
 * returns the value to write, or a problem. Values a schema can judge (enums, dates, URLs) are
 * normalised and passed on so the schema names the problem; only text that cannot be turned into
 * a Google value at all (an unreadable price) comes back as a problem.
 */
import { formatMoney, parseMoney, type ParseMoneyOptions } from '../../model/money.js';
import { normalizeGtin } from '../../validate/gtin.js';
import { DESTINATIONS, ENERGY_CLASS, type AttributeSpec } from './attributes.js';
import { collapseWhitespace, decodeEntities, removeXmlForbidden } from '../../model/text.js';
import { cleanDescription, isCleanLine } from './clean-text.js';

/** Why a raw value cannot be read (only allocated then: a readable value is returned as the string). */
export interface Unreadable {
  reason: string;
}

export type Normalized = string | Unreadable;

export interface NormalizeOptions {
  money: ParseMoneyOptions;
  keepHtml: boolean;
}

const AVAILABILITY_ALIASES: Record<string, string> = { pre_order: 'preorder', back_order: 'backorder' };
const YES = new Set(['yes', 'true', 'y', '1']);
const NO = new Set(['no', 'false', 'n', '0']);
const DESTINATION_BY_KEY = new Map(DESTINATIONS.map((d) => [d.toLowerCase(), d]));

function underscored(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** `3kg`, `3 KG`, `3,5 kg` -> `3 kg`, `3.5 kg`; anything else unchanged (the schema reports it). */
function normalizeMeasure(text: string): string {
  const match = /^([0-9]+(?:[.,][0-9]+)?)\s*([A-Za-z]+)$/.exec(text);
  if (!match) return text;
  return `${match[1]!.replace(',', '.')} ${match[2]!.toLowerCase()}`;
}

function normalizeEnum(spec: AttributeSpec, text: string): string {
  switch (spec.name) {
    case 'availability': {
      const value = underscored(text);
      return AVAILABILITY_ALIASES[value] ?? value;
    }
    case 'size_system':
      return text.toUpperCase();
    case 'excluded_destination':
    case 'included_destination':
      return DESTINATION_BY_KEY.get(underscored(text)) ?? text;
    default:
      if (spec.values === ENERGY_CLASS) return text.toUpperCase().replace(/\s+/g, '');
      return text.toLowerCase();
  }
}

const NOT_URL_ASCII_RE = /[^\x21-\x7e]/;

/** Only U+0021..U+007E: nothing to percent-encode (the usual URL; skips the replace). A regex test: about half the cost of a charCode loop over a URL. */
export function isUrlAscii(text: string): boolean {
  return !NOT_URL_ASCII_RE.test(text);
}

/** collapseWhitespace(removeXmlForbidden(text)), skipped for a line that is clean already. */
function cleanLine(text: string): string {
  return isCleanLine(text, false) ? text : collapseWhitespace(removeXmlForbidden(text));
}

export function normalizeValue(spec: AttributeSpec, raw: string, options: NormalizeOptions): Normalized {
  switch (spec.kind) {
    case 'id':
      // = raw.trim().replace(/\s+/g, ' '): every whitespace run becomes one space, ends trimmed.
      return collapseWhitespace(raw);
    case 'html':
      return options.keepHtml ? removeXmlForbidden(raw).trim() : cleanDescription(raw);
    case 'url': {
      // Visible ASCII has nothing XML forbids, nothing to trim and nothing to encode.
      if (isUrlAscii(raw)) return raw;
      // RFC 3986 wants ASCII: percent-encode the rest (spaces included).
      const url = removeXmlForbidden(raw).trim();
      return isUrlAscii(url) ? url : url.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
    }
    case 'money': {
      const parsed = parseMoney(raw, options.money);
      return parsed.ok ? formatMoney(parsed.money) : { reason: parsed.reason };
    }
    case 'enum':
      return normalizeEnum(spec, cleanLine(raw));
    case 'yes-no': {
      const value = collapseWhitespace(raw).toLowerCase();
      return YES.has(value) ? 'yes' : NO.has(value) ? 'no' : value;
    }
    case 'gtin':
      return normalizeGtin(removeXmlForbidden(raw));
    case 'weight':
    case 'dimension':
    case 'unit-measure':
      return normalizeMeasure(cleanLine(raw));
    case 'text':
      // Catalogs exported from HTML systems write `Tom &amp; Jerry`: decode, or Google shows the entity.
      return isCleanLine(raw, true) ? raw : collapseWhitespace(removeXmlForbidden(decodeEntities(raw)));
    case 'integer':
    case 'datetime':
    case 'date-range':
    case 'shipping':
    case 'product-detail':
      return cleanLine(raw);
  }
}
