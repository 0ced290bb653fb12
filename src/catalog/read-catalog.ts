/**
 * readCatalog: the catalog as a stream of canonical Products (and issues), from a CSV/TSV/JSONL file,
 * through a preset or the column mapper, then the configured joins. Memory holds one row (plus what a
 * preset holds back for one product, plus join tables), never the catalog.
 */
import { ConfigError, InputError } from '../errors.js';
import type { Product } from '../model/product.js';
import type { Issue } from '../validate/issue.js';
import { checkMappedHeaders, createColumnMapper } from './columns.js';
import { applyJoin, loadJoin, type JoinSpec, type LoadedJoin } from './join.js';
import type { MapOutput, PresetSettings, RowMapper } from './preset.js';
import { presets } from './presets/index.js';
import { readSource } from './read-source.js';
import type { ReadOptions } from './source.js';

export interface CatalogOptions extends ReadOptions, PresetSettings {
  path: string;
  preset?: string | undefined;
  columns?: Record<string, string> | undefined;
  /** Joins with their paths already resolved. */
  joins?: Array<JoinSpec & { resolvedPath: string }> | undefined;
}

export type CatalogItem = { kind: 'product'; product: Product } | { kind: 'issue'; issue: Issue } | { kind: 'skipped'; count: number };

export function createMapper(options: CatalogOptions): RowMapper {
  if (!options.preset) return createColumnMapper(options.columns);
  if (options.columns && Object.keys(options.columns).length > 0) {
    throw new ConfigError(
      `catalog.columns: not used with the "${options.preset}" preset, which maps its own headers`,
      'Remove catalog.columns, or drop the preset and map every column yourself.',
    );
  }
  const preset = presets[options.preset];
  if (!preset) {
    throw new InputError(`unknown catalog preset "${options.preset}"`, `Use one of: ${Object.keys(presets).join(', ') || '(none)'}.`);
  }
  return preset.createMapper(options);
}

export async function* readCatalog(options: CatalogOptions): AsyncGenerator<CatalogItem> {
  const mapper = createMapper(options);
  const joins: LoadedJoin[] = [];
  for (const spec of options.joins ?? []) {
    const join = await loadJoin(spec, spec.resolvedPath);
    for (const issue of join.issues) yield { kind: 'issue', issue };
    joins.push(join);
  }
  function* emit(out: MapOutput & { skipped?: number }): Generator<CatalogItem> {
    for (const issue of out.issues) yield { kind: 'issue', issue };
    if (out.skipped) yield { kind: 'skipped', count: out.skipped };
    for (let product of out.products) {
      for (const join of joins) product = applyJoin(product, join);
      yield { kind: 'product', product };
    }
  }
  for await (const item of readSource(options.path, options)) {
    if (item.kind === 'issue') yield item;
    // A preset takes no columns (createMapper refused them), so this checks the column mapper's only.
    else if (item.kind === 'header') checkMappedHeaders(options.columns, item.names, 'catalog.columns', options.path);
    else yield* emit(mapper.row(item.record, item.line));
  }
  yield* emit(mapper.end());
}
