/** PATCH and DELETE messages, for publishers that send changes rather than whole listings. */
import { stableJson } from './attribute-order.js';
import type { Attributes, ListingsPatch, ListingsRecord } from './record.js';

/**
 * JSON Patch operations that turn `before` into `after`: `replace` for new or changed attributes,
 * `delete` (with the old values, matched by their selectors) for attributes that are gone.
 */
export function diffAttributes(before: Attributes, after: Attributes): ListingsPatch[] {
  const patches: ListingsPatch[] = [];
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const name of names) {
    const old = before[name];
    const next = after[name];
    if (next !== undefined) {
      if (old === undefined || stableJson(old) !== stableJson(next)) patches.push({ op: 'replace', path: `/attributes/${name}`, value: next });
    } else if (old !== undefined) {
      patches.push({ op: 'delete', path: `/attributes/${name}`, value: old });
    }
  }
  return patches;
}

/** A PATCH message carrying what changed since `previous` (all of `attributes` when there is none); undefined when nothing did. */
export function patchMessage(sku: string, productType: string, attributes: Attributes, previous: Attributes = {}): ListingsRecord | undefined {
  const patches = diffAttributes(previous, attributes);
  if (patches.length === 0) return undefined;
  return { sku, operationType: 'PATCH', productType, patches };
}

export function deleteMessage(sku: string): ListingsRecord {
  return { sku, operationType: 'DELETE' };
}
