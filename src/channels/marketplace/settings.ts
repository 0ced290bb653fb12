/**
 * One marketplace instance's settings, read once from its config block (`channels.<name>`) and
 * checked for what the JSON Schema cannot say: templates that parse, unique headers, a usable
 * delimiter, a known profile. Cached per config object; a bad block throws ConfigError with the
 * path to fix.
 */
import type { CatalogSettings, ChannelConfig, ChannelContext, StockPolicy } from '../contract.js';
import { ConfigError } from '../../errors.js';
import type { CsvColumnKind, NewlinePolicy } from '../../output/csv-field.js';
import type { ColumnSpec, MarketplaceProfile } from './profiles/profile.js';
import { findProfile, profileIds } from './profiles/registry.js';

export interface ColumnConfig {
  header: string;
  value: string;
  kind?: CsvColumnKind;
  required?: boolean;
  maxLength?: number;
}

/** `channels.<name>` for `"type": "marketplace"`; see channel-schemas/config-marketplace.schema.json. */
export interface MarketplaceConfig extends ChannelConfig {
  profile?: string;
  site?: string;
  country?: string;
  currency?: string;
  version?: string;
  categoryMap?: Record<string, string>;
  conditionMap?: Record<string, string>;
  columns?: ColumnConfig[];
  templates?: Record<string, string>;
  listingFormat?: string;
  duration?: string;
  location?: string;
  dispatchTimeMax?: number;
  shippingProfile?: string;
  returnProfile?: string;
  paymentProfile?: string;
  preamble?: string[][];
  delimiter?: string;
  lineEnding?: '\n' | '\r\n';
  bom?: boolean;
  newlines?: NewlinePolicy;
  formulaGuard?: boolean;
}

export interface MarketplaceSettings {
  instance: string;
  profileId: string;
  config: MarketplaceConfig;
  catalog: CatalogSettings;
  stock: StockPolicy | undefined;
  /** Currency prices must be in (eBay: the site's), else the catalog's default. */
  currency: string | undefined;
  delimiter: string;
  lineEnding: '\n' | '\r\n';
  bom: boolean;
  newlines: NewlinePolicy;
  formulaGuard: boolean;
  /** `channels.<instance>` for messages. */
  path: string;
}

export interface MarketplacePlan {
  settings: MarketplaceSettings;
  profile: MarketplaceProfile;
  columns: ColumnSpec[];
  preamble: string[][];
}

const plans = new WeakMap<ChannelConfig, Map<string, MarketplacePlan>>();

/** The instance's plan, resolved once per config object and instance name. */
export function planFor(ctx: ChannelContext): MarketplacePlan {
  let byInstance = plans.get(ctx.config);
  if (!byInstance) plans.set(ctx.config, (byInstance = new Map()));
  let plan = byInstance.get(ctx.instance);
  if (!plan) byInstance.set(ctx.instance, (plan = resolvePlan(ctx.instance, ctx.config as MarketplaceConfig, ctx.catalog)));
  return plan;
}

export function resolvePlan(instance: string, config: MarketplaceConfig, catalog: CatalogSettings): MarketplacePlan {
  const path = `channels.${instance}`;
  const profileId = config.profile ?? (findProfile(instance) ? instance : undefined);
  if (profileId === undefined) {
    throw new ConfigError(`${path}.profile: is required (one of ${profileIds().join(', ')})`);
  }
  const profile = findProfile(profileId);
  if (!profile) throw new ConfigError(`${path}.profile: "${profileId}" is not a marketplace profile (known: ${profileIds().join(', ')})`);
  const delimiter = config.delimiter ?? ',';
  if ([...delimiter].length !== 1 || /["\r\n']/.test(delimiter)) {
    throw new ConfigError(`${path}.delimiter: must be one character other than a quote or line break`);
  }
  const settings: MarketplaceSettings = {
    instance,
    profileId,
    config,
    catalog,
    stock: config.stock,
    currency: profile.currency?.(config, path) ?? config.currency ?? catalog.currency,
    delimiter,
    lineEnding: config.lineEnding ?? '\r\n',
    bom: config.bom ?? false,
    newlines: config.newlines ?? profile.newlines,
    formulaGuard: config.formulaGuard ?? true,
    path,
  };
  const columns = profile.columns(settings);
  const seen = new Set<string>();
  for (const column of columns) {
    const header = column.header ?? column.key;
    if (seen.has(header)) throw new ConfigError(`${path}.columns: header "${header}" appears twice`);
    seen.add(header);
  }
  const preamble = profile.preamble?.(settings) ?? config.preamble ?? [];
  return { settings, profile, columns, preamble };
}
