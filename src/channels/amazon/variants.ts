/**
 * Variation families. Products sharing `item_group_id` become children of a parent listing whose
 * SKU is the group id; the parent is emitted once per run, with the first child of its group.
 * Per-run state hangs off the run's context object (the pipeline passes the same one for a run).
 */
import { KeyTable } from '../../model/key-table.js';
import type { ChannelContext } from '../contract.js';
import type { Locale } from './attribute-values.js';
import type { AttributeValue, Attributes } from './record.js';

const seenGroups = new WeakMap<ChannelContext, KeyTable>();

/** True the first time `group` is seen in this run. */
export function isFirstOfGroup(ctx: ChannelContext, group: string): boolean {
  let seen = seenGroups.get(ctx);
  if (!seen) {
    seen = new KeyTable();
    seenGroups.set(ctx, seen);
  }
  return seen.add(group);
}

/** `COLOR/SIZE`, `COLOR` or `SIZE` from the dimensions the child has; undefined when it has none. */
export function variationTheme(attributes: Attributes): string | undefined {
  const color = attributes['color'] ? true : false;
  if (attributes['size']) return color ? 'COLOR/SIZE' : 'SIZE';
  return color ? 'COLOR' : undefined;
}

export function childRelationship(parentSku: string, theme: string | undefined, locale: Locale): Attributes {
  const out: Attributes = {
    parentage_level: [{ marketplace_id: locale.marketplaceId, value: 'child' }],
    child_parent_sku_relationship: [{ marketplace_id: locale.marketplaceId, child_relationship_type: 'variation', parent_sku: parentSku }],
  };
  if (theme) out['variation_theme'] = [{ name: theme }];
  return out;
}

const PARENT_COPIES = ['item_name', 'brand', 'manufacturer'] as const;

/** The parent's own attributes: name and brand from the first child, parentage and theme. */
export function parentAttributes(child: Attributes, theme: string | undefined, locale: Locale): Attributes {
  const out: Attributes = {
    parentage_level: [{ marketplace_id: locale.marketplaceId, value: 'parent' }],
  };
  if (theme) out['variation_theme'] = [{ name: theme }];
  for (const name of PARENT_COPIES) {
    const values = child[name];
    if (values) out[name] = values.map((v: AttributeValue) => ({ ...v }));
  }
  return out;
}
