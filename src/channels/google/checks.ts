/**
 * Rules for Google records that a JSON Schema cannot say: cross-field (sale price below price,
 * availability date for preorders, identifiers), GTIN check digits and prefixes, ids unique across
 * the run (and not only by letter case), variant and apparel attributes, characters in ids.
 */
import { parseMoney } from '../../model/money.js';
import type { Product } from '../../model/product.js';
import { isIsoDateTime, isoTime } from '../../validate/formats.js';
import { checkGtin, isScientificNotation } from '../../validate/gtin.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { ChannelContext, RecordChecker } from '../contract.js';
import { apparelKind } from './apparel.js';
import { IdRegistry } from './id-registry.js';
import type { GoogleRecord } from './record.js';

type Where = Partial<Issue>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** A check's answer when it finds nothing: one shared, frozen array (most records pass every check). */
const NONE: Issue[] = Object.freeze([]) as unknown as Issue[];

/** Whether a (list) attribute holds a string, as `list(value).length > 0` would say, without the list. */
function hasString(value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item === 'string') return true;
  return false;
}

/**
 * Control (Cc), format (Cf: zero-width joiners, bidi marks...), private-use (Co), surrogate (Cs)
 * and unassigned (Cn) code points: Google rejects them in ids.
 */
const BAD_ID_CHAR_RE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/u;

export function checkSalePrice(record: GoogleRecord, where: Where): Issue[] {
  const price = str(record['price']);
  const sale = str(record['sale_price']);
  if (!price || !sale) return NONE;
  const p = parseMoney(price);
  const s = parseMoney(sale);
  if (!p.ok || !s.ok) return NONE; // the schema reports the format
  if (p.money.currency !== s.money.currency) {
    return [error('sale-price-currency', `sale_price ${sale} is not in the currency of price ${price}`, { ...where, field: 'sale_price' })];
  }
  if (s.money.minor >= p.money.minor) {
    return [error('sale-price-not-below-price', `sale_price ${sale} must be below price ${price}`, { ...where, field: 'sale_price' })];
  }
  return NONE;
}

export function checkAvailabilityDate(record: GoogleRecord, where: Where): Issue[] {
  const availability = str(record['availability']);
  if ((availability === 'preorder' || availability === 'backorder') && !str(record['availability_date'])) {
    return [error('availability-date-missing', `availability ${availability} needs availability_date`, { ...where, field: 'availability_date' })];
  }
  return NONE;
}

const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/** Google accepts availability_date at most a year ahead. */
export function checkAvailabilityDateRange(record: GoogleRecord, where: Where, now: Date): Issue[] {
  const date = str(record['availability_date']);
  if (!date || !isIsoDateTime(date)) return NONE;
  const time = isoTime(date);
  if (time - now.getTime() > YEAR_MS) {
    return [warning('availability-date-too-far', `availability_date ${date} is more than a year ahead; Google ignores it`, { ...where, field: 'availability_date' })];
  }
  return NONE;
}

export function checkIdentifiers(record: GoogleRecord, where: Where): Issue[] {
  const hasGtin = hasString(record['gtin']);
  const identifierExists = str(record['identifier_exists']);
  if (identifierExists === 'no' && hasGtin) {
    return [error('identifier-exists-with-gtin', 'identifier_exists is "no" but a gtin is given; remove one of them', { ...where, field: 'identifier_exists' })];
  }
  const condition = str(record['condition']) ?? 'new';
  const brand = str(record['brand']);
  if (condition === 'new' && identifierExists !== 'no' && !(brand && (hasGtin || str(record['mpn'])))) {
    return [
      warning('identifiers-missing', 'new products need brand with gtin or mpn (or identifier_exists "no" when the product has none)', {
        ...where,
        field: brand ? 'gtin' : 'brand',
      }),
    ];
  }
  return NONE;
}

export function checkGtins(record: GoogleRecord, where: Where): Issue[] {
  const value = record['gtin'];
  if (typeof value === 'string') {
    const issue = checkOneGtin(value, where);
    return issue === undefined ? NONE : [issue];
  }
  if (!Array.isArray(value)) return NONE;
  let issues: Issue[] | undefined;
  for (const gtin of value) {
    if (typeof gtin !== 'string') continue;
    const issue = checkOneGtin(gtin, where);
    if (issue !== undefined) (issues ??= []).push(issue);
  }
  return issues ?? NONE;
}

function checkOneGtin(gtin: string, where: Where): Issue | undefined {
  if (isScientificNotation(gtin)) {
    return error('gtin-scientific-notation', `gtin "${gtin}" was turned into scientific notation by a spreadsheet; its digits are lost`, { ...where, field: 'gtin' });
  }
  const result = checkGtin(gtin);
  return result.ok ? undefined : error(result.code, `gtin ${result.reason}`, { ...where, field: 'gtin' });
}

