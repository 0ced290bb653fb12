/**
 * A marketplace profile: a small declarative definition of one marketplace's upload file.
 * Ordered columns (key, header, kind, required flag, max length, value), rows written before
 * the header, whether the marketplace takes line breaks inside a cell, and how a variation
 * group becomes rows.
 */
import type { CsvColumnKind, NewlinePolicy } from '../../../output/csv-field.js';
import type { Issue } from '../../../validate/issue.js';
import type { MarketplaceRecord } from '../record.js';
import type { MarketplaceConfig, MarketplaceSettings } from '../settings.js';
import type { ValueContext } from '../values.js';

export interface ColumnSpec {
  /** Key of the cell in the record. */
  key: string;
  /** Header cell text (defaults to the key). */
  header?: string;
  kind: CsvColumnKind;
  required?: boolean;
  maxLength?: number;
  /** The catalog fields the value comes from, named when a required cell is empty. */
  source?: string;
  /** The cell's value for one product; problems go to `vc.issues`. Undefined writes an empty cell. */
  value(vc: ValueContext): string | undefined;
}

/** Rows that stand for one variation group, parent first, each as its cells in the order of `keys` (the file's column keys). */
export type GroupRows = (group: readonly MarketplaceRecord[], keys: readonly string[]) => string[][];

export interface ProfileVariations {
  /** Catalog attribute -> marketplace dimension name, in the order dimensions are written. */
  dimensions: Readonly<Record<string, string>>;
  rows: GroupRows;
}

export interface MarketplaceProfile {
  id: string;
  title: string;
  /** The marketplace's own default for line breaks inside values. */
  newlines: NewlinePolicy;
  /** The currency every price must be in, when the marketplace fixes it (eBay: the site's). */
  currency?(config: MarketplaceConfig, path: string): string | undefined;
  /** Columns, in file order, for one instance's settings. */
  columns(settings: MarketplaceSettings): ColumnSpec[];
  /** Rows written before the header row (e.g. eBay `Info` rows); as given in config by default. */
  preamble?(settings: MarketplaceSettings): string[][];
  /** Problems with the instance's settings, reported once per run (e.g. a missing item location). */
  settingsIssues?(settings: MarketplaceSettings): Issue[];
  /** Present when the marketplace lists variants under one parent listing. */
  variations?: ProfileVariations;
}
