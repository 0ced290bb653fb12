/** Variant-level fields: options, price, stock, weight and barcode of one variant row. */
import { warning, type Issue } from '../../../validate/issue.js';
import { isScientificNotation } from '../../../validate/gtin.js';
import { COL, OPTION_NUMBERS, cell, optionValue, type ShopifyRecord } from './columns.js';

/** Option names with a canonical attribute; other names become `option_<name>`. */
const OPTION_ATTRIBUTES: Record<string, string> = {
  color: 'color',
  colour: 'color',
  size: 'size',
  material: 'material',
  pattern: 'pattern',
  gender: 'gender',
  'age group': 'age_group',
};

export function optionAttribute(name: string): string {
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return OPTION_ATTRIBUTES[key] ?? `option_${key.replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '')}`;
}

/** Option values by attribute. `Title` / `Default Title` is Shopify's "no options" marker. */
export function mapOptions(record: ShopifyRecord, optionNames: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  OPTION_NUMBERS.forEach((n, i) => {
    const name = optionNames[i] ?? '';
    const value = cell(record, optionValue(n));
    if (name === '' || value === '') return;
    if (name.toLowerCase() === 'title' && value.toLowerCase() === 'default title') return;
    fields[optionAttribute(name)] = value;
  });
  return fields;
}

/** Compares two plain decimals (`25`, `64.95`) exactly; undefined when either is not one. */
export function compareDecimals(a: string, b: string): number | undefined {
  const re = /^([0-9]+)(?:\.([0-9]*))?$/;
  const ma = re.exec(a);
  const mb = re.exec(b);
  if (!ma || !mb) return undefined;
  const scale = Math.max(ma[2]?.length ?? 0, mb[2]?.length ?? 0);
  const units = (m: RegExpExecArray): bigint => BigInt(m[1]! + (m[2] ?? '').padEnd(scale, '0'));
  const diff = units(ma) - units(mb);
  return diff === 0n ? 0 : diff > 0n ? 1 : -1;
}

/** A compare-at price above the price is the regular price and the price is the sale price. */
export function mapPrice(record: ShopifyRecord): Record<string, string> {
  const price = cell(record, COL.price);
  const compareAt = cell(record, COL.compareAtPrice);
  if (price !== '' && compareAt !== '' && compareDecimals(compareAt, price) === 1) {
    return { price: compareAt, sale_price: price };
  }
  return price === '' ? {} : { price };
}

/**
 * Blank `Variant Inventory Tracker` means Shopify does not track stock and always sells the variant:
 * in_stock, no quantity. Tracked: quantity > 0 is in_stock; policy `continue` (sell when out of stock)
 * is in_stock too, not backorder, since Google requires an availability_date for backorder.
 */
export function mapStock(record: ShopifyRecord): Record<string, string> {
  if (cell(record, COL.inventoryTracker) === '') return { availability: 'in_stock' };
  const qtyText = cell(record, COL.inventoryQty);
  const qty = /^-?[0-9]+$/.test(qtyText) ? Number(qtyText) : 0;
  const sellsWhenOut = cell(record, COL.inventoryPolicy).toLowerCase() === 'continue';
  return {
    availability: qty > 0 || sellsWhenOut ? 'in_stock' : 'out_of_stock',
    quantity: String(Math.max(0, qty)),
  };
}

/** Grams per unit Google's shipping_weight accepts. */
const GRAMS_PER_UNIT: Record<string, number> = { g: 1, kg: 1000, lb: 453.59237, oz: 28.349523125 };

/**
 * `Variant Grams` is always grams; `Variant Weight Unit` is the unit the merchant shows. The weight is
 * given in that unit, rounded to 2 decimals (`226.796185` g in oz -> `8 oz`). 0 or empty: no weight.
 */
export function mapWeight(record: ShopifyRecord): string | undefined {
  const grams = Number(cell(record, COL.variantGrams));
  if (!Number.isFinite(grams) || grams <= 0) return undefined;
  const wanted = cell(record, COL.variantWeightUnit).toLowerCase();
  const unit = wanted in GRAMS_PER_UNIT ? wanted : 'g';
  const amount = Math.round((grams / GRAMS_PER_UNIT[unit]!) * 100) / 100;
  return `${amount} ${unit}`;
}

export interface VariantFields {
  fields: Record<string, string>;
  issues: Issue[];
}

/** A variant row's own fields; `mpn` (product-level) is passed in so both identifiers get the same check. */
export function mapVariantFields(record: ShopifyRecord, optionNames: readonly string[], mpn: string, id: string, line: number): VariantFields {
  const issues: Issue[] = [];
  const fields: Record<string, string> = { ...mapPrice(record), ...mapStock(record), ...mapOptions(record, optionNames) };
  const weight = mapWeight(record);
  if (weight) fields['shipping_weight'] = weight;

  const barcode = cell(record, COL.barcode);
  if (isScientificNotation(barcode)) {
    issues.push(warning('shopify-barcode-scientific',
      `Variant Barcode "${barcode}" was turned into scientific notation by a spreadsheet and its digits are lost; not sent as a GTIN. Fix it in Shopify and export again without opening the file in a spreadsheet.`,
      { productId: id, line, field: 'gtin' }));
  } else if (barcode !== '') fields['gtin'] = barcode;

  if (isScientificNotation(mpn)) {
    issues.push(warning('shopify-mpn-scientific',
      `Google Shopping / MPN "${mpn}" was turned into scientific notation by a spreadsheet; not sent as an MPN.`,
      { productId: id, line, field: 'mpn' }));
  } else if (mpn !== '') fields['mpn'] = mpn;
  return { fields, issues };
}
