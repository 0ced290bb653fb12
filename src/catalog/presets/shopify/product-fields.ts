/**
 * Product-level fields: Shopify writes them on the first row of a handle only; every variant of the
 * handle inherits them.
 */
import { COL, CUSTOM_LABEL_NUMBERS, cell, customLabel, type ShopifyRecord } from './columns.js';

export interface ListingState {
  /** `active`, `draft`, `archived` (lower-cased as exported; `active` when the column is empty). */
  status: string;
  published: boolean;
}

export function readListingState(first: ShopifyRecord): ListingState {
  const status = cell(first, COL.status).toLowerCase() || 'active';
  const published = cell(first, COL.published).toLowerCase() !== 'false';
  return { status, published };
}

export function isListed(state: ListingState): boolean {
  return state.status === 'active' && state.published;
}

/** A Google taxonomy id (`212`) or path (`Apparel & Accessories > Clothing`). */
export function looksLikeGoogleCategory(text: string): boolean {
  return /^[0-9]+$/.test(text) || /\S\s*>\s*\S/.test(text);
}

/**
 * Canonical product-level fields. Category: `Google Shopping / Google Product Category` wins; else
 * `Product Category` when it is a taxonomy id or `>` path (Shopify's taxonomy grew out of Google's);
 * anything else in `Product Category` only fills `product_type` when `Type` is empty.
 */
export function mapProductFields(first: ShopifyRecord, handle: string, storeUrl: string | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  const set = (name: string, value: string): void => {
    if (value !== '') fields[name] = value;
  };
  set('title', cell(first, COL.title));
  set('description', cell(first, COL.body) || cell(first, COL.seoDescription));
  if (storeUrl) set('link', `${storeUrl.trim().replace(/\/+$/, '')}/products/${encodeURIComponent(handle)}`);
  set('brand', cell(first, COL.vendor));
  set('condition', cell(first, COL.condition).toLowerCase());

  const shopifyCategory = cell(first, COL.productCategory);
  const googleCategory = cell(first, COL.googleCategory) || (looksLikeGoogleCategory(shopifyCategory) ? shopifyCategory : '');
  set('google_product_category', googleCategory);
  set('product_type', cell(first, COL.type) || (looksLikeGoogleCategory(shopifyCategory) ? '' : shopifyCategory));

  set('gender', cell(first, COL.gender).toLowerCase());
  set('age_group', cell(first, COL.ageGroup).toLowerCase());
  if (cell(first, COL.customProduct).toLowerCase() === 'true') set('identifier_exists', 'no');
  for (const n of CUSTOM_LABEL_NUMBERS) set(`custom_label_${n}`, cell(first, customLabel(n)));
  return fields;
}
