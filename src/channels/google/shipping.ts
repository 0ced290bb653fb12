/**
 * The `shipping` group attribute. Catalog cells use Google's text-feed spelling:
 * `country:region:service:price[:min_handling:max_handling:min_transit:max_transit]`, several
 * entries separated by `,` (or `|`). A location that looks like a postal code (digits, `*`, a range)
 * is read as `postal_code`, otherwise as `region`; in Japan always as `region`: Google takes regions
 * there (prefecture codes without the country prefix, `13`) but no postal codes (answer/6324484).
 */
import { formatMoney, parseMoney, type ParseMoneyOptions } from '../../model/money.js';
import type { ShippingEntry } from './record.js';

export type ShippingParse = { ok: true; entries: ShippingEntry[] } | { ok: false; reason: string };

/** Split on commas that start a new entry (`,US:`, `,:`), so decimal commas in prices survive. */
export function splitShippingEntries(cell: string): string[] {
  return cell.split(/,(?=\s*[A-Za-z]{0,2}\s*:)/).map((s) => s.trim()).filter((s) => s !== '');
}

/** Countries where Google takes a shipping region but no postal code, and whose region codes are digits. */
const REGION_ONLY_COUNTRIES = new Set(['JP']);

function looksLikePostalCode(location: string, country: string | undefined): boolean {
  return /[0-9*]/.test(location) && !REGION_ONLY_COUNTRIES.has(country ?? '');
}

const TIME_NAMES = ['min_handling_time', 'max_handling_time', 'min_transit_time', 'max_transit_time'] as const;

export function parseShippingEntry(text: string, money: ParseMoneyOptions & { defaultCountry?: string | undefined }): ShippingParse {
  const parts = text.split(':').map((p) => p.trim());
  if (parts.length < 4 || parts.length > 8) {
    return { ok: false, reason: `"${text}" is not country:region:service:price[:min_handling:max_handling:min_transit:max_transit]` };
  }
  const [country = '', location = '', service = '', priceText = '', ...times] = parts;
  if (priceText === '') return { ok: false, reason: `"${text}" has no price` };
  const price = parseMoney(priceText, money);
  if (!price.ok) return { ok: false, reason: `"${text}": ${price.reason}` };
  // Keys are added in SHIPPING_FIELDS order so records print the same way everywhere.
  const result: Partial<ShippingEntry> = {};
  const countryCode = country !== '' ? country.toUpperCase() : money.defaultCountry;
  if (countryCode) result.country = countryCode;
  if (location !== '') {
    if (looksLikePostalCode(location, countryCode)) result.postal_code = location;
    else result.region = location.toUpperCase();
  }
  if (service !== '') result.service = service;
  result.price = formatMoney(price.money);
  for (let i = 0; i < times.length; i++) {
    const value = times[i] ?? '';
    if (value === '') continue;
    if (!/^[0-9]+$/.test(value)) return { ok: false, reason: `"${text}": ${TIME_NAMES[i]} "${value}" is not a whole number of days` };
    result[TIME_NAMES[i]!] = value;
  }
  return { ok: true, entries: [result as ShippingEntry] };
}

export function parseShipping(cells: readonly string[], money: ParseMoneyOptions & { defaultCountry?: string | undefined }): ShippingParse {
  const entries: ShippingEntry[] = [];
  for (const cell of cells) {
    for (const text of splitShippingEntries(cell)) {
      const parsed = parseShippingEntry(text, money);
      if (!parsed.ok) return parsed;
      entries.push(...parsed.entries);
    }
  }
  return { ok: true, entries };
}

/** One TSV cell entry: `US:CA:Ground:6.49 USD`, with `:1:2:3:5` appended when any time is set. */
export function formatShippingText(entry: ShippingEntry): string {
  let out = `${entry.country ?? ''}:${entry.region ?? entry.postal_code ?? ''}:${entry.service ?? ''}:${entry.price}`;
  if (TIME_NAMES.some((name) => entry[name] !== undefined)) {
    out += TIME_NAMES.map((name) => `:${entry[name] ?? ''}`).join('');
  }
  return out;
}
