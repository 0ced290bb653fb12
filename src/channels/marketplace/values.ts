/**
 * What one product says, read for one marketplace instance: fields with per-channel overrides,
 * the price in force, the stock this channel may sell, images, a barcode. Every reader records
 * its problems once in `vc.issues` and returns undefined when there is nothing to write.
 */
import type { Product } from '../../model/product.js';
import { MULTI_VALUE_SEPARATOR, splitValues } from '../../model/product.js';
import { formatAmount, parseMoney, type Money } from '../../model/money.js';
import { reserveStock } from '../../rules/stock.js';
import { checkGtin, gtinKind, isScientificNotation } from '../../validate/gtin.js';
import { isIsoRange, isoTime } from '../../validate/formats.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { MarketplaceVariation } from './record.js';
import type { MarketplaceSettings } from './settings.js';
import { renderTemplate, type Template, type TemplateLookup, type TemplateModifier } from '../../rules/template.js';

export interface ValueContext {
  product: Product;
  settings: MarketplaceSettings;
  now: Date;
  issues: Issue[];
  /** Reader results for this product, so each problem is reported once. */
  memo: ValueMemo;
  /** Whether the product has any `<channel>.<field>` key; most have none, and are read without looking for one. */
  overrides: boolean;
}

/** One slot per reader; `undefined` is "not read yet", `null` "read, nothing to write". */
export interface ValueMemo {
  price: Money | null | undefined;
  salePrice: Money | null | undefined;
  /** Other money fields read through `{field:amount}` placeholders. */
  money: Map<string, Money | null> | undefined;
  sellingPrice: Money | null | undefined;
  quantity: number | null | undefined;
  barcode: Barcode | null | undefined;
  variation: MarketplaceVariation | null | undefined;
  lookup: TemplateLookup | undefined;
}

export function createValueContext(product: Product, settings: MarketplaceSettings, now: Date): ValueContext {
  const memo: ValueMemo = {
    price: undefined,
    salePrice: undefined,
    money: undefined,
    sellingPrice: undefined,
    quantity: undefined,
    barcode: undefined,
    variation: undefined,
    lookup: undefined,
  };
  return { product, settings, now, issues: [], memo, overrides: hasOverrides(product) };
}

function hasOverrides(product: Product): boolean {
  for (const key in product.fields) if (key.includes('.')) return true;
  return false;
}

export function report(vc: ValueContext, issue: Issue): void {
  vc.issues.push({ channel: vc.settings.instance, productId: vc.product.id, line: vc.product.line, ...issue });
}

/** Per settings: field name -> the override keys read before it (`etsy.title`, then `ebay.title`). */
const overrideKeys = new WeakMap<MarketplaceSettings, Map<string, readonly string[]>>();

function overridesOf(settings: MarketplaceSettings, name: string): readonly string[] {
  let byName = overrideKeys.get(settings);
  if (!byName) overrideKeys.set(settings, (byName = new Map()));
  let keys = byName.get(name);
  if (!keys) {
    const { instance, profileId } = settings;
    byName.set(name, (keys = instance === profileId ? [`${instance}.${name}`] : [`${instance}.${name}`, `${profileId}.${name}`]));
  }
  return keys;
}

/**
 * A field for this instance: `<instance>.<name>` (e.g. `etsy.title`), then `<profile>.<name>`
 * when the profile is named differently (`ebay.title` for an `ebay-uk` instance), then `<name>`.
 */
export function readField(vc: ValueContext, name: string): string | undefined {
  const { fields } = vc.product;
  if (vc.overrides) for (const key of overridesOf(vc.settings, name)) {
    const value = fields[key];
    if (value !== undefined && value !== '') return value;
  }
  const value = fields[name];
  return value === '' ? undefined : value;
}

/** A money field (`price`, `sale_price`) parsed with the catalog's settings. */
export function readMoney(vc: ValueContext, name: string): Money | undefined {
  const { memo } = vc;
  let money = name === 'price' ? memo.price : name === 'sale_price' ? memo.salePrice : memo.money?.get(name);
  if (money === undefined) {
    money = parseMoneyField(vc, name) ?? null;
    if (name === 'price') memo.price = money;
    else if (name === 'sale_price') memo.salePrice = money;
    else (memo.money ??= new Map()).set(name, money);
  }
  return money ?? undefined;
}

function parseMoneyField(vc: ValueContext, name: string): Money | undefined {
  const text = readField(vc, name);
  if (text === undefined) return undefined;
  const { catalog, currency } = vc.settings;
  const parsed = parseMoney(text, { defaultCurrency: currency ?? catalog.currency, decimalComma: catalog.decimalComma });
  if (!parsed.ok) {
    report(vc, error('marketplace-price-invalid', `${name}: ${parsed.reason}`, { field: name }));
    return undefined;
  }
  if (parsed.money.minor < 0) {
    report(vc, error('marketplace-price-invalid', `${name}: "${text}" is negative`, { field: name }));
    return undefined;
  }
  if (currency !== undefined && parsed.money.currency !== currency) {
    report(vc, error('marketplace-currency-mismatch', `${name}: "${text}" is in ${parsed.money.currency}; ${vc.settings.instance} sells in ${currency}`, { field: name }));
    return undefined;
  }
  return parsed.money;
}

/** The price a buyer pays now: `sale_price` while its effective date range (if any) holds, else `price`. */
export function readSellingPrice(vc: ValueContext): Money | undefined {
  if (vc.memo.sellingPrice === undefined) vc.memo.sellingPrice = chooseSellingPrice(vc) ?? null;
  return vc.memo.sellingPrice ?? undefined;
}

