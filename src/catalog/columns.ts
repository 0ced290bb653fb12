/**
 * The default row mapper: headers become canonical attribute names. `catalog.columns` maps a canonical
 * name to the source header (`{ "id": "SKU" }`); other headers are normalised (`Image Link` -> `image_link`),
 * keeping per-channel prefixes (`google.title`).
 */
import { ConfigError } from '../errors.js';
import type { Product } from '../model/product.js';
import { error } from '../validate/issue.js';
import type { MapOutput, RowMapper } from './preset.js';

export function normalizeHeader(header: string): string {
  const trimmed = header.trim();
  const dot = trimmed.indexOf('.');
  const normalize = (s: string) => s.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return dot > 0 ? `${normalize(trimmed.slice(0, dot))}.${normalize(trimmed.slice(dot + 1))}` : normalize(trimmed);
}

/**
 * A row keyed by canonical names: `columns` maps a canonical name to its source header, others are normalised.
 * A mapped name comes only from its mapped header (an `ID` column does not override `{ "id": "SKU" }`), and
 * one header may feed several names (`{ "id": "SKU", "mpn": "SKU" }`).
 */
export function createFieldMapper(columns: Record<string, string> = {}): (record: Readonly<Record<string, string>>) => Record<string, string> {
  const bySource = new Map<string, string>();
  /** Second and later names of a header mapped more than once: [header, name]. */
  const copies: Array<[string, string]> = [];
  for (const [canonical, source] of Object.entries(columns)) {
    if (bySource.has(source)) copies.push([source, canonical]);
    else bySource.set(source, canonical);
  }
  const mapped = new Set(Object.keys(columns));
  const cache = new Map<string, string>();
  /** '' for a header left out. */
  const canonicalOf = (header: string): string => {
    let name = cache.get(header);
    if (name === undefined) {
      name = bySource.get(header) ?? normalizeHeader(header);
      if (!bySource.has(header) && mapped.has(name)) name = '';
      cache.set(header, name);
    }
    return name;
  };
  return (record) => {
    const fields: Record<string, string> = {};
    for (const header in record) {
      const name = canonicalOf(header);
      if (name !== '') fields[name] = record[header]!;
    }
    for (const [header, name] of copies) if (record[header] !== undefined) fields[name] = record[header];
    return fields;
  };
}

/**
 * Every header a `columns` mapping names must be in the file: a mapping to a missing header would leave
 * its field empty on every row (for `id`, every row rejected). `key` is the mapping's config path
 * (`catalog.columns`); header names match exactly, so a near miss in letter case is pointed out.
 */
export function checkMappedHeaders(columns: Record<string, string> | undefined, names: readonly string[], key: string, file: string): void {
  for (const [name, source] of Object.entries(columns ?? {})) {
    if (names.includes(source)) continue;
    const near = names.find((n) => n.toLowerCase() === source.trim().toLowerCase());
    throw new ConfigError(
      `${key}.${name}: "${source}" is not a column of ${file}`,
      near !== undefined
        ? `Header names match exactly: did you mean "${near}"?`
        : `Its columns are: ${names.map((n) => `"${n}"`).join(', ')}. Fix ${key}.${name} in the config.`,
    );
  }
}

/** A row of empty cells (`;;;;`, as spreadsheets leave after the data) is no row. */
export function isBlankRow(record: Readonly<Record<string, string>>): boolean {
  for (const header in record) if (record[header]!.trim() !== '') return false;
  return true;
}

const NOTHING: MapOutput = { products: [], issues: [] };

export function createColumnMapper(columns: Record<string, string> = {}): RowMapper {
  const mapFields = createFieldMapper(columns);
  return {
    row(record, line): MapOutput {
      const fields = mapFields(record);
      const id = fields['id']?.trim();
      if (!id) {
        if (isBlankRow(record)) return NOTHING;
        const hint = columns['id'] ? `column "${columns['id']}"` : 'an "id" column (or map one with catalog.columns.id)';
        return { products: [], issues: [error('catalog-missing-id', `line ${line}: no product id; expected ${hint}; row skipped`, { line, field: 'id' })] };
      }
      fields['id'] = id;
      const product: Product = { id, line, fields };
      return { products: [product], issues: [] };
    },
    end: () => NOTHING,
  };
}
