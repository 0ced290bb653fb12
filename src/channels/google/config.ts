/**
 * The `channels.google` config block, read once per run with defaults applied. Its JSON Schema is
 * channel-schemas/config-google.schema.json (the config loader validates it before we get here).
 */
import type { ChannelConfig } from '../contract.js';

export interface GoogleConfig {
  formats: string[];
  country?: string | undefined;
  language?: string | undefined;
  feedLabel?: string | undefined;
  /** RSS channel title, link and description. */
  title: string;
  link?: string | undefined;
  description: string;
  keepHtml: boolean;
  includeUnpublished: boolean;
  localInventory?: { path: string; delimiter?: string | undefined } | undefined;
  /** TSV columns in order; default: every supported attribute in spec order. */
  tsvColumns?: string[] | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function readGoogleConfig(config: ChannelConfig): GoogleConfig {
  const title = str(config['title']) ?? 'Product feed';
  const local = config['localInventory'] as { path?: unknown; delimiter?: unknown } | undefined;
  const localPath = local ? str(local.path) : undefined;
  const columns = config['tsvColumns'];
  return {
    formats: Array.isArray(config.formats) && config.formats.length > 0 ? config.formats : ['xml'],
    country: str(config['country']),
    language: str(config['language']),
    feedLabel: str(config['feedLabel']),
    title,
    link: str(config['link']),
    description: str(config['description']) ?? title,
    keepHtml: config['keepHtml'] === true,
    includeUnpublished: config['includeUnpublished'] === true,
    localInventory: localPath ? { path: localPath, delimiter: str(local?.delimiter) } : undefined,
    tsvColumns: Array.isArray(columns) ? columns.filter((c): c is string => typeof c === 'string') : undefined,
  };
}

const cache = new WeakMap<ChannelConfig, GoogleConfig>();

/** readGoogleConfig, computed once per config object (transform runs once per product). */
export function googleConfig(config: ChannelConfig): GoogleConfig {
  let read = cache.get(config);
  if (!read) {
    read = readGoogleConfig(config);
    cache.set(config, read);
  }
  return read;
}
