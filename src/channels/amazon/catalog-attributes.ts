/** Product facts (title, brand, identifiers, images, color, size, weight) as Amazon attributes. */
import type { Product } from '../../model/product.js';
import { checkGtin, gtinKind, normalizeGtin } from '../../validate/gtin.js';
// Shared with the Google channel; a candidate for a shared text module.
import { stripHtml } from '../../model/text.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import { conditionType, parseWeight, plainValue, textValues, type Locale } from './attribute-values.js';
import { amazonField, amazonValues } from './product-fields.js';
import type { Attributes } from './record.js';

/** Amazon has one main image and eight more slots. */
export const MAX_OTHER_IMAGES = 8;

export interface Built {
  attributes: Attributes;
  issues: Issue[];
}

export function buildCatalogAttributes(product: Product, instance: string, locale: Locale): Built {
  const attributes: Attributes = {};
  const issues: Issue[] = [];
  const where = { channel: instance, productId: product.id, line: product.line };
  const field = (name: string) => amazonField(product, instance, name);
  const text = (attribute: string, value: string | undefined) => {
    if (value !== undefined) attributes[attribute] = textValues([value], locale);
  };

  text('item_name', field('title'));
  const brand = field('brand');
  text('brand', brand);
  text('manufacturer', field('manufacturer') ?? brand);
  // Amazon shows descriptions and bullets as plain text.
  const description = field('description');
  text('product_description', description === undefined ? undefined : stripHtml(description) || undefined);
  const bullets = amazonValues(product, instance, 'bullet_point').map(stripHtml).filter((b) => b !== '');
  if (bullets.length > 0) attributes['bullet_point'] = textValues(bullets, locale);
  text('color', field('color'));
  text('size', field('size'));

  const identifierExists = field('identifier_exists')?.trim().toLowerCase();
  const gtin = field('gtin');
  if (identifierExists === 'no' || identifierExists === 'false') {
    attributes['supplier_declared_has_product_identifier_exemption'] = plainValue(true, locale);
  } else if (gtin !== undefined) {
    const value = normalizeGtin(gtin);
    const checked = checkGtin(value);
    if (!checked.ok) issues.push(error(`amazon-${checked.code}`, `gtin: ${checked.reason}`, { ...where, field: 'gtin' }));
    attributes['externally_assigned_product_identifier'] = [{ type: gtinKind(value), value, marketplace_id: locale.marketplaceId }];
  }
  const asin = field('merchant_suggested_asin') ?? field('asin');
  if (asin !== undefined) attributes['merchant_suggested_asin'] = plainValue(asin.trim(), locale);

  const condition = field('condition');
  const condType = conditionType(condition);
  if (condType) attributes['condition_type'] = plainValue(condType, locale);
  else issues.push(error('amazon-condition-unknown', `condition "${condition}" has no Amazon condition_type (use new, used or refurbished)`, { ...where, field: 'condition' }));

  const image = field('image_link');
  if (image !== undefined) attributes['main_product_image_locator'] = [{ marketplace_id: locale.marketplaceId, media_location: image.trim() }];
  const others = amazonValues(product, instance, 'additional_image_link');
  others.slice(0, MAX_OTHER_IMAGES).forEach((url, i) => {
    attributes[`other_product_image_locator_${i + 1}`] = [{ marketplace_id: locale.marketplaceId, media_location: url }];
  });
  if (others.length > MAX_OTHER_IMAGES) {
    issues.push(warning('amazon-too-many-images', `${others.length} additional images; Amazon takes ${MAX_OTHER_IMAGES}, the rest are left out`, { ...where, field: 'additional_image_link' }));
  }

  const weightText = field('shipping_weight');
  if (weightText !== undefined) {
    const weight = parseWeight(weightText);
    if (weight) attributes['item_package_weight'] = [{ ...weight, marketplace_id: locale.marketplaceId }];
    else issues.push(warning('amazon-weight-invalid', `shipping_weight "${weightText}" is not a weight like "1.2 kg"; item_package_weight left out`, { ...where, field: 'shipping_weight' }));
  }
  return { attributes, issues };
}
