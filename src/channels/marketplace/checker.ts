/**
 * Checks across one run's records: SKUs (and variation group SKUs) unique, a variation group's
 * variants adjacent (the writer turns each run of a group into one listing), the same
 * dimensions on every variant, no two variants alike; and, per cell, a warning when the
 * formula guard will change a value the marketplace receives.
 */
import type { Product } from '../../model/product.js';
import { needsNeutralising, replaceLineBreaks } from '../../output/csv-field.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { ChannelContext, RecordChecker } from '../contract.js';
import type { MarketplaceRecord } from './record.js';
import { planFor } from './settings.js';
import { formatDetails } from './variation.js';

interface GroupState {
  dimensions: string;
  details: Set<string>;
}

export function createMarketplaceChecker(ctx: ChannelContext): RecordChecker<MarketplaceRecord> {
  const { settings, profile, columns } = planFor(ctx);
  const owners = new Map<string, string>();
  const groups = new Map<string, GroupState>();
  let openGroup: string | undefined;

  /** A SKU belongs to one product, or to one variation group (claimed again by each variant). */
  function claim(sku: string, owner: string, where: Partial<Issue>, group = false): Issue[] {
    const previous = owners.get(sku);
    if (previous === undefined) {
      owners.set(sku, owner);
      return [];
    }
    if (group && previous === owner) return [];
    return [error('marketplace-duplicate-sku', `SKU "${sku}" is already used by ${previous}`, where)];
  }

  function checkVariation(record: MarketplaceRecord, where: Partial<Issue>): Issue[] {
    const variation = record.variation;
    if (!variation || !profile.variations) {
      openGroup = undefined;
      return [];
    }
    const issues = claim(variation.group, `variation group "${variation.group}"`, { ...where, field: 'item_group_id' }, true);
    const dimensions = Object.keys(variation.details).join('|');
    const details = formatDetails(variation.details);
    let group = groups.get(variation.group);
    if (group && openGroup !== variation.group) {
      issues.push(error('marketplace-variation-group-split', `item_group_id "${variation.group}": variants must be consecutive in the catalog; this one comes after another product (sort the catalog by item_group_id)`, { ...where, field: 'item_group_id' }));
    }
    openGroup = variation.group;
    if (!group) {
      groups.set(variation.group, (group = { dimensions, details: new Set() }));
    } else if (group.dimensions !== dimensions) {
      issues.push(error('marketplace-variation-dimensions', `item_group_id "${variation.group}": this variant has ${dimensions.replace(/\|/g, ', ')}; the group's first has ${group.dimensions.replace(/\|/g, ', ')}`, { ...where, field: 'item_group_id' }));
    }
    if (group.details.has(details)) {
      issues.push(error('marketplace-variation-duplicate', `item_group_id "${variation.group}": another variant is already ${details}`, { ...where, field: 'item_group_id' }));
    }
    group.details.add(details);
    return issues;
  }

  return {
    check(record: MarketplaceRecord, product: Product): Issue[] {
      const where: Partial<Issue> = { channel: settings.instance, productId: product.id, line: product.line };
      const issues = [...claim(record.sku, `product "${product.id}" (line ${product.line})`, where), ...checkVariation(record, where)];
      if (settings.formulaGuard) {
        for (const column of columns) {
          const raw = record.cells[column.key] ?? '';
          const value = settings.newlines === 'replace' ? replaceLineBreaks(raw) : raw;
          if (needsNeutralising(value, column.kind)) {
            issues.push(warning('csv-formula-neutralised', `${column.key}: starts with ${JSON.stringify(value[0])}, written with a leading ' so no spreadsheet runs it`, { ...where, field: column.key }));
          }
        }
      }
      return issues;
    },
    finish: () => profile.settingsIssues?.(settings) ?? [],
  };
}