function chooseSellingPrice(vc: ValueContext): Money | undefined {
  const price = readMoney(vc, 'price');
  if (price === undefined) return undefined;
  const sale = readMoney(vc, 'sale_price');
  if (sale === undefined || sale.currency !== price.currency) return price;
  const range = readField(vc, 'sale_price_effective_date');
  if (range === undefined) return sale;
  if (!isIsoRange(range)) {
    report(vc, warning('marketplace-sale-date-invalid', `sale_price_effective_date: "${range}" is not a start/end range; sale price ignored`, { field: 'sale_price_effective_date' }));
    return price;
  }
  const [start = '', end = ''] = range.split('/');
  const now = vc.now.getTime();
  return isoTime(start) <= now && now < isoTime(end) ? sale : price;
}

const WHOLE_NUMBER_RE = /^-?[0-9]+$/;

/** The stock this instance may sell: the catalog quantity through the instance's stock policy. */
export function readQuantity(vc: ValueContext): number | undefined {
  if (vc.memo.quantity === undefined) vc.memo.quantity = computeQuantity(vc) ?? null;
  return vc.memo.quantity ?? undefined;
}

function computeQuantity(vc: ValueContext): number | undefined {
  const text = readField(vc, 'quantity');
  if (text === undefined) {
    const availability = readField(vc, 'availability');
    return availability === 'out_of_stock' || availability === 'out of stock' ? 0 : undefined;
  }
  const trimmed = text.trim();
  if (!WHOLE_NUMBER_RE.test(trimmed)) {
    report(vc, error('marketplace-quantity-invalid', `quantity: "${text}" is not a whole number`, { field: 'quantity' }));
    return undefined;
  }
  return reserveStock(Number(trimmed), vc.settings.stock);
}

/**
 * `image_link` then `additional_image_link` values, without repeats, `|`-joined (eBay's PicURL);
 * undefined when there is none. Read once per product, so not memoised.
 */
export function readImageList(vc: ValueContext): string | undefined {
  const image = readField(vc, 'image_link');
  const more = readField(vc, 'additional_image_link');
  // A lone image without additional ones needs no split and no de-duplication.
  if (more === undefined && (image === undefined || image.indexOf(MULTI_VALUE_SEPARATOR) < 0)) return image?.trim() || undefined;
  const images: string[] = [];
  addValues(images, image);
  addValues(images, more);
  return images.length === 0 ? undefined : images.join('|');
}

/** Appends the multi-value's values that `list` does not hold yet. */
function addValues(list: string[], value: string | undefined): void {
  for (const part of splitValues(value)) if (!list.includes(part)) list.push(part);
}

/** `splitValues(value)[0]`: the first non-blank value, trimmed; split only when there are several. */
export function firstValue(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.indexOf(MULTI_VALUE_SEPARATOR) >= 0) return splitValues(value)[0];
  const only = value.trim();
  return only === '' ? undefined : only;
}

export interface Barcode {
  kind: 'ean' | 'upc';
  gtin: string;
}

/** The GTIN as an EAN (8 or 13 digits) or UPC (12); a GTIN-14 with indicator 0 is its EAN-13. */
export function readBarcode(vc: ValueContext): Barcode | undefined {
  if (vc.memo.barcode === undefined) vc.memo.barcode = computeBarcode(vc) ?? null;
  return vc.memo.barcode ?? undefined;
}

function computeBarcode(vc: ValueContext): Barcode | undefined {
  const text = readField(vc, 'gtin');
  if (text === undefined) return undefined;
  if (isScientificNotation(text)) {
    report(vc, error('gtin-scientific-notation', `gtin: "${text}" was turned into scientific notation by a spreadsheet; its digits are lost`, { field: 'gtin' }));
    return undefined;
  }
  const checked = checkGtin(text);
  if (!checked.ok) {
    report(vc, error(checked.code, `gtin: ${checked.reason}`, { field: 'gtin' }));
    return undefined;
  }
  let gtin = checked.gtin;
  if (gtin.length === 14 && gtin.startsWith('0')) gtin = gtin.slice(1);
  const kind = gtinKind(gtin);
  if (kind === 'gtin') {
    report(vc, warning('marketplace-gtin14', `gtin: "${text}" is a GTIN-14 (a case code); not written as EAN or UPC`, { field: 'gtin' }));
    return undefined;
  }
  return { kind, gtin };
}

/**
 * Template placeholders: fields as `readField` finds them, except `{quantity}` (the stock this
 * instance may sell); `:amount` / `:currency` read a money field, `:first` a multi-value's first value.
 */
export function templateLookup(vc: ValueContext): TemplateLookup {
  return (vc.memo.lookup ??= (field, modifier) => lookupPlaceholder(vc, field, modifier));
}

function lookupPlaceholder(vc: ValueContext, field: string, modifier: TemplateModifier | undefined): string | undefined {
  if (field === 'quantity' && modifier === undefined) {
    const quantity = readQuantity(vc);
    return quantity === undefined ? undefined : String(quantity);
  }
  if (modifier === 'amount' || modifier === 'currency') {
    const money = field === 'price' ? readSellingPrice(vc) : readMoney(vc, field);
    if (money === undefined) return undefined;
    return modifier === 'amount' ? formatAmount(money) : money.currency;
  }
  const value = readField(vc, field);
  return modifier === 'first' ? firstValue(value) : value;
}

/**
 * A column's value from its template. A lone placeholder (`{title}`, most columns) is its value as
 * `renderTemplate` gives it, read without a lookup function per product.
 */
export function templateValue(template: Template): (vc: ValueContext) => string {
  const [only] = template.parts;
  if (template.parts.length === 1 && only && 'field' in only) {
    const { field, modifier } = only;
    return (vc) => lookupPlaceholder(vc, field, modifier) ?? '';
  }
  return (vc) => renderTemplate(template, templateLookup(vc));
}
