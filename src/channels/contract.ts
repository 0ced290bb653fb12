/**
 * The channel contract. Every sales channel is one folder under src/channels/<id>/ whose index.ts
 * default-exports `defineChannel({...})`. Only identity, formats and `transform` are required;
 * the rest are capabilities. Adding a channel never touches the pipeline, the CLI or another channel.
 *
 * Everything here is pure: no files, clock, network or terminal. The pipeline does the IO.
 */
import type { Product } from '../model/product.js';
import type { Issue } from '../validate/issue.js';

/** A channel instance's config block (`channels.<name>` in omnifeed.config.json). */
export interface ChannelConfig {
  /** Channel type (a registry id). Defaults to the config key. */
  type?: string;
  enabled?: boolean;
  /** Output formats to write (channel-specific names, e.g. `xml`, `tsv`). */
  formats?: string[];
  /** Output file names per format, relative to --out (default `<name>.<ext>`). */
  files?: Record<string, string>;
  rules?: unknown[];
  stock?: StockPolicy;
  [key: string]: unknown;
}

/** Stock reserved per channel: publish `percent`% of stock, minus `buffer`, clamped to [min, max]. */
export interface StockPolicy {
  percent?: number;
  buffer?: number;
  min?: number;
  max?: number;
}

export interface CatalogSettings {
  /** Default ISO 4217 currency for prices without one. */
  currency?: string | undefined;
  /** Prices use `,` as decimal separator. */
  decimalComma?: boolean | undefined;
  /** catalog.includeUnpublished: list drafts, archived and unpublished products on every channel. */
  includeUnpublished?: boolean | undefined;
}

export interface ChannelContext {
  /** Config key of this instance (`google`, `ebay`, `etsy`...). Issues carry it. */
  instance: string;
  config: ChannelConfig;
  catalog: CatalogSettings;
  /** Resolves a path from the config relative to the config file's folder. */
  resolvePath(path: string): string;
  /** The clock, passed in so transforms stay deterministic in tests. */
  now: Date;
}

export type TransformResult<R> =
  /** One catalog product may yield several records (e.g. an Amazon parent + child). */
  | { ok: true; records: R[]; issues?: Issue[] }
  /** Not listed on this channel (draft, excluded by rule...). Issues explain when it is a problem. */
  | { ok: false; reason: string; issues?: Issue[] };

/** Cross-record and non-schema checks for one run (duplicate ids, check digits, variant groups...). */
export interface RecordChecker<R> {
  check(record: R, product: Product): Issue[];
  /** Issues only visible once every record was seen. */
  finish?(): Issue[];
}

/**
 * How one output format serialises records. The pipeline streams `begin`, `item` for each record,
 * `end` into an atomic file. When `split` is set, a file is closed and the next one opened
 * (`<name>-1.<ext>`, `<name>-2.<ext>`, ...) before a limit would be exceeded.
 */
export interface FeedFormat<R> {
  /** File extension without dot (`xml`, `tsv`, `json`, `csv`). */
  extension: string;
  begin(): string;
  /** `index` is the 1-based position of the record within the current file. */
  item(record: R, index: number): string;
  end(): string;
  /** Separator written between items (e.g. `,` in a JSON array). */
  separator?: string;
  split?: { maxItems?: number; maxBytes?: number };
  /** A file with no records is invalid for this channel (Amazon wants at least one message): write none. */
  omitWhenEmpty?: boolean;
}

/** A feed that is not one-record-per-product (e.g. Google local inventory from a store file). */
export interface SideFeed {
  /** Default file name, relative to --out. */
  file: string;
  format: FeedFormat<unknown>;
  /** Records and their issues, streamed. */
  records(): AsyncIterable<{ record: unknown; issues: Issue[] }>;
}

export interface Channel<R = unknown> {
  /** Equals the folder name and the default config key. */
  id: string;
  title: string;
  /** JSON Schema (in channel-schemas/) every record must satisfy; may depend on config. */
  schema?: string | ((ctx: ChannelContext) => string | undefined);
  /** JSON Schema (in channel-schemas/) for this channel's config block. */
  configSchema?: string;
  /** All formats this channel can write, and the ones written when config names none. */
  formats: readonly string[];
  defaultFormats: readonly string[];
  /** The record's identity (Google `id`, Amazon `sku`) used in reports and diffs. */
  key(record: R): string;
  transform(product: Product, ctx: ChannelContext): TransformResult<R>;
  createChecker?(ctx: ChannelContext): RecordChecker<R>;
  format(name: string, ctx: ChannelContext): FeedFormat<R>;
  sideFeeds?(ctx: ChannelContext): SideFeed[];
  /**
   * Rough CPU per product of one instance writing these formats, in units of about 10 µs on the
   * bench machine (`node bench/run.mjs`), so a build can balance its threads. Default 3.
   */
  cost?(formats: readonly string[]): number;
}

export function defineChannel<R>(channel: Channel<R>): Channel<R> {
  return channel;
}
