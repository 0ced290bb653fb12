/**
 * eBay's bulk listing template (Seller Hub Reports / File Exchange): the first header cell
 * carries the site (`*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)`), `*`
 * marks required columns, `C:` item specifics; data rows `Add` one listing each, and a
 * variation group becomes a parent row plus one `Relationship=Variation` row per variant.
 * eBay takes no line breaks inside a cell, so they become spaces unless config says `keep`.
 */
import { ConfigError } from '../../../errors.js';
import { formatAmount } from '../../../model/money.js';
import { warning } from '../../../validate/issue.js';
import { compileConfigTemplate, configuredColumns } from '../columns.js';
import type { MarketplaceSettings } from '../settings.js';
import { readBarcode, readImageList, readQuantity, readSellingPrice, templateValue, type ValueContext } from '../values.js';
import { formatDetails, readVariation } from '../variation.js';
import { actionHeader, DEFAULT_VERSION, readCategoryId, readConditionId, resolveSite } from './ebay-values.js';
import { ebayGroupRows } from './ebay-variations.js';
import type { ColumnSpec, MarketplaceProfile } from './profile.js';

/** Catalog attribute -> eBay variation dimension. */
const DIMENSIONS: Readonly<Record<string, string>> = { color: 'Color', size: 'Size', material: 'Material', pattern: 'Pattern' };

/** Columns whose value is a template; `templates: { "*Title": "{brand} {title}" }` overrides one. */
const TEMPLATES: Readonly<Record<string, string>> = {
  '*Title': '{title}',
  '*Description': '{description}',
  'C:Brand': '{brand}',
  'C:MPN': '{mpn}',
  'C:Color': '{color}',
  'C:Size': '{size}',
};

function templated(settings: MarketplaceSettings, key: string): Pick<ColumnSpec, 'value' | 'source'> {
  const source = settings.config.templates?.[key] ?? TEMPLATES[key] ?? `{${key}}`;
  const template = compileConfigTemplate(source, `${settings.path}.templates.${key}`);
  return { source: template.fields.join(', '), value: templateValue(template) };
}

function details(vc: ValueContext): string | undefined {
  const variation = readVariation(vc, DIMENSIONS);
  return variation && formatDetails(variation.details);
}

export const ebay: MarketplaceProfile = {
  id: 'ebay',
  title: 'eBay',
  newlines: 'replace',
  currency: (config, path) => resolveSite(config, path).currency,
  columns(settings) {
    const { config, path } = settings;
    for (const key of Object.keys(config.templates ?? {})) {
      if (!Object.hasOwn(TEMPLATES, key)) {
        throw new ConfigError(`${path}.templates.${key}: not a templated eBay column (${Object.keys(TEMPLATES).join(', ')})`);
      }
    }
    const constant = (value: string | number | undefined) => () => (value === undefined ? undefined : String(value));
    const columns: ColumnSpec[] = [
      { key: '*Action', header: actionHeader(resolveSite(config, path), config.version ?? DEFAULT_VERSION), kind: 'text', required: true, value: constant('Add') },
      { key: 'CustomLabel', kind: 'text', required: true, source: 'id', value: (vc) => vc.product.id },
      { key: '*Category', kind: 'numeric', required: true, source: 'product_type', value: readCategoryId },
      { key: '*Title', kind: 'text', required: true, maxLength: 80, ...templated(settings, '*Title') },
      { key: 'Relationship', kind: 'text', value: (vc) => (readVariation(vc, DIMENSIONS) ? 'Variation' : undefined) },
      { key: 'RelationshipDetails', kind: 'text', value: details },
      { key: '*ConditionID', kind: 'numeric', required: true, source: 'condition', value: readConditionId },
      { key: '*Description', kind: 'text', required: true, ...templated(settings, '*Description') },
      { key: 'PicURL', kind: 'url', source: 'image_link', value: readImageList },
      { key: '*Format', kind: 'text', required: true, value: constant(config.listingFormat ?? 'FixedPrice') },
      { key: '*Duration', kind: 'text', required: true, value: constant(config.duration ?? 'GTC') },
      { key: '*StartPrice', kind: 'numeric', required: true, source: 'price', value: (vc) => { const price = readSellingPrice(vc); return price && formatAmount(price); } },
      { key: '*Quantity', kind: 'numeric', required: true, source: 'quantity', value: (vc) => readQuantity(vc)?.toString() },
      { key: '*Location', kind: 'text', value: constant(config.location) },
      { key: '*DispatchTimeMax', kind: 'numeric', value: constant(config.dispatchTimeMax) },
      { key: 'ShippingProfileName', kind: 'text', value: constant(config.shippingProfile) },
      { key: 'ReturnProfileName', kind: 'text', value: constant(config.returnProfile) },
      { key: 'PaymentProfileName', kind: 'text', value: constant(config.paymentProfile) },
      { key: 'C:Brand', kind: 'text', ...templated(settings, 'C:Brand') },
      { key: 'C:MPN', kind: 'text', ...templated(settings, 'C:MPN') },
      { key: 'C:Color', kind: 'text', ...templated(settings, 'C:Color') },
      { key: 'C:Size', kind: 'text', ...templated(settings, 'C:Size') },
      { key: 'Product:EAN', kind: 'numeric', source: 'gtin', value: (vc) => { const code = readBarcode(vc); return code?.kind === 'ean' ? code.gtin : undefined; } },
      { key: 'Product:UPC', kind: 'numeric', source: 'gtin', value: (vc) => { const code = readBarcode(vc); return code?.kind === 'upc' ? code.gtin : undefined; } },
    ];
    // Extra columns (item specifics such as `C:Department`) go after eBay's own.
    return [...columns, ...configuredColumns(config.columns ?? [], `${path}.columns`)];
  },
  settingsIssues(settings) {
    const { config, path, instance } = settings;
    const missing = [
      config.location === undefined ? 'location' : undefined,
      config.dispatchTimeMax === undefined && config.shippingProfile === undefined ? 'dispatchTimeMax (or shippingProfile)' : undefined,
    ].filter((key) => key !== undefined);
    if (missing.length === 0) return [];
    return [warning('ebay-listing-settings', `${path}: ${missing.join(' and ')} not set; eBay rejects listings without *Location and dispatch time`, { channel: instance })];
  },
  variations: { dimensions: DIMENSIONS, rows: ebayGroupRows },
};
