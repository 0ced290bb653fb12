/** Google TSV feed -> FeedItems: header row of attribute names, one item per row. */
import { InputError } from '../errors.js';
import {
  canonicalGoogleValue,
  GOOGLE_MULTI_VALUE,
  normaliseAttributeName,
  reorderGroupString,
  splitMultiValueCell,
} from './google-fields.js';
import { readTextChunks } from './open-input.js';
import { TsvTokenizer, type TsvRow } from './tsv-tokenizer.js';
import type { FieldValue } from './types.js';

interface Column {
  name: string;
  multi: boolean;
  /** Sub-attribute order named in the header, as in `shipping(country:price)`. */
  order?: string[];
}

/** Rows of the file as field maps, a batch per chunk read (the key is picked by the caller). */
export async function* readGoogleTsv(path: string): AsyncGenerator<Record<string, FieldValue>[]> {
  const tokenizer = new TsvTokenizer();
  let columns: Column[] | undefined;
  let line = 0;
  function convert(rows: TsvRow[]): Record<string, FieldValue>[] {
    const out: Record<string, FieldValue>[] = [];
    for (const row of rows) {
      line++;
      if (columns === undefined) {
        columns = row.cells.map(parseColumn);
        continue;
      }
      if (row.cells.length > columns.length) {
        throw new InputError(`${path}: row ${line} has ${row.cells.length} cells but the header has ${columns.length}`);
      }
      out.push(rowFields(columns, row));
    }
    return out;
  }
  for await (const chunk of readTextChunks(path)) yield convert(tokenizer.push(chunk));
  yield convert(tokenizer.end());
}

function parseColumn(header: string): Column {
  const match = /^([^()]+)\(([^()]*)\)\s*$/.exec(header.trim());
  const name = normaliseAttributeName(match ? match[1]! : header);
  const column: Column = { name, multi: GOOGLE_MULTI_VALUE.has(name) };
  if (match) column.order = match[2]!.split(':').map((sub) => sub.trim().toLowerCase());
  return column;
}

export function rowFields(columns: Column[], row: TsvRow): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (let i = 0; i < row.cells.length; i++) {
    const column = columns[i]!;
    const cell = row.cells[i]!;
    if (cell === '') continue;
    let values: string[];
    if (!column.multi) values = [cell];
    // A quoted field without inner quotes is one value that may contain commas ("a,b").
    else if (row.quoted[i] && !cell.includes('"')) values = [cell];
    else values = splitMultiValueCell(cell);
    if (column.order !== undefined) values = values.map((v) => reorderGroupString(column.name, column.order!, v));
    const value = canonicalGoogleValue(column.name, values);
    if (value === undefined) continue;
    const earlier = fields[column.name];
    // The same attribute in several columns (one column per value) adds values.
    fields[column.name] = earlier === undefined ? value : [earlier, value].flat();
  }
  return fields;
}
