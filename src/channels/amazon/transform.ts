/**
 * Product -> listings feed messages. UPDATE with product facts, offer and static attributes by
 * default; PARTIAL_UPDATE with the offer only when `offerOnly` is set. Products in a variation
 * group also yield their parent (once per run).
 */
import type { ChannelContext, TransformResult } from '../contract.js';
import type { Product } from '../../model/product.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import { mergeAttributes } from './attribute-order.js';
import { buildCatalogAttributes } from './catalog-attributes.js';
import { buildOfferAttributes } from './offer-attributes.js';
import { amazonOverride, at, fieldSource, readField } from './product-fields.js';
import { OFFER_ATTRIBUTES, type Attributes, type ListingsRecord } from './record.js';
import { readAmazonSettings, type AmazonSettings } from './settings.js';
import { childRelationship, isFirstOfGroup, parentAttributes, variationTheme } from './variants.js';

export function transformProduct(product: Product, ctx: ChannelContext): TransformResult<ListingsRecord> {
  const settings = readAmazonSettings(ctx.config, ctx.instance);
  // `product_type` alone is Google's own category text, so only the Amazon override counts.
  const source = fieldSource(product, ctx.instance);
  const productType = (source.overrides ? amazonOverride(product, ctx.instance, 'product_type') : undefined) ?? settings.productType;
  if (!productType) {
    const issue = error('amazon-product-type-missing', 'no Amazon product type: set channels.amazon.productType or an amazon.product_type column', at(product, ctx.instance, 'amazon.product_type'));
    return { ok: false, reason: 'no Amazon product type', issues: [issue] };
  }
  const sku = readField(source, 'sku')?.trim() || product.id;
  const locale = settings.locale;
  const offer = buildOfferAttributes(product, ctx.instance, locale, { catalog: ctx.catalog, stock: settings.stock }, source);

  if (settings.offerOnly) return offerOnlyMessage(sku, productType, offer.attributes, offer.issues);

  const facts = buildCatalogAttributes(product, ctx.instance, locale, source);
  // Both are fresh per product: extend them instead of copying into new ones (offer entries win, as with a spread).
  const issues: Issue[] = facts.issues;
  for (const issue of offer.issues) issues.push(issue);
  const generated: Attributes = facts.attributes;
  for (const name in offer.attributes) generated[name] = offer.attributes[name]!;
  const statics = staticAttributes(settings, productType);
  const group = readField(source, 'item_group_id')?.trim();
  if (!group) {
    return { ok: true, records: [{ sku, operationType: 'UPDATE', productType, attributes: mergeAttributes(statics, generated) }], issues };
  }
  if (group === sku) {
    issues.push(error('amazon-parent-sku-collision', `item_group_id "${group}" equals the product's own SKU; the parent listing needs its own SKU`, at(product, ctx.instance, 'item_group_id')));
  }
  const theme = variationTheme(generated);
  if (!theme) {
    issues.push(warning('amazon-variation-theme-missing', `product is in group "${group}" but has neither color nor size`, at(product, ctx.instance, 'item_group_id')));
  }
  // The parent's attributes below take item_name, brand and manufacturer only: generated can take the child's relationship.
  const relationship = childRelationship(group, theme, locale);
  for (const name in relationship) generated[name] = relationship[name]!;
  const child: ListingsRecord = { sku, operationType: 'UPDATE', productType, attributes: mergeAttributes(statics, generated) };
  if (!isFirstOfGroup(ctx, group)) return { ok: true, records: [child], issues };
  const parent: ListingsRecord = {
    sku: group,
    operationType: 'UPDATE',
    productType,
    // A parent is a product page without an offer.
    requirements: 'LISTING_PRODUCT_ONLY',
    attributes: mergeAttributes(withoutOffer(statics), parentAttributes(generated, theme, locale)),
  };
  return { ok: true, records: [parent, child], issues };
}

function offerOnlyMessage(sku: string, productType: string, offer: Attributes, issues: Issue[]): TransformResult<ListingsRecord> {
  const attributes: Attributes = {};
  for (const name of OFFER_ATTRIBUTES) {
    const values = offer[name];
    if (values) attributes[name] = values;
  }
  if (Object.keys(attributes).length === 0) return { ok: false, reason: 'no price and no quantity to update', issues };
  return { ok: true, records: [{ sku, operationType: 'PARTIAL_UPDATE', productType, attributes: mergeAttributes(attributes) }], issues };
}

function staticAttributes(settings: AmazonSettings, productType: string): Attributes | undefined {
  return settings.attributes[productType];
}

const OFFER_AND_LIST_PRICE: readonly string[] = [...OFFER_ATTRIBUTES, 'list_price'];

function withoutOffer(attributes: Attributes | undefined): Attributes | undefined {
  if (!attributes) return undefined;
  const out: Attributes = { ...attributes };
  for (const name of OFFER_AND_LIST_PRICE) delete out[name];
  return out;
}
