/**
 * Money as integer minor units plus an ISO 4217 currency. Never a float.
 * Parses the spellings merchants write: `19.99`, `19.99 USD`, `USD 19.99`, `19,99 EUR`, `1.299,00 EUR`,
 * `€19.99`, `19,99 €`, `$19.99` (as the default currency when it is a dollar), `1 299,00 eur`.
 */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

export interface ParseMoneyOptions {
  /** Currency used when the text names none. */
  defaultCurrency?: string | undefined;
  /** Read `,` as the decimal separator where a spelling could be either (`1,299`, `1.299`): European catalogs. */
  decimalComma?: boolean | undefined;
}

export type MoneyResult = { ok: true; money: Money } | { ok: false; reason: string };

/** ISO 4217 minor-unit exponents that are not 2. */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/** Symbols of one currency. */
const SYMBOLS: Readonly<Record<string, string>> = {
  '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₺': 'TRY', '₽': 'RUB', '₪': 'ILS', '₫': 'VND', '₱': 'PHP',
  'zł': 'PLN', 'Kč': 'CZK', 'US$': 'USD', 'CA$': 'CAD', 'C$': 'CAD', 'AU$': 'AUD', 'A$': 'AUD', 'NZ$': 'NZD',
  'HK$': 'HKD', 'S$': 'SGD', 'R$': 'BRL',
};
/** Symbols several currencies write: read as the default currency when it is one of them. */
const SHARED_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  '$': ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN', 'ARS', 'CLP', 'COP', 'TWD'],
  '¥': ['JPY', 'CNY'],
  '￥': ['JPY', 'CNY'],
  'kr': ['SEK', 'NOK', 'DKK', 'ISK'],
};
const UNIT = `[A-Za-z]{3}|${[...Object.keys(SYMBOLS), ...Object.keys(SHARED_SYMBOLS)]
  .sort((a, b) => b.length - a.length)
  .map((u) => u.replace(/[$]/g, '\\$'))
  .join('|')}`;
/** A currency code or symbol before or after the amount; spaces (also no-break ones) and `'` may group digits. */
const MONEY_RE = new RegExp(`^(?:(${UNIT})\\s*)?([+-]?[0-9][0-9.,' \\u00A0\\u202F]*?)(?:\\s*(${UNIT}))?$`);

/**
 * ISO 4217 codes: what this runtime's Intl knows, plus the fund codes it leaves out. A three-letter
 * word that is none of them (`10 XYZ`, `5 PCS`) is no currency Google or Amazon would take.
 */
const ISO_4217 = new Set([...Intl.supportedValuesOf('currency'), ...Object.keys(EXPONENTS), 'BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYW']);

export function isCurrencyCode(code: string): boolean {
  return ISO_4217.has(code);
}

/** The currency a code or symbol names, or why it names none. */
function currencyOf(unit: string, defaultCurrency: string | undefined): { currency: string } | { reason: string } {
  const single = SYMBOLS[unit];
  if (single) return { currency: single };
  const shared = SHARED_SYMBOLS[unit];
  if (shared) {
    if (defaultCurrency !== undefined && shared.includes(defaultCurrency)) return { currency: defaultCurrency };
    return { reason: `"${unit}" could be ${shared.slice(0, 3).join(', ')} or another: write the currency code (e.g. 19.99 ${shared[0]}) or set catalog.currency` };
  }
  const code = unit.toUpperCase();
  return ISO_4217.has(code) ? { currency: code } : { reason: `"${unit}" is not an ISO 4217 currency code` };
}

/** `19.99`, `19.99 USD`, `1500 JPY`: the common spellings, read without the general parser's work. */
const SIMPLE_RE = /^([0-9]{1,12})(?:\.([0-9]{1,3}))?(?: ([A-Z]{3}))?$/;

