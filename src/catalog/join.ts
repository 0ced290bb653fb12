/**
 * Joins merge columns from side files (stock, prices) into products by a key column. The side file
 * is read once into memory, keyed by its `on` column; joined values override the catalog's.
 */
import { InputError } from '../errors.js';
import { withFields, type Product } from '../model/product.js';
import { warning, type Issue } from '../validate/issue.js';
import { createColumnMapper } from './columns.js';
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
  const mapper = createColumnMapper(spec.columns);
  const rows = new Map<string, Record<string, string>>();
  const issues: Issue[] = [];
  for await (const item of readSource(path, { format: spec.format, delimiter: spec.delimiter })) {
    if (item.kind === 'issue') { issues.push({ ...item.issue, message: `${spec.path}: ${item.issue.message}` }); continue; }
    const mapped = mapper.row(item.record, item.line).products[0];
    const fields = mapped?.fields ?? {};
    const key = fields[on];
    if (key === undefined) {
      issues.push(warning('join-missing-key', `${spec.path} line ${item.line}: no "${on}" value; row ignored`, { line: item.line, field: on }));
      continue;
    }
    const { [on]: _key, ...rest } = fields;
    rows.set(key, rest);
  }
  if (rows.size === 0 && issues.length === 0) {
    throw new InputError(`join file ${spec.path} has no rows with a "${on}" column`, 'Check catalog.join[].path and .on in the config.');
  }
  return { on, rows, issues };
}

export function applyJoin(product: Product, join: LoadedJoin): Product {
  const key = product.fields[join.on];
  const extra = key === undefined ? undefined : join.rows.get(key);
  return extra ? withFields(product, extra) : product;
}
