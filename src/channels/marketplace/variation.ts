/**
 * Variant membership: a product with an `item_group_id` is one variation of its group's listing,
 * told apart by its values for the profile's dimensions (`color` -> `Color`...).
 */
import { error } from '../../validate/issue.js';
import type { MarketplaceVariation } from './record.js';
import { readField, report, type ValueContext } from './values.js';

/** Characters that structure eBay-style details (`Color=Red;Blue|Size=S`). */
const DETAIL_SYNTAX_RE = /[=|;]/;

/** A profile's dimensions as [field, name] pairs, listed once per dimensions object. */
const dimensionLists = new WeakMap<Readonly<Record<string, string>>, ReadonlyArray<readonly [string, string]>>();

function listDimensions(dimensions: Readonly<Record<string, string>>): ReadonlyArray<readonly [string, string]> {
  let list = dimensionLists.get(dimensions);
  if (!list) dimensionLists.set(dimensions, (list = Object.entries(dimensions)));
  return list;
}

export function readVariation(vc: ValueContext, dimensions: Readonly<Record<string, string>>): MarketplaceVariation | undefined {
  if (vc.memo.variation === undefined) vc.memo.variation = findVariation(vc, dimensions) ?? null;
  return vc.memo.variation ?? undefined;
}

function findVariation(vc: ValueContext, dimensions: Readonly<Record<string, string>>): MarketplaceVariation | undefined {
  const group = readField(vc, 'item_group_id');
  if (group === undefined) return undefined;
  const details: Record<string, string> = {};
  let count = 0;
  let valid = true;
  for (const [field, name] of listDimensions(dimensions)) {
    const value = readField(vc, field)?.trim();
    if (value === undefined || value === '') continue;
    if (DETAIL_SYNTAX_RE.test(value)) {
      report(vc, error('marketplace-variation-value', `${field}: "${value}" holds = | or ;, which variation details cannot carry`, { field }));
      valid = false;
    }
    details[name] = value;
    count++;
  }
  if (count === 0) {
    const names = Object.keys(dimensions).join(', ');
    report(vc, error('marketplace-variation-specifics-missing', `item_group_id "${group}": a variant needs a value for at least one of ${names}`, { field: 'item_group_id' }));
    return undefined;
  }
  return valid ? { group, details } : undefined;
}

/** `Color=Red|Size=S`. */
export function formatDetails(details: Readonly<Record<string, string>>): string {
  let text = '';
  for (const name of Object.keys(details)) text += `${text === '' ? '' : '|'}${name}=${details[name]}`;
  return text;
}
