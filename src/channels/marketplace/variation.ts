/**
 * Variant membership: a product with an `item_group_id` is one variation of its group's listing,
 * told apart by its values for the profile's dimensions (`color` -> `Color`...).
 */
import { error } from '../../validate/issue.js';
import type { MarketplaceVariation } from './record.js';
import { readField, report, type ValueContext } from './values.js';

/** Characters that structure eBay-style details (`Color=Red;Blue|Size=S`). */
const DETAIL_SYNTAX_RE = /[=|;]/;

export function readVariation(vc: ValueContext, dimensions: Readonly<Record<string, string>>): MarketplaceVariation | undefined {
  if (vc.memo.has('variation')) return vc.memo.get('variation') as MarketplaceVariation | undefined;
  let variation: MarketplaceVariation | undefined;
  const group = readField(vc, 'item_group_id');
  if (group !== undefined) {
    const details: Record<string, string> = {};
    let valid = true;
    for (const [field, name] of Object.entries(dimensions)) {
      const value = readField(vc, field)?.trim();
      if (value === undefined || value === '') continue;
      if (DETAIL_SYNTAX_RE.test(value)) {
        report(vc, error('marketplace-variation-value', `${field}: "${value}" holds = | or ;, which variation details cannot carry`, { field }));
        valid = false;
      }
      details[name] = value;
    }
    if (Object.keys(details).length === 0) {
      const names = Object.keys(dimensions).join(', ');
      report(vc, error('marketplace-variation-specifics-missing', `item_group_id "${group}": a variant needs a value for at least one of ${names}`, { field: 'item_group_id' }));
    } else if (valid) variation = { group, details };
  }
  vc.memo.set('variation', variation);
  return variation;
}

/** `Color=Red|Size=S`. */
export function formatDetails(details: Readonly<Record<string, string>>): string {
  return Object.entries(details).map(([name, value]) => `${name}=${value}`).join('|');
}
