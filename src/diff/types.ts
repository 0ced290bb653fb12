/** A field's value after normalisation: one string, or a list for multi-value fields. */
export type FieldValue = string | string[];

/** One feed item as the differ sees it, whatever format it was read from. */
export interface FeedItem {
  key: string;
  fields: Record<string, FieldValue>;
}

/** Formats `omnifeed diff` can read, detected from content. */
export type DiffFormat = 'google-xml' | 'google-tsv' | 'amazon-json' | 'csv';

/** Formats of one family hold the same fields and can be compared with each other. */
export const FORMAT_FAMILY: Record<DiffFormat, string> = {
  'google-xml': 'google',
  'google-tsv': 'google',
  'amazon-json': 'amazon',
  csv: 'csv',
};

export interface DiffOptions {
  /** Field that identifies an item. Default: `id` (Google), `sku` (Amazon), a detected column (CSV). */
  key?: string | undefined;
  /** Fields left out of the comparison. `attributes.list_price` also ignores `attributes.list_price[0].value`. */
  ignore?: readonly string[] | undefined;
  /** Counts only: skips the pass that collects field-level changes. */
  statOnly?: boolean | undefined;
  /** How many changed items' new fields to keep from the second pass before falling back to a re-read. */
  retainLimit?: number | undefined;
}

export interface FieldChange {
  field: string;
  /** `null` when the field is absent on that side. */
  old: FieldValue | null;
  new: FieldValue | null;
}

export interface ChangedItem {
  key: string;
  fields: FieldChange[];
}

export interface DiffStat {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface FeedSide {
  /** The files read, in order. */
  paths: string[];
  format: DiffFormat;
  /** Items read (after duplicates were collapsed). */
  items: number;
}

export interface DiffResult {
  same: boolean;
  stat: DiffStat;
  old: FeedSide;
  new: FeedSide;
  /** Keys, sorted by UTF-16 code unit order. */
  added: string[];
  removed: string[];
  /** Sorted by key; fields sorted by name. Empty when `statOnly`. */
  changed: ChangedItem[];
  /** Duplicate keys, items without a key... The diff still ran. */
  warnings: string[];
}
