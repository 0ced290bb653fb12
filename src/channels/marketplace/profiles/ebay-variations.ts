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

export function ebayGroupRows(group: readonly MarketplaceRecord[]): Record<string, string>[] {
  const [first] = group;
  if (!first?.variation) return group.map((record) => record.cells);
  const values = new Map<string, string[]>();
  for (const record of group) {
    const details = record.variation?.details;
    if (!details) continue;
    for (const name of Object.keys(details)) {
      const value = details[name]!;
      const list = values.get(name);
      if (!list) values.set(name, [value]);
      else if (!list.includes(value)) list.push(value);
    }
  }
  const parent: Record<string, string> = { ...first.cells, CustomLabel: first.variation.group, Relationship: '' };
  let relationship = '';
  for (const [name, list] of values) relationship += `${relationship === '' ? '' : '|'}${name}=${list.join(';')}`;
  parent['RelationshipDetails'] = relationship;
  for (const key of PARENT_BLANK) parent[key] = '';
  // A dimension is not an item specific of the listing; a cell the variants disagree on is not one either.
  for (const name of values.keys()) parent[`C:${name}`] = '';
  for (const key of Object.keys(parent)) {
    if (!key.startsWith('C:') || parent[key] === '') continue;
    const shared = first.cells[key] ?? '';
    for (let i = 1; i < group.length; i++) {
      if ((group[i]!.cells[key] ?? '') !== shared) {
        parent[key] = '';
        break;
      }
    }
  }
  const pictures = new Set<string>();
  for (const record of group) {
    const cell = record.cells['PicURL'];
    if (cell) for (const url of cell.split('|')) if (url !== '') pictures.add(url);
  }
  parent['PicURL'] = [...pictures].join('|');
  const rows = [parent];
  for (const record of group) {
    const row: Record<string, string> = { Relationship: 'Variation', RelationshipDetails: formatDetails(record.variation?.details ?? {}) };
    for (const key of VARIANT_CELLS) row[key] = record.cells[key] ?? '';
    rows.push(row);
  }
  return rows;
}
