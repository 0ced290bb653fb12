/** Price and stock as Amazon attributes: list_price, purchasable_offer, fulfillment_availability. */
import type { CatalogSettings, StockPolicy } from '../contract.js';
import { parseMoney, toDecimalNumber, type Money } from '../../model/money.js';
import type { Product } from '../../model/product.js';
import { reserveStock } from '../../rules/stock.js';
import { isIsoRange, isoTime } from '../../validate/formats.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { Locale } from './attribute-values.js';
import { at, fieldSource, type FieldSource, readField } from './product-fields.js';
import type { Attributes } from './record.js';
import type { Built } from './catalog-attributes.js';

export interface OfferOptions {
  catalog: CatalogSettings;
  stock: StockPolicy | undefined;
}

export function buildOfferAttributes(product: Product, instance: string, locale: Locale, options: OfferOptions, source = fieldSource(product, instance)): Built {
  const issues: Issue[] = [];
  const price = readMoney(source, 'price', options.catalog, issues, product, instance);
  const sale = readMoney(source, 'sale_price', options.catalog, issues, product, instance);
  const list = readMoney(source, 'list_price', options.catalog, issues, product, instance) ?? price;
  let offer: Record<string, unknown> | undefined;
  if (price) {
    offer = {
      marketplace_id: locale.marketplaceId,
      currency: price.currency,
      audience: 'ALL',
      our_price: [{ schedule: [{ value_with_tax: toDecimalNumber(price) }] }],
    };
    if (sale && sale.currency !== price.currency) {
      issues.push(error('amazon-price-currency-mismatch', `sale_price is in ${sale.currency}, price in ${price.currency}`, at(product, instance, 'sale_price')));
    } else if (sale) {
      offer['discounted_price'] = [{ schedule: [{ value_with_tax: toDecimalNumber(sale), ...saleWindow(readField(source, 'sale_price_effective_date'), issues, product, instance) }] }];
    }
  } else if (!issues.length) {
    issues.push(warning('amazon-price-missing', 'no price: the listing gets no offer', at(product, instance, 'price')));
  }

  const quantity = readQuantity(readField(source, 'quantity'), readField(source, 'availability'));
  if (quantity === 'invalid') {
    issues.push(error('amazon-quantity-invalid', `quantity "${readField(source, 'quantity')}" is not a whole number`, at(product, instance, 'quantity')));
  } else if (quantity === undefined) {
    issues.push(warning('amazon-quantity-missing', 'no quantity: fulfillment_availability left out', at(product, instance, 'quantity')));
  }
  // In name order, so the transform's sort finds them already sorted.
  const attributes: Attributes = {};
  if (typeof quantity === 'number') {
    attributes['fulfillment_availability'] = [{ fulfillment_channel_code: 'DEFAULT', quantity: reserveStock(quantity, options.stock) }];
  }
  if (list) {
    attributes['list_price'] = [{ marketplace_id: locale.marketplaceId, currency: list.currency, value_with_tax: toDecimalNumber(list) }];
  }
  if (offer) attributes['purchasable_offer'] = [offer];
  return { attributes, issues };
}

/** The quantity column; an `out_of_stock` product without one counts as 0. */
function readQuantity(text: string | undefined, availability: string | undefined): number | 'invalid' | undefined {
  if (text !== undefined) return /^\s*-?[0-9]+\s*$/.test(text) ? Number(text) : 'invalid';
  return availability?.trim().toLowerCase().replace(/ /g, '_') === 'out_of_stock' ? 0 : undefined;
}

/** Google's `start/end` sale window as Amazon's `start_at`/`end_at` (UTC ISO 8601). */
function saleWindow(range: string | undefined, issues: Issue[], product: Product, instance: string): { start_at?: string; end_at?: string } {
  if (range === undefined) return {};
  if (!isIsoRange(range)) {
    issues.push(warning('amazon-sale-window-invalid', `sale_price_effective_date "${range}" is not "start/end"; the sale has no end date`, at(product, instance, 'sale_price_effective_date')));
    return {};
  }
  const [start = '', end = ''] = range.split('/');
  return { start_at: new Date(isoTime(start)).toISOString(), end_at: new Date(isoTime(end)).toISOString() };
}

/** A money column; an unreadable one is an error (and undefined). */
function readMoney(source: FieldSource, name: string, catalog: CatalogSettings, issues: Issue[], product: Product, instance: string): Money | undefined {
  const text = readField(source, name);
  if (text === undefined) return undefined;
  const parsed = parseMoney(text, { defaultCurrency: catalog.currency, decimalComma: catalog.decimalComma });
  if (parsed.ok) return parsed.money;
  issues.push(error('amazon-price-invalid', `${name}: ${parsed.reason}`, at(product, instance, name)));
  return undefined;
}
