/**
 * Google attribute normalisation shared by the XML and TSV readers, so that the same item written
 * as XML and as TSV compares equal: repeated XML elements and comma-separated TSV cells both become
 * lists, and nested groups (`<g:shipping>`) become their TSV string form (`US::Standard:4.95 USD`).
 */
import type { FieldValue } from './types.js';

/** Attributes Google lets repeat (XML: repeated element; TSV: comma-separated in one cell). */
export const GOOGLE_MULTI_VALUE = new Set([
  'additional_image_link',
  'lifestyle_image_link',
  'product_type',
  'gtin',
  'shipping',
  'carrier_shipping',
  'tax',
  'product_detail',
  'product_highlight',
  'excluded_destination',
  'included_destination',
  'shopping_ads_excluded_country',
  'promotion_id',
  'certification',
  'free_shipping_threshold',
  'loyalty_program',
  'consumer_notice',
]);

interface GroupShape {
  /** Sub-attributes by position; a position may accept alternatives (region or postal_code...). */
  slots: string[][];
  /** Positions always written; trailing empty positions past these are dropped. */
  minimum: number;
}

const SHIPPING: GroupShape = {
  slots: [
    ['country'],
    ['region', 'postal_code', 'location_id', 'location_group_name'],
    ['service'],
    ['price'],
    ['min_handling_time'],
    ['max_handling_time'],
    ['min_transit_time'],
    ['max_transit_time'],
  ],
  minimum: 4,
};

const GROUPS: Record<string, GroupShape> = {
  shipping: SHIPPING,
  carrier_shipping: SHIPPING,
  tax: { slots: [['country'], ['region', 'postal_code', 'location_id'], ['rate'], ['tax_ship']], minimum: 4 },
  product_detail: { slots: [['section_name'], ['attribute_name'], ['attribute_value']], minimum: 3 },
  free_shipping_threshold: { slots: [['country'], ['price_threshold']], minimum: 2 },
  installment: { slots: [['months'], ['amount'], ['downpayment'], ['credit_type']], minimum: 2 },
  subscription_cost: { slots: [['period'], ['period_length'], ['amount']], minimum: 3 },
  certification: {
    slots: [['certification_authority'], ['certification_name'], ['certification_code'], ['certification_value']],
    minimum: 3,
  },
  loyalty_program: {
    slots: [['program_label'], ['tier_label'], ['price'], ['cashback_for_future_use'], ['loyalty_points']],
    minimum: 2,
  },
};

/** `g:Shipping ` -> `shipping`. */
export function normaliseAttributeName(name: string): string {
  const trimmed = name.trim();
  const colon = trimmed.indexOf(':');
  return (colon === -1 ? trimmed : trimmed.slice(colon + 1)).toLowerCase();
}

/** A nested group (sub-attribute name -> value) as its TSV string, sub-attributes in Google's order. */
export function formatGroup(name: string, parts: Record<string, string>): string {
  const shape = GROUPS[name];
  if (shape === undefined) return Object.values(parts).map((v) => v.trim()).join(':');
  const values = shape.slots.map((alternatives) => {
    for (const sub of alternatives) {
      const value = parts[sub];
      if (value !== undefined && value.trim() !== '') return value.trim();
    }
    return '';
  });
  return trimGroupParts(values, shape.minimum).join(':');
}

/** A TSV group string made canonical: trailing empty optional positions dropped. */
export function normaliseGroupString(name: string, value: string): string {
  const shape = GROUPS[name];
  if (shape === undefined) return value;
  return trimGroupParts(value.split(':'), shape.minimum).join(':');
}

/** For a header like `shipping(country:price)`, re-lay a value into Google's default order. */
export function reorderGroupString(name: string, order: string[], value: string): string {
  const parts: Record<string, string> = {};
  const values = value.split(':');
  order.forEach((sub, index) => {
    if (index === order.length - 1 && values.length > order.length) {
      parts[sub] = values.slice(index).join(':');
    } else parts[sub] = values[index] ?? '';
  });
  return formatGroup(name, parts);
}

function trimGroupParts(values: string[], minimum: number): string[] {
  let end = values.length;
  while (end > minimum && values[end - 1] === '') end--;
  const kept = values.slice(0, end);
  while (kept.length < minimum) kept.push('');
  return kept;
}

/** Split a TSV multi-value cell on commas outside double quotes; each value unquoted and trimmed. */
export function splitMultiValueCell(cell: string): string[] {
  const values: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]!;
    if (ch === '"') {
      if (quoted && cell[i + 1] === '"') {
        current += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      values.push(current);
      current = '';
    } else current += ch;
  }
  values.push(current);
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

const HAS_CONTROL = /[\x00-\x1F]/;
const CONTROLS = /[\x00-\x1F]+/g;

/**
 * Trimmed, with runs of control characters (tab, CR, LF) as one space: TSV cannot hold them and
 * omnifeed's TSV writer flattens them the same way, so XML and TSV of one description compare equal.
 */
function flattenText(value: string): string {
  return (HAS_CONTROL.test(value) ? value.replace(CONTROLS, ' ') : value).trim();
}

/**
 * The canonical value of one attribute from its raw values (one per XML element, or one TSV cell
 * already split): a list for multi-value attributes, otherwise one string. `undefined` when empty.
 */
export function canonicalGoogleValue(name: string, values: string[]): FieldValue | undefined {
  const kept = values.map(flattenText).filter((value) => value !== '');
  if (kept.length === 0) return undefined;
  if (GOOGLE_MULTI_VALUE.has(name)) {
    return GROUPS[name] === undefined ? kept : kept.map((value) => normaliseGroupString(name, value));
  }
  return kept.length === 1 ? kept[0]! : kept.join(',');
}
