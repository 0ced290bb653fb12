/**
 * Marketplace CSV (RFC 4180) -> field maps. eBay's layout is understood: `Info,...` rows are skipped,
 * and header names lose their markers (`*Title` -> `Title`, `*Action(SiteID=US|...)` -> `Action`).
 * Cells are compared as written (a formula-neutralised `'=x` stays `'=x`), except eBay's `PicURL`,
 * whose `|`-separated URLs are compared as a list.
 */
import { parse } from 'csv-parse';
import { InputError } from '../errors.js';
import { openFeedBytes } from './open-input.js';
import type { FieldValue } from './types.js';

const LIST_COLUMNS: Record<string, string> = { PicURL: '|' };

export async function* readCsv(
  path: string,
  delimiter: string,
  onHeader?: (names: string[]) => void,
): AsyncGenerator<Record<string, FieldValue>[]> {
  const bytes = await openFeedBytes(path);
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true });
  bytes.on('error', (err) => parser.destroy(err));
  bytes.pipe(parser);
  let header: string[] | undefined;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (record[0] === 'Info' || record.every((cell) => cell === '')) continue;
      if (header === undefined) {
        header = record.map(normaliseHeader);
        onHeader?.(header);
        continue;
      }
      yield [recordFields(header, record)];
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as { code?: string }).code;
    throw new InputError(`${path}: ${(err as Error).message}${code ? ` (${code})` : ''}`);
  } finally {
    bytes.destroy();
  }
}

export function normaliseHeader(name: string): string {
  return name.trim().replace(/^\*/, '').replace(/^(Action)\(.*\)$/, '$1');
}

function recordFields(header: string[], record: string[]): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (let i = 0; i < record.length; i++) {
    const name = header[i] ?? `column_${i + 1}`;
    const cell = record[i]!;
    if (cell === '') continue;
    const separator = LIST_COLUMNS[name];
    fields[name] = separator === undefined ? cell : cell.split(separator).map((v) => v.trim()).filter((v) => v !== '');
  }
  return fields;
}

/** The key column for a CSV header when `--key` is not given: eBay's CustomLabel, else sku / id. */
export function defaultCsvKey(fieldNames: readonly string[]): string | undefined {
  for (const wanted of ['customlabel', 'sku', 'id', 'item_sku', 'offer_id', 'reference']) {
    const found = fieldNames.find((name) => name.toLowerCase() === wanted);
    if (found !== undefined) return found;
  }
  return undefined;
}
