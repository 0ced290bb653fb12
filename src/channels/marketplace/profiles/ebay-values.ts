/** eBay's own readings of a product: its site header, category id and condition id. */
import { ConfigError } from '../../../errors.js';
import { error } from '../../../validate/issue.js';
import type { MarketplaceConfig } from '../settings.js';
import { firstValue, readField, report, type ValueContext } from '../values.js';
import { compileCategoryMap } from '../../../rules/category-map.js';

export interface EbaySite {
  id: string;
  country: string;
  currency: string;
}

/** Sites whose country and currency go without saying; others name both in config. */
const SITES: Readonly<Record<string, { country: string; currency: string }>> = {
  US: { country: 'US', currency: 'USD' },
  UK: { country: 'GB', currency: 'GBP' },
  DE: { country: 'DE', currency: 'EUR' },
  AU: { country: 'AU', currency: 'AUD' },
  CA: { country: 'CA', currency: 'CAD' },
  eBayMotors: { country: 'US', currency: 'USD' },
};

export const DEFAULT_VERSION = '1193';

export function resolveSite(config: MarketplaceConfig, path: string): EbaySite {
  const id = config.site ?? 'US';
  const known = Object.hasOwn(SITES, id) ? SITES[id] : undefined;
  const country = config.country ?? known?.country;
  const currency = config.currency ?? known?.currency;
  if (country === undefined || currency === undefined) {
    throw new ConfigError(`${path}: site "${id}" needs country and currency (known sites: ${Object.keys(SITES).join(', ')})`);
  }
  return { id, country, currency };
}

/** `*Action(SiteID=US|Country=US|Currency=USD|Version=1193|CC=UTF-8)`. */
export function actionHeader(site: EbaySite, version: string): string {
  return `*Action(SiteID=${site.id}|Country=${site.country}|Currency=${site.currency}|Version=${version}|CC=UTF-8)`;
}

/** Google's condition values as eBay ids (1000 New, 2500 Seller refurbished, 3000 Used); config adds or overrides. */
export const DEFAULT_CONDITIONS: Readonly<Record<string, string>> = { new: '1000', refurbished: '2500', used: '3000' };

/** Per config: the condition map in force and the category prefixes, worked out once. */
interface EbayMaps {
  conditions: Readonly<Record<string, string>>;
  /** `categoryMap` as a lookup: product_type path -> eBay category id. */
  category: (productType: string) => string | undefined;
}

const mapsByConfig = new WeakMap<MarketplaceConfig, EbayMaps>();

function mapsFor(config: MarketplaceConfig): EbayMaps {
  let maps = mapsByConfig.get(config);
  if (!maps) {
    maps = {
      conditions: { ...DEFAULT_CONDITIONS, ...config.conditionMap },
      category: remember(compileCategoryMap(config.categoryMap ?? {})),
    };
    mapsByConfig.set(config, maps);
  }
  return maps;
}

/** Catalogs repeat a few product types across many products: remember that many answers, at most. */
const REMEMBERED_TYPES = 10_000;

function remember(lookup: (productType: string) => string | undefined): (productType: string) => string | undefined {
  const answers = new Map<string, string | null>();
  return (productType) => {
    const known = answers.get(productType);
    if (known !== undefined) return known ?? undefined;
    const id = lookup(productType);
    if (answers.size < REMEMBERED_TYPES) answers.set(productType, id ?? null);
    return id;
  };
}

export function readConditionId(vc: ValueContext): string | undefined {
  const condition = readField(vc, 'condition') ?? 'new';
  const map = mapsFor(vc.settings.config).conditions;
  const id = Object.hasOwn(map, condition) ? map[condition] : undefined;
  if (id === undefined) {
    report(vc, error('ebay-condition-unmapped', `condition: "${condition}" has no eBay ConditionID (add it to ${vc.settings.path}.conditionMap)`, { field: 'condition' }));
  }
  return id;
}

/** The eBay category of the longest `categoryMap` prefix of the product's (first) product_type. */
export function readCategoryId(vc: ValueContext): string | undefined {
  const productType = firstValue(readField(vc, 'product_type'));
  const where = `${vc.settings.path}.categoryMap`;
  if (productType === undefined) {
    report(vc, error('ebay-category-unmapped', `product_type: is empty, so no eBay category can be chosen from ${where}`, { field: 'product_type' }));
    return undefined;
  }
  const id = mapsFor(vc.settings.config).category(productType);
  if (id === undefined) {
    report(vc, error('ebay-category-unmapped', `product_type "${productType}" has no eBay category in ${where}`, { field: 'product_type' }));
    return undefined;
  }
  return id;
}
