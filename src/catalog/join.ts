/**
 * Joins merge columns from side files (stock, prices) into products by a key column. The side file
 * is read once into memory, keyed by its `on` column (a key on several rows: the last wins, with a warning);
 * joined values override the catalog's.
 */
import { InputError } from '../errors.js';
import { withFields, type Product } from '../model/product.js';
import { warning, type Issue } from '../validate/issue.js';
import { checkMappedHeaders, createFieldMapper, isBlankRow } from './columns.js';
import { readSource } from './read-source.js';
import type { ReadOptions } from './source.js';

export interface JoinSpec {
  path: string;
  on?: string;
  columns?: Record<string, string>;
  format?: ReadOptions['format'];
  delimiter?: string;
}

export interface LoadedJoin {
  on: string;
  rows: Map<string, Record<string, string>>;
  issues: Issue[];
}

export async function loadJoin(spec: JoinSpec, path: string): Promise<LoadedJoin> {
  const on = spec.on ?? 'id';
  const mapFields = createFieldMapper(spec.columns);
  const rows = new Map<string, Record<string, string>>();
  const issues: Issue[] = [];
  let keyless = 0;
  for await (const item of readSource(path, { format: spec.format, delimiter: spec.delimiter })) {
    if (item.kind === 'issue') { issues.push({ ...item.issue, message: `${spec.path}: ${item.issue.message}` }); continue; }
    if (item.kind === 'header') { checkMappedHeaders(spec.columns, item.names, 'catalog.join[].columns', spec.path); continue; }
    if (isBlankRow(item.record)) continue;
    const { [on]: value, ...rest } = mapFields(item.record);
    const key = value?.trim();
    if (!key) {
      keyless++;
      issues.push(warning('join-missing-key', `${spec.path} line ${item.line}: no "${on}" value; row ignored`, { line: item.line, field: on }));
      continue;
    }
    if (rows.has(key)) {
      issues.push(warning('join-duplicate-key', `${spec.path} line ${item.line}: "${key}" is on an earlier row too; this row wins`, { line: item.line, field: on }));
    }
    rows.set(key, rest);
  }
  // No row with a key at all: the file lacks the `on` column (or `columns` does not name it), not a few bad rows.
  if (rows.size === 0 && issues.length === keyless) {
    throw new InputError(`join file ${spec.path} has no rows with a "${on}" column`, 'Check catalog.join[].path, .on and .columns in the config.');
  }
  return { on, rows, issues };
}

export function applyJoin(product: Product, join: LoadedJoin): Product {
  const key = product.fields[join.on];
  const extra = key === undefined ? undefined : join.rows.get(key);
  return extra ? withFields(product, extra) : product;
}
