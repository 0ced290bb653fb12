/**
 * Checks across one run's records: SKUs (and variation group SKUs) unique, a variation group's
 * variants adjacent (the writer turns each run of a group into one listing), the same
 * dimensions on every variant, no two variants alike; and, per cell, a warning when the
 * formula guard will change a value the marketplace receives.
 *
 * Memory per run: one hashed entry per SKU (its owner's line, not a message), and per variation
 * group its variants' details, held as a Set while the group is open and packed into one string
 * once another group or product starts (a split group is unpacked again to check its variants).
 */
import { KeyTable } from '../../model/key-table.js';
import type { Product } from '../../model/product.js';
import { FORMULA_TRIGGERS, needsNeutralising, replaceLineBreaks } from '../../output/csv-field.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { ChannelContext, RecordChecker } from '../contract.js';
import type { MarketplaceRecord } from './record.js';
import { planFor } from './settings.js';
import { formatDetails } from './variation.js';

/** Who holds a SKU: the catalog line of the product that has it, or a variation group. */
type Owner = number;
const GROUP = -1;

function describeOwner(owner: Owner, sku: string): string {
  return owner === GROUP ? `variation group "${sku}"` : `the product on line ${owner}`;
}

interface GroupState {
  name: string;
  dimensions: string;
  details: Set<string>;
}

/** `[dimensions, ...details]` as JSON: a closed group's state in one string. */
function packGroup(group: GroupState): string {
  return JSON.stringify([group.dimensions, ...group.details]);
}

function unpackGroup(name: string, packed: string): GroupState {
  const [dimensions = '', ...details] = JSON.parse(packed) as string[];
  return { name, dimensions, details: new Set(details) };
}

/** First characters that may start a formula once line breaks are replaced (CR and LF become spaces). */
const TRIGGER_CODES = new Set(FORMULA_TRIGGERS.map((trigger) => trigger.charCodeAt(0)));

export function createMarketplaceChecker(ctx: ChannelContext): RecordChecker<MarketplaceRecord> {
  const { settings, profile, columns } = planFor(ctx);
  /** SKU -> owner, as hashes (see KeyTable): one entry per SKU for the whole run. */
  const owners = new KeyTable();
  /** Groups seen and no longer open -> their packed state. */
  const closed = new Map<string, string>();
  let open: GroupState | undefined;
  const replace = settings.newlines === 'replace';

  function closeGroup(): void {
    if (open) closed.set(open.name, packGroup(open));
    open = undefined;
  }

  /** A SKU belongs to one product, or to one variation group (claimed again by each variant). */
  function claim(sku: string, owner: Owner, issues: Issue[], where: Partial<Issue>): void {
    const previous = owners.get(sku);
    if (previous === undefined) {
      owners.add(sku, owner);
      return;
    }
    if (owner === GROUP && previous === GROUP) return;
    issues.push(error('marketplace-duplicate-sku', `SKU "${sku}" is already used by ${describeOwner(previous, sku)}`, where));
  }

  function checkVariation(record: MarketplaceRecord, issues: Issue[], where: Partial<Issue>): void {
    const variation = record.variation;
    if (!variation || !profile.variations) {
      closeGroup();
      return;
    }
    const name = variation.group;
    claim(name, GROUP, issues, { ...where, field: 'item_group_id' });
    const dimensions = Object.keys(variation.details).join('|');
    const details = formatDetails(variation.details);
    let group = open?.name === name ? open : undefined;
    if (!group) {
      closeGroup();
      const packed = closed.get(name);
      if (packed !== undefined) {
        issues.push(error('marketplace-variation-group-split', `item_group_id "${name}": variants must be consecutive in the catalog; this one comes after another product (sort the catalog by item_group_id)`, { ...where, field: 'item_group_id' }));
        group = unpackGroup(name, packed);
        closed.delete(name);
      } else group = { name, dimensions, details: new Set() };
      open = group;
    }
    if (group.dimensions !== dimensions) {
      issues.push(error('marketplace-variation-dimensions', `item_group_id "${name}": this variant has ${dimensions.replace(/\|/g, ', ')}; the group's first has ${group.dimensions.replace(/\|/g, ', ')}`, { ...where, field: 'item_group_id' }));
    }
    if (group.details.has(details)) {
      issues.push(error('marketplace-variation-duplicate', `item_group_id "${name}": another variant is already ${details}`, { ...where, field: 'item_group_id' }));
    }
    group.details.add(details);
  }

  return {
    check(record: MarketplaceRecord, product: Product): Issue[] {
      const where: Partial<Issue> = { channel: settings.instance, productId: product.id, line: product.line };
      const issues: Issue[] = [];
      claim(record.sku, product.line, issues, where);
      checkVariation(record, issues, where);
      if (settings.formulaGuard) {
        for (const column of columns) {
          const raw = record.cells[column.key] ?? '';
          // Only a value starting with a trigger can need the guard; a replaced line break starts with a space.
          if (!TRIGGER_CODES.has(raw.charCodeAt(0))) continue;
          const value = replace ? replaceLineBreaks(raw) : raw;
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
