/**
 * The `csv` format: optional BOM, the profile's preamble rows and the header row in `begin()`,
 * one row per record in `item()`. A profile with variations writes a group's rows when the group
 * ends (the next record is not of it, or `end()`), so the parent row can name every variant's
 * values; each FeedFormat object therefore serves one file (its `item()` calls may come before
 * or after `begin()`, as FeedSink opens the file lazily).
 */
import { createCsvFieldFormatter, formatCsvRow, type CsvFieldOptions } from '../../output/csv-field.js';
import type { FeedFormat } from '../contract.js';
import type { MarketplaceRecord } from './record.js';
import type { MarketplacePlan } from './settings.js';

export const UTF8_BOM = '\uFEFF';

export function createCsvFormat(plan: MarketplacePlan): FeedFormat<MarketplaceRecord> {
  const { settings, profile, columns, preamble } = plan;
  const options: CsvFieldOptions = { delimiter: settings.delimiter, newlines: settings.newlines, formulaGuard: settings.formulaGuard };
  const field = createCsvFieldFormatter(options);
  const keys = columns.map((column) => column.key);
  const kinds = columns.map((column) => column.kind);
  const { delimiter } = settings;
  const eol = settings.lineEnding;
  function writeRow(cells: Readonly<Record<string, string>>): string {
    let row = '';
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) row += delimiter;
      const value = cells[keys[i]!];
      if (value) row += field(value, kinds[i]);
    }
    return row + eol;
  }
  /** A row given as its cells in column order. */
  function writeValues(values: readonly string[]): string {
    let row = '';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) row += delimiter;
      const value = values[i]!;
      if (value !== '') row += field(value, kinds[i]);
    }
    return row + eol;
  }
  let group: MarketplaceRecord[] = [];

  function flushGroup(): string {
    if (group.length === 0 || !profile.variations) return '';
    const rows = profile.variations.rows(group, keys);
    group = [];
    let text = '';
    for (const row of rows) text += writeValues(row);
    return text;
  }

  return {
    extension: 'csv',
    // begin() keeps the group: FeedSink asks for the first item's text before it opens the file.
    begin() {
      const lines = [...preamble, columns.map((column) => column.header ?? column.key)].map((row) => formatCsvRow(row, options) + eol);
      return (settings.bom ? UTF8_BOM : '') + lines.join('');
    },
    item(record) {
      if (record.variation && profile.variations) {
        if (group[0]?.variation?.group === record.variation.group) {
          group.push(record);
          return '';
        }
        const before = flushGroup();
        group = [record];
        return before;
      }
      return flushGroup() + writeRow(record.cells);
    },
    end() {
      return flushGroup();
    },
  };
}
