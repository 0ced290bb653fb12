/** Product facts (title, brand, identifiers, images, color, size, weight) as Amazon attributes. */
import { checkGtin, gtinKind, normalizeGtin } from '../../validate/gtin.js';
// Shared with the Google channel; a candidate for a shared text module.
import { stripHtml } from '../../model/text.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import { splitValues, type Product } from '../../model/product.js';
import { conditionType, parseWeight, type Locale } from './attribute-values.js';
import { at, fieldSource, readField } from './product-fields.js';
import type { AttributeValue, Attributes } from './record.js';

/** Amazon has one main image and eight more slots. */
export const MAX_OTHER_IMAGES = 8;

export interface Built {
  attributes: Attributes;
  issues: Issue[];
}

export function buildCatalogAttributes(product: Product, instance: string, locale: Locale, source = fieldSource(product, instance)): Built {
  const issues: Issue[] = [];
  const { marketplaceId, languageTag } = locale;
  // Values are read and checked in the order of the issues they may raise, then added to the
  // attributes in name order, so the transform's sort finds them already sorted.
  const title = readField(source, 'title');
  const brand = readField(source, 'brand');
  const manufacturer = readField(source, 'manufacturer') ?? brand;
  // Amazon shows descriptions and bullets as plain text.
  const description = readField(source, 'description');
  const plainDescription = description === undefined ? undefined : stripHtml(description) || undefined;
  const bulletText = readField(source, 'bullet_point');
  let bullets: AttributeValue[] | undefined;
  if (bulletText !== undefined) {
    for (const bullet of splitValues(bulletText)) {
      const plain = stripHtml(bullet);
      if (plain !== '') (bullets ??= []).push({ value: plain, language_tag: languageTag, marketplace_id: marketplaceId });
    }
  }
  const color = readField(source, 'color');
  const size = readField(source, 'size');

  const identifierExists = readField(source, 'identifier_exists')?.trim().toLowerCase();
  const gtin = readField(source, 'gtin');
  const exempt = identifierExists === 'no' || identifierExists === 'false';
  let identifier: AttributeValue | undefined;
  if (!exempt && gtin !== undefined) {
    const value = normalizeGtin(gtin);
    const checked = checkGtin(value);
    if (!checked.ok) issues.push(error(`amazon-${checked.code}`, `gtin: ${checked.reason}`, at(product, instance, 'gtin')));
    identifier = { type: gtinKind(value), value, marketplace_id: marketplaceId };
  }
  const asin = readField(source, 'merchant_suggested_asin') ?? readField(source, 'asin');

  const condition = readField(source, 'condition');
  const condType = conditionType(condition);
  if (!condType) issues.push(error('amazon-condition-unknown', `condition "${condition}" has no Amazon condition_type (use new, used or refurbished)`, at(product, instance, 'condition')));

  const image = readField(source, 'image_link');
  const images = splitValues(readField(source, 'additional_image_link'));
  if (images.length > MAX_OTHER_IMAGES) {
    issues.push(warning('amazon-too-many-images', `${images.length} additional images; Amazon takes ${MAX_OTHER_IMAGES}, the rest are left out`, at(product, instance, 'additional_image_link')));
  }

  const weightText = readField(source, 'shipping_weight');
  let weight: { unit: string; value: number } | undefined;
  if (weightText !== undefined) {
    weight = parseWeight(weightText);
    if (!weight) issues.push(warning('amazon-weight-invalid', `shipping_weight "${weightText}" is not a weight like "1.2 kg"; item_package_weight left out`, at(product, instance, 'shipping_weight')));
  }

  const attributes: Attributes = {};
  if (brand !== undefined) attributes['brand'] = [{ value: brand, language_tag: languageTag, marketplace_id: marketplaceId }];
  if (bullets !== undefined) attributes['bullet_point'] = bullets;
  if (color !== undefined) attributes['color'] = [{ value: color, language_tag: languageTag, marketplace_id: marketplaceId }];
  if (condType) attributes['condition_type'] = [{ value: condType, marketplace_id: marketplaceId }];
  if (identifier !== undefined) attributes['externally_assigned_product_identifier'] = [identifier];
  if (title !== undefined) attributes['item_name'] = [{ value: title, language_tag: languageTag, marketplace_id: marketplaceId }];
  if (weight) attributes['item_package_weight'] = [{ unit: weight.unit, value: weight.value, marketplace_id: marketplaceId }];
  if (image !== undefined) attributes['main_product_image_locator'] = [{ marketplace_id: marketplaceId, media_location: image.trim() }];
  if (manufacturer !== undefined) attributes['manufacturer'] = [{ value: manufacturer, language_tag: languageTag, marketplace_id: marketplaceId }];
  if (asin !== undefined) attributes['merchant_suggested_asin'] = [{ value: asin.trim(), marketplace_id: marketplaceId }];
  const others = Math.min(images.length, MAX_OTHER_IMAGES);
  for (let i = 0; i < others; i++) attributes[OTHER_IMAGE_ATTRIBUTES[i]!] = [{ marketplace_id: marketplaceId, media_location: images[i]! }];
  if (plainDescription !== undefined) {
    attributes['product_description'] = [{ value: plainDescription, language_tag: languageTag, marketplace_id: marketplaceId }];
  }
  if (size !== undefined) attributes['size'] = [{ value: size, language_tag: languageTag, marketplace_id: marketplaceId }];
  if (exempt) attributes['supplier_declared_has_product_identifier_exemption'] = [{ value: true, marketplace_id: marketplaceId }];
  return { attributes, issues };
}

const OTHER_IMAGE_ATTRIBUTES = Array.from({ length: MAX_OTHER_IMAGES }, (_, i) => `other_product_image_locator_${i + 1}`);
