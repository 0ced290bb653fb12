/**
 * One product -> one marketplace record: every column's value for this instance, plus the
 * product's variation details when the profile lists variants under a parent. Required cells
 * left empty and cells over their length limit are errors here, next to the reason they are.
 * A product with any error yields no record (`ok: false`): a marketplace import rejects the row
 * anyway, and a half-filled row must never reach the file.
 */
import type { Product } from '../../model/product.js';
import { error, type Issue } from '../../validate/issue.js';
import type { ChannelContext, TransformResult } from '../contract.js';
import type { MarketplaceRecord } from './record.js';
import type { ColumnSpec } from './profiles/profile.js';
import { planFor } from './settings.js';
import { createValueContext, report } from './values.js';
import { readVariation } from './variation.js';

/** Per column list: every cell key with an empty value, in column order, to copy for each record. */
const blankRows = new WeakMap<readonly ColumnSpec[], Readonly<Record<string, string>>>();

/**
 * A copy of the blank row: one clone of a ready-made shape instead of growing an object key by key,
 * so every record's cells share one layout (cheaper to build, and to read for the schema, checker and writer).
 */
function blankCells(columns: readonly ColumnSpec[]): Record<string, string> {
  let blank = blankRows.get(columns);
  // Object.fromEntries builds a shape V8 clones quickly; a row grown key by key clones several times slower.
  if (!blank) blankRows.set(columns, (blank = Object.fromEntries(columns.map((column) => [column.key, '']))));
  return { ...blank };
}

export function transformProduct(product: Product, ctx: ChannelContext): TransformResult<MarketplaceRecord> {
  const { settings, profile, columns } = planFor(ctx);
  const vc = createValueContext(product, settings, ctx.now);
  const cells = blankCells(columns);
  for (const column of columns) {
    const before = vc.issues.length;
    const value = column.value(vc) ?? '';
    cells[column.key] = value;
    if (column.required && value === '' && !hasErrorSince(vc.issues, before)) {
      const from = column.source ? ` (from ${column.source})` : '';
      report(vc, error('marketplace-required', `${column.key}: is required by ${profile.title}${from}`, { field: column.key }));
    }
    // A string of n UTF-16 units holds at most n characters: only a long one is counted.
    if (column.maxLength !== undefined && value.length > column.maxLength) {
      const length = countCodePoints(value);
      if (length > column.maxLength) {
        report(vc, error('marketplace-too-long', `${column.key}: ${length} characters; ${profile.title} allows ${column.maxLength}`, { field: column.key }));
      }
    }
  }
  const record: MarketplaceRecord = { sku: product.id, cells };
  const variation = profile.variations && readVariation(vc, profile.variations.dimensions);
  if (variation) record.variation = variation;
  if (vc.issues.length === 0) return { ok: true, records: [record] };
  const errors = vc.issues.filter((issue) => issue.severity === 'error').length;
  if (errors > 0) return { ok: false, reason: `${errors} error${errors === 1 ? '' : 's'} for ${settings.instance}`, issues: vc.issues };
  return { ok: true, records: [record], issues: vc.issues };
}

function hasErrorSince(issues: readonly Issue[], start: number): boolean {
  for (let i = start; i < issues.length; i++) if (issues[i]!.severity === 'error') return true;
  return false;
}

/** Characters as `[...value].length` counts them (a surrogate pair is one). */
function countCodePoints(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
