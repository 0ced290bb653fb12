/**
 * An eBay multi-variation listing in File Exchange form: one parent row (`Add`, the group's SKU,
 * the listing's shared cells, every dimension's values in `RelationshipDetails` as
 * `Color=Red;Blue|Size=S;M`), then one row per variant (blank action, `Relationship=Variation`,
 * `RelationshipDetails=Color=Red|Size=S`, its own SKU, price, quantity and barcode).
 */
import type { MarketplaceRecord } from '../record.js';
import { formatDetails } from '../variation.js';

/** Cells a variant row carries; every other cell of a variant row stays blank. */
export const VARIANT_CELLS: readonly string[] = ['CustomLabel', '*StartPrice', '*Quantity', 'Product:EAN', 'Product:UPC'];

/** Cells that are per variant and so left blank on the parent row. */
const PARENT_BLANK: readonly string[] = ['*StartPrice', '*Quantity', 'Product:EAN', 'Product:UPC'];

/** Where the cells this module writes sit in a file's columns (-1: not a column), worked out once per file. */
interface Layout {
  index: ReadonlyMap<string, number>;
  customLabel: number;
  relationship: number;
  relationshipDetails: number;
  pictures: number;
  parentBlank: number[];
  variantCells: number[];
  /** Item specifics (`C:` columns). */
  specifics: number[];
}

const layouts = new WeakMap<readonly string[], Layout>();

function layoutFor(keys: readonly string[]): Layout {
  let layout = layouts.get(keys);
  if (!layout) {
    const index = new Map<string, number>();
    keys.forEach((key, i) => index.set(key, i));
    const at = (key: string) => index.get(key) ?? -1;
    const present = (list: readonly string[]) => list.map(at).filter((i) => i >= 0);
    layout = {
      index,
      customLabel: at('CustomLabel'),
      relationship: at('Relationship'),
      relationshipDetails: at('RelationshipDetails'),
      pictures: at('PicURL'),
      parentBlank: present(PARENT_BLANK),
      variantCells: present(VARIANT_CELLS),
      specifics: keys.flatMap((key, i) => (key.startsWith('C:') ? [i] : [])),
    };
    layouts.set(keys, layout);
  }
  return layout;
}

function cellsInOrder(cells: Readonly<Record<string, string>>, keys: readonly string[]): string[] {
  const row = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) row[i] = cells[keys[i]!] ?? '';
  return row;
}

function setCell(row: string[], i: number, value: string): void {
  if (i >= 0) row[i] = value;
}

/** The group's rows, parent first, each as its cells in the order of `keys` (the file's column keys). */
export function ebayGroupRows(group: readonly MarketplaceRecord[], keys: readonly string[]): string[][] {
  const [first] = group;
  if (!first?.variation) return group.map((record) => cellsInOrder(record.cells, keys));
  const layout = layoutFor(keys);
  // Dimension names in first-seen order, each with its values in first-seen order (at most a handful).
  const names: string[] = [];
  const values: string[][] = [];
  for (const record of group) {
    const details = record.variation?.details;
    if (!details) continue;
    for (const name in details) {
      const value = details[name]!;
      const at = names.indexOf(name);
      if (at < 0) {
        names.push(name);
        values.push([value]);
      } else if (!values[at]!.includes(value)) values[at]!.push(value);
    }
  }
  const parent = cellsInOrder(first.cells, keys);
  setCell(parent, layout.customLabel, first.variation.group);
  setCell(parent, layout.relationship, '');
  let relationship = '';
  for (let i = 0; i < names.length; i++) relationship += `${i === 0 ? '' : '|'}${names[i]}=${values[i]!.join(';')}`;
  setCell(parent, layout.relationshipDetails, relationship);
  for (const i of layout.parentBlank) parent[i] = '';
  // A dimension is not an item specific of the listing; a cell the variants disagree on is not one either.
  for (const name of names) setCell(parent, layout.index.get(`C:${name}`) ?? -1, '');
  for (const i of layout.specifics) {
    if (parent[i] === '') continue;
    const key = keys[i]!;
    const shared = first.cells[key] ?? '';
    for (let r = 1; r < group.length; r++) {
      if ((group[r]!.cells[key] ?? '') !== shared) {
        parent[i] = '';
        break;
      }
    }
  }
  if (layout.pictures >= 0) parent[layout.pictures] = joinPictures(group);
  const rows = [parent];
  for (const record of group) {
    const row = new Array<string>(keys.length).fill('');
    setCell(row, layout.relationship, 'Variation');
    setCell(row, layout.relationshipDetails, formatDetails(record.variation?.details ?? {}));
    for (const i of layout.variantCells) row[i] = record.cells[keys[i]!] ?? '';
    rows.push(row);
  }
  return rows;
}

/** Every variant's PicURL values, without repeats, in first-seen order. */
function joinPictures(group: readonly MarketplaceRecord[]): string {
  const seen = new Set<string>();
  let text = '';
  let previous: string | undefined;
  for (const record of group) {
    const cell = record.cells['PicURL'];
    // Variants often share their pictures: a cell like the one before adds nothing.
    if (!cell || cell === previous) continue;
    previous = cell;
    for (const url of cell.split('|')) {
      if (url === '' || seen.has(url)) continue;
      seen.add(url);
      text += text === '' ? url : `|${url}`;
    }
  }
  return text;
}