export function parseMoney(text: string, options: ParseMoneyOptions = {}): MoneyResult {
  const simple = SIMPLE_RE.exec(text);
  if (simple) {
    const currency = simple[3] ?? options.defaultCurrency;
    const frac = simple[2] ?? '';
    if (currency !== undefined && ISO_4217.has(currency) && !options.decimalComma) {
      const exponent = currencyExponent(currency);
      if (frac.length <= exponent) {
        const minor = Number(simple[1]) * 10 ** exponent + (exponent > 0 ? Number(frac.padEnd(exponent, '0')) : 0);
        return { ok: true, money: { minor, currency } };
      }
    }
  }
  return parseMoneyExact(text, options);
}

/** The general parser: every spelling `parseMoney` accepts, with reasons for what it rejects. */
export function parseMoneyExact(text: string, options: ParseMoneyOptions = {}): MoneyResult {
  const trimmed = text.trim();
  const match = MONEY_RE.exec(trimmed);
  if (!match) return { ok: false, reason: `"${text}" is not a price (expected e.g. 19.99 USD)` };
  const [, before, amountText = '', after] = match;
  if (before && after) return { ok: false, reason: `"${text}" names two currencies` };
  const unit = before ?? after;
  let currency = options.defaultCurrency;
  if (unit !== undefined) {
    const named = currencyOf(unit, options.defaultCurrency);
    if ('reason' in named) return { ok: false, reason: named.reason };
    currency = named.currency;
  }
  if (!currency) return { ok: false, reason: `"${text}" has no currency and no default currency is configured` };
  if (!ISO_4217.has(currency)) return { ok: false, reason: `"${currency}" is not an ISO 4217 currency code` };
  const minor = parseAmount(amountText.replace(/[' \u00A0\u202F]/g, ''), currencyExponent(currency), options.decimalComma ?? false);
  if (minor === undefined) return { ok: false, reason: `"${text}" is not a valid amount` };
  return { ok: true, money: { minor, currency } };
}

function parseAmount(text: string, exponent: number, decimalComma: boolean): number | undefined {
  const decimal = decimalComma ? ',' : '.';
  const group = decimalComma ? '.' : ',';
  let sign = 1;
  let body = text;
  if (body.startsWith('-')) { sign = -1; body = body.slice(1); } else if (body.startsWith('+')) body = body.slice(1);
  // The other separator is the decimal one where it cannot group thousands: last of both (`1.299,00` with a
  // dot config, `1,299.00` with a comma one), or alone before 1-2 digits (`19,99`, `19.99`).
  const last = body[Math.max(body.lastIndexOf('.'), body.lastIndexOf(','))];
  if (last === group && (body.includes(decimal) || /^[0-9]+[.,][0-9]{1,2}$/.test(body))) return parseAmount(text, exponent, !decimalComma);
  const [intPartRaw, fracPart = '', ...rest] = body.split(decimal);
  if (rest.length > 0 || intPartRaw === undefined) return undefined;
  if (intPartRaw.includes(group) && !/^[0-9]{1,3}(?:[.,][0-9]{3})+$/.test(intPartRaw)) return undefined;
  const intPart = intPartRaw.split(group).join('');
  if (!/^[0-9]+$/.test(intPart) || !/^[0-9]*$/.test(fracPart)) return undefined;
  if (fracPart.length > exponent && /[1-9]/.test(fracPart.slice(exponent))) return undefined;
  const frac = (fracPart + '0'.repeat(exponent)).slice(0, exponent);
  const value = Number(intPart) * 10 ** exponent + (exponent > 0 ? Number(frac) : 0);
  return Number.isSafeInteger(value) ? sign * value : undefined;
}

/** `1999, USD` -> `19.99` (no currency). */
export function formatAmount(money: Money): string {
  const exponent = currencyExponent(money.currency);
  const negative = money.minor < 0;
  const abs = Math.abs(money.minor);
  if (exponent === 0) return `${negative ? '-' : ''}${abs}`;
  const unit = 10 ** exponent;
  const whole = Math.floor(abs / unit);
  const frac = String(abs % unit).padStart(exponent, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Google's spelling: `19.99 USD`. */
export function formatMoney(money: Money): string {
  return `${formatAmount(money)} ${money.currency}`;
}

/** Amount as a JSON number (Amazon): 19.99. Exact because it comes from the decimal string. */
export function toDecimalNumber(money: Money): number {
  return Number(formatAmount(money));
}