/** Printable ASCII only: nothing BAD_ID_CHAR_RE could match (the usual id; skips the Unicode-property regex). */
function isPrintableAscii(text: string): boolean {
  const n = text.length; // read once: `text.length` in the loop test is a megamorphic load per character
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

export function checkIdCharacters(record: GoogleRecord, where: Where): Issue[] {
  if (isPrintableAscii(record.id)) return NONE;
  const match = BAD_ID_CHAR_RE.exec(record.id);
  if (!match) return NONE;
  const cp = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return [error('id-invalid-character', `id contains U+${cp} (control, format, private-use or unassigned characters are not allowed)`, { ...where, field: 'id' })];
}

const VARIANT_ATTRIBUTES = ['color', 'size', 'material', 'pattern', 'age_group', 'gender'] as const;

export function checkVariantAttributes(record: GoogleRecord, where: Where): Issue[] {
  if (!str(record['item_group_id'])) return NONE;
  for (const name of VARIANT_ATTRIBUTES) if (record[name] !== undefined) return NONE;
  return [
    warning('variant-attribute-missing', `item_group_id is set but none of ${VARIANT_ATTRIBUTES.join(', ')} tells the variants apart`, {
      ...where,
      field: 'item_group_id',
    }),
  ];
}

const APPAREL_ATTRIBUTES = ['color', 'gender', 'age_group'] as const;
const SIZED_APPAREL_ATTRIBUTES = ['color', 'size', 'gender', 'age_group'] as const;

/** Apparel without the attributes Google asks of it: color, gender, age_group, and size for clothing and shoes. */
export function checkApparel(record: GoogleRecord, where: Where): Issue[] {
  const kind = apparelKind(str(record['google_product_category']));
  if (kind === 'none') return NONE;
  const missing = (kind === 'sized-apparel' ? SIZED_APPAREL_ATTRIBUTES : APPAREL_ATTRIBUTES).filter((name) => record[name] === undefined);
  if (missing.length === 0) return NONE;
  const what = kind === 'sized-apparel' ? 'clothing and shoes need' : 'apparel products need';
  return [warning('apparel-attribute-missing', `${what} ${missing.join(', ')}`, { ...where, field: missing[0] })];
}

/** Attributes that tell variants of one product apart on its page. */
const VARIANT_DIFFERENCES = ['color', 'size', 'material', 'pattern'] as const;
/** Query parameters that pick a variant or track a visit, not a page (Shopify's `variant`, `utm_*`). */
const NOT_PAGE_PARAM_RE = /^(?:variant|utm_[a-z]+)$/i;

/** A link without its fragment and the parameters that do not choose the page. */
export function productPage(link: unknown): string | undefined {
  if (typeof link !== 'string' || link === '') return undefined;
  const hash = link.indexOf('#');
  const bare = hash < 0 ? link : link.slice(0, hash);
  const query = bare.indexOf('?');
  if (query < 0) return bare;
  const kept = bare.slice(query + 1).split('&').filter((pair) => pair !== '' && !NOT_PAGE_PARAM_RE.test(pair.split('=', 1)[0]!));
  return kept.length === 0 ? bare.slice(0, query) : `${bare.slice(0, query)}?${kept.join('&')}`;
}

/**
 * Variants without item_group_id: two neighbouring records (catalogs list a product's variants
 * together) on the same product page that differ in color, size, material or pattern. Keeps only the
 * record before, so memory does not grow; variants listed apart from each other are not seen.
 */
function createVariantGroupCheck(): (record: GoogleRecord, where: Where) => Issue[] {
  let previous: { page: string; record: GoogleRecord } | undefined;
  return (record, where) => {
    const before = previous;
    const page = str(record['item_group_id']) ? undefined : productPage(record['link']);
    previous = page === undefined ? undefined : { page, record };
    if (page === undefined || before?.page !== page) return NONE;
    const differs = VARIANT_DIFFERENCES.find((name) => String(record[name] ?? '') !== String(before.record[name] ?? ''));
    if (differs === undefined) return NONE;
    return [
      warning(
        'variant-group-missing',
        `same product page as "${before.record.id}" (the record before it) but a different ${differs}: variants of one product need one item_group_id`,
        { ...where, field: 'item_group_id' },
      ),
    ];
  };
}

const RECORD_CHECKS = [checkIdCharacters, checkSalePrice, checkAvailabilityDate, checkIdentifiers, checkGtins, checkVariantAttributes, checkApparel];

export function createGoogleChecker(ctx: ChannelContext): RecordChecker<GoogleRecord> {
  /** Ids seen, for the duplicate and letter-case checks (hashes, not strings: see IdRegistry). */
  const ids = new IdRegistry();
  /** One where for every record: the checks copy it into the issues they make. */
  const where = { channel: ctx.instance, productId: '', line: 0 };
  const checkVariantGroup = createVariantGroupCheck();
  return {
    check(record: GoogleRecord, product: Product): Issue[] {
      where.productId = record.id;
      where.line = product.line;
      let issues: Issue[] | undefined;
      for (const check of RECORD_CHECKS) {
        const found = check(record, where);
        if (found.length > 0) (issues ??= []).push(...found);
      }
      const dateRange = checkAvailabilityDateRange(record, where, ctx.now);
      if (dateRange.length > 0) (issues ??= []).push(...dateRange);
      const group = checkVariantGroup(record, where);
      if (group.length > 0) (issues ??= []).push(...group);
      const seen = ids.add(record.id, product.line);
      if (seen.kind === 'duplicate') {
        (issues ??= []).push(error('duplicate-id', `id "${record.id}" is used by more than one product (first on line ${seen.firstLine})`, { ...where, field: 'id' }));
      } else if (seen.kind === 'case-collision') {
        (issues ??= []).push(
          warning('id-case-collision', `id "${record.id}" differs only by letter case from the id on line ${seen.firstLine}; Google may treat them as one product`, {
            ...where,
            field: 'id',
          }),
        );
      }
      return issues ?? NONE;
    },
  };
}
