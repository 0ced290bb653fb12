/**
 * A preset turns rows of a platform's export (keyed by that platform's own headers) into canonical
 * Products. It may hold rows back (Shopify puts product fields on a handle's first row and image-only
 * rows after the variants), so it is a small state machine: `row` per source row, `end` once.
 */
import type { CatalogSettings } from '../channels/contract.js';
import type { Product } from '../model/product.js';
import type { Issue } from '../validate/issue.js';

export interface MapOutput {
  products: Product[];
  issues: Issue[];
  /** Products the preset held back on purpose (drafts, archived, unpublished): counted, not reported one by one. */
  skipped?: number | undefined;
}

export interface RowMapper {
  /** `record` is keyed by the source file's headers; `line` is where the row starts (1-based). */
  row(record: Readonly<Record<string, string>>, line: number): MapOutput;
  /** Rows still held back at the end of the file. */
  end(): MapOutput;
}

export interface PresetSettings extends CatalogSettings {
  /** List drafts, archived and unpublished products too. */
  includeUnpublished?: boolean | undefined;
  /** The shop's public URL (`https://shop.example`), for platforms whose exports carry no product link. */
  storeUrl?: string | undefined;
}

export interface Preset {
  name: string;
  createMapper(settings: PresetSettings): RowMapper;
}
