/**
 * A Google Merchant Center record: a plain object of product data specification attributes
 * (snake_case names). Repeatable attributes are always arrays; group attributes (shipping,
 * product_detail) are arrays of entries.
 */

/** One `shipping` group: country, at most one of region / postal_code, service, price and times. */
export interface ShippingEntry {
  country?: string;
  region?: string;
  postal_code?: string;
  service?: string;
  price: string;
  min_handling_time?: string;
  max_handling_time?: string;
  min_transit_time?: string;
  max_transit_time?: string;
}

/** One `product_detail` group. */
export interface ProductDetailEntry {
  section_name?: string;
  attribute_name: string;
  attribute_value: string;
}

export type GoogleValue = string | string[] | ShippingEntry[] | ProductDetailEntry[];

export type GoogleRecord = Record<string, GoogleValue> & { id: string };

/** Sub-attribute order of a shipping group, as written in XML and in the TSV cell. */
export const SHIPPING_FIELDS = [
  'country', 'region', 'postal_code', 'service', 'price',
  'min_handling_time', 'max_handling_time', 'min_transit_time', 'max_transit_time',
] as const satisfies readonly (keyof ShippingEntry)[];

export const PRODUCT_DETAIL_FIELDS = ['section_name', 'attribute_name', 'attribute_value'] as const satisfies readonly (keyof ProductDetailEntry)[];
