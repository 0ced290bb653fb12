/**
 * Checks across one run's records: SKUs (and variation group SKUs) unique, a variation group's
 * variants adjacent (the writer turns each run of a group into one listing), the same
 * dimensions on every variant, no two variants alike; and, per cell, a warning when the
 * formula guard will change a value the marketplace receives.
 *
 * Memory per run: one hashed entry per SKU (its owner's line, not a message) and per variation group
 * name; the open group's variants' details in a Set, and the last CLOSED_KEPT closed groups' details
 * packed into one string each (a split group is unpacked again to check its variants against the
 * earlier ones). A group split further apart is still reported as split, and checked from there on.
 */
import { KeyTable } from '../../model/key-table.js';
import type { Product } from '../../model/product.js';
import { needsNeutralising, replaceLineBreaks, startsWithFormulaTrigger } from '../../output/csv-field.js';
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
  /** The group's SKU was claimed without a clash: its other variants need not claim it again. */
  claimed: boolean;
}

/** `[dimensions, ...details]` as JSON: a closed group's state in one string. */
function packGroup(group: GroupState): string {
  const list = [group.dimensions];
  for (const details of group.details) list.push(details);
  return JSON.stringify(list);
}

function unpackGroup(name: string, packed: string): GroupState {
  const [dimensions = '', ...details] = JSON.parse(packed) as string[];
  return { name, dimensions, details: new Set(details), claimed: false };
}

/** Closed groups whose variants' details are kept for checking a split group; memory stays flat. */
export const CLOSED_KEPT = 10_000;

/** What `check` returns for a clean record (most of them): shared, so frozen. */
const NO_ISSUES = Object.freeze([]) as unknown as Issue[];

export function createMarketplaceChecker(ctx: ChannelContext): RecordChecker<MarketplaceRecord> {
  const { settings, profile, columns } = planFor(ctx);
  /** SKU -> owner, as hashes (see KeyTable): one entry per SKU for the whole run. */
  const owners = new KeyTable();
  /** Every variation group seen (hashes). */
  const groupsSeen = new KeyTable();
  /** The latest closed groups -> their packed state, oldest first. */
  const closed = new Map<string, string>();
  let open: GroupState | undefined;
  const replace = settings.newlines === 'replace';
  const keys = columns.map((column) => column.key);
  const kinds = columns.map((column) => column.kind);
  /** The product being checked, and its issues (allocated at the first one). */
  let product: Product | undefined;
  let issues: Issue[] | undefined;

  function at(field?: string): Partial<Issue> {
    const where: Partial<Issue> = { channel: settings.instance, productId: product!.id, line: product!.line };
    if (field !== undefined) where.field = field;
    return where;
  }

  function closeGroup(): void {
    if (open) {
      closed.set(open.name, packGroup(open));
      if (closed.size > CLOSED_KEPT) closed.delete(closed.keys().next().value!);
    }
    open = undefined;
  }

  /** A SKU belongs to one product, or to one variation group (claimed again by each variant); false on a clash. */
  function claim(sku: string, owner: Owner, field?: string): boolean {
    if (owners.add(sku, owner)) return true;
    const previous = owners.get(sku)!;
    if (owner === GROUP && previous === GROUP) return true;
    (issues ??= []).push(error('marketplace-duplicate-sku', `SKU "${sku}" is already used by ${describeOwner(previous, sku)}`, at(field)));
    return false;
  }

  function checkVariation(record: MarketplaceRecord): void {
    const variation = record.variation;
    if (!variation || !profile.variations) {
      closeGroup();
      return;
    }
    const name = variation.group;
    let group = open?.name === name ? open : undefined;
    const claimed = group?.claimed === true || claim(name, GROUP, 'item_group_id');
    let dimensions = '';
    let count = 0;
    for (const dimension in variation.details) dimensions += count++ === 0 ? dimension : `|${dimension}`;
    const details = formatDetails(variation.details);
    if (!group) {
      closeGroup();
      if (!groupsSeen.add(name)) {
        (issues ??= []).push(error('marketplace-variation-group-split', `item_group_id "${name}": variants must be consecutive in the catalog; this one comes after another product (sort the catalog by item_group_id)`, at('item_group_id')));
      }
      const packed = closed.get(name);
      if (packed !== undefined) {
        group = unpackGroup(name, packed);
        closed.delete(name);
      } else group = { name, dimensions, details: new Set(), claimed: false };
      open = group;
    }
    group.claimed = claimed;
    if (group.dimensions !== dimensions) {
      (issues ??= []).push(error('marketplace-variation-dimensions', `item_group_id "${name}": this variant has ${dimensions.replace(/\|/g, ', ')}; the group's first has ${group.dimensions.replace(/\|/g, ', ')}`, at('item_group_id')));
    }
    if (group.details.has(details)) {
      (issues ??= []).push(error('marketplace-variation-duplicate', `item_group_id "${name}": another variant is already ${details}`, at('item_group_id')));
    }
    group.details.add(details);
  }

  return {
    check(record: MarketplaceRecord, checked: Product): Issue[] {
      product = checked;
      issues = undefined;
      claim(record.sku, checked.line);
      checkVariation(record);
      if (settings.formulaGuard) {
        const { cells } = record;
        for (let i = 0; i < keys.length; i++) {
          const raw = cells[keys[i]!];
          // Only a value starting with a trigger can need the guard; a replaced line break starts with a space.
          if (raw === undefined || !startsWithFormulaTrigger(raw)) continue;
          const value = replace ? replaceLineBreaks(raw) : raw;
          if (needsNeutralising(value, kinds[i])) {
            (issues ??= []).push(warning('csv-formula-neutralised', `${keys[i]}: starts with ${JSON.stringify(value[0])}, written with a leading ' so no spreadsheet runs it`, at(keys[i])));
          }
        }
      }
      product = undefined;
      return issues ?? NO_ISSUES;
    },
    finish: () => profile.settingsIssues?.(settings) ?? [],
  };
}
