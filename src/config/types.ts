import type { ChannelConfig } from '../channels/contract.js';
import type { JoinSpec } from '../catalog/join.js';
import type { CatalogFormat } from '../catalog/source.js';

export interface CatalogConfig {
  path?: string;
  format?: CatalogFormat;
  delimiter?: string;
  encoding?: 'utf8' | 'latin1';
  preset?: string;
  currency?: string;
  decimalComma?: boolean;
  includeUnpublished?: boolean;
  storeUrl?: string;
  columns?: Record<string, string>;
  join?: JoinSpec[];
}

export interface OmnifeedConfig {
  catalog?: CatalogConfig;
  output?: { dir?: string };
  validation?: { maxInvalid?: number | string; strict?: boolean };
  channels: Record<string, ChannelConfig>;
}

/** A loaded, validated config and where it came from. */
export interface LoadedConfig {
  config: OmnifeedConfig;
  /** Absolute path of the config file. */
  path: string;
  /** Folder relative paths in the config are resolved against. */
  dir: string;
  /** Values substituted from the environment: redact them in every message. */
  secrets: string[];
}
