/** The `channels.amazon` config block, read once per config object with defaults applied. */
import type { ChannelConfig, StockPolicy } from '../contract.js';
import { ConfigError } from '../../errors.js';
import type { Locale } from './attribute-values.js';
import type { Attributes } from './record.js';

export type AmazonRegion = 'na' | 'eu' | 'fe';

export const REGION_ENDPOINTS: Record<AmazonRegion, string> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};

export const DEFAULT_SCHEMA_DIR = 'channel-schemas/amazon';

export interface AmazonSettings {
  sellerId: string | undefined;
  marketplaceId: string;
  /** language_tag of text attributes, e.g. en_US. */
  languageTag: string;
  /** marketplaceId and languageTag as one object, shared by every product of the run. */
  locale: Locale;
  issueLocale: string | undefined;
  /** Product type for products without an `amazon.product_type` value. */
  productType: string | undefined;
  /** Static attributes per product type, merged under the generated ones. */
  attributes: Readonly<Record<string, Attributes>>;
  stock: StockPolicy | undefined;
  /** PARTIAL_UPDATE with price and quantity only. */
  offerOnly: boolean;
  /** Folder of product-type schemas, relative to the config file. */
  schemaDir: string;
  region: AmazonRegion;
  endpoint: string;
  tokenUrl: string | undefined;
}

const cache = new WeakMap<ChannelConfig, AmazonSettings>();

// The config asked for last: a run asks with the same one for every product.
let lastConfig: ChannelConfig | undefined;
let lastSettings: AmazonSettings | undefined;

export function readAmazonSettings(config: ChannelConfig, instance = 'amazon'): AmazonSettings {
  if (config === lastConfig) return lastSettings!;
  let settings = cache.get(config);
  if (!settings) {
    settings = parseSettings(config, instance);
    cache.set(config, settings);
  }
  lastConfig = config;
  lastSettings = settings;
  return settings;
}

function parseSettings(config: ChannelConfig, instance: string): AmazonSettings {
  const str = (key: string): string | undefined => {
    const value = config[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new ConfigError(`channels.${instance}.${key}: must be a non-empty string`);
    }
    return value.trim();
  };
  const marketplaceId = str('marketplaceId');
  if (!marketplaceId) {
    throw new ConfigError(`channels.${instance}.marketplaceId: is required`, 'Set it to your marketplace, e.g. "ATVPDKIKX0DER" for amazon.com.');
  }
  const issueLocale = str('issueLocale');
  const regionText = str('region') ?? 'na';
  if (!(regionText in REGION_ENDPOINTS)) throw new ConfigError(`channels.${instance}.region: must be one of na, eu, fe`);
  const region = regionText as AmazonRegion;
  const attributes = config['attributes'];
  if (attributes !== undefined && (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes))) {
    throw new ConfigError(`channels.${instance}.attributes: must be an object of product type -> attributes`);
  }
  // In the order the fields were read before (the first bad one is the error).
  const sellerId = str('sellerId');
  const languageTag = str('languageTag') ?? issueLocale ?? 'en_US';
  return {
    sellerId,
    marketplaceId,
    languageTag,
    locale: { marketplaceId, languageTag },
    issueLocale,
    productType: str('productType'),
    attributes: (attributes ?? {}) as Record<string, Attributes>,
    stock: config.stock,
    offerOnly: config['offerOnly'] === true,
    schemaDir: str('schemaDir') ?? DEFAULT_SCHEMA_DIR,
    region,
    endpoint: str('endpoint') ?? REGION_ENDPOINTS[region],
    tokenUrl: str('tokenUrl'),
  };
}
