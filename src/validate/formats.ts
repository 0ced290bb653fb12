/** Custom ajv formats shared by channel schemas. Each is a pure string predicate. */
import { isCurrencyCode } from '../model/money.js';
import type { Ajv } from 'ajv';
import { checkGtin } from './gtin.js';

/** `15.00 USD`: a non-negative decimal amount and an ISO 4217 code. */
export const PRICE_RE = /^[0-9]+(?:\.[0-9]{1,3})? [A-Z]{3}$/;
/** ISO 8601 date-time with minutes and an offset, as Google documents (`2016-12-25T13:00-0800`, `...Z`). */
const DATE_TIME_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

export function isIsoDateTime(text: string): boolean {
  if (!DATE_TIME_RE.test(text)) return false;
  // The pattern allows day 31 in every month: check the day against the month (February of leap years).
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Milliseconds since epoch of an ISO 8601 date-time in Google's forms (offset `-0800` or `-08:00`). */
export function isoTime(text: string): number {
  const normalized = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(normalized.length === 10 ? `${normalized}T23:59:59Z` : normalized);
}

/** `start/end`, both date-times, start before end. */
export function isIsoRange(text: string): boolean {
  const parts = text.split('/');
  if (parts.length !== 2) return false;
  const [start = '', end = ''] = parts;
  return isIsoDateTime(start) && isIsoDateTime(end) && isoTime(start) < isoTime(end);
}

const PLAIN_URL_RE = /^https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*(?:\/[\x21-\x7e]*)?$/;

/** Absolute http(s) URL, ASCII only (RFC 3986: non-ASCII must be percent-encoded), no spaces. */
export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/[\x21-\x7e]+$/.test(text)) return false;
  // The usual shape (a host name of plain labels ending in one that starts with a letter, so neither
  // IPv4 nor IDNA parsing applies, then a path) always parses: no URL object for each product's links.
  if (PLAIN_URL_RE.test(text) && !/xn--/i.test(text)) return true;
  try {
    const url = new URL(text);
    return url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function registerFormats(ajv: Ajv): void {
  ajv.addFormat('gtin', { type: 'string', validate: (s: string) => checkGtin(s).ok });
  ajv.addFormat('price', { type: 'string', validate: (s: string) => PRICE_RE.test(s) });
  ajv.addFormat('iso8601-datetime', { type: 'string', validate: isIsoDateTime });
  ajv.addFormat('iso8601-range', { type: 'string', validate: isIsoRange });
  ajv.addFormat('http-url', { type: 'string', validate: isHttpUrl });
  ajv.addFormat('iso4217', { type: 'string', validate: isCurrencyCode });
}
