/**
 * Local inventory side feed: the merchant's store stock file (CSV or TSV, one row per store and
 * product) streamed into `google-local-inventory.tsv`. Rows are normalised, checked against
 * channel-schemas/google-local-inventory.schema.json, and malformed rows come back as issues
 * with their line numbers.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { InputError } from '../../errors.js';
import { formatMoney, parseMoney } from '../../model/money.js';
import { compileSchemaFile, schemaIssues } from '../../validate/ajv.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { ChannelContext, FeedFormat, SideFeed } from '../contract.js';
import { googleConfig } from './config.js';
import { removeXmlForbidden } from '../../model/text.js';
import { tsvText } from './tsv-format.js';

export const LOCAL_INVENTORY_FILE = 'google-local-inventory.tsv';
export const LOCAL_INVENTORY_SCHEMA = 'google-local-inventory.schema.json';
export const LOCAL_INVENTORY_COLUMNS = ['store_code', 'id', 'quantity', 'price', 'availability', 'pickup_method', 'pickup_sla'] as const;

export type LocalInventoryColumn = (typeof LOCAL_INVENTORY_COLUMNS)[number];
export type LocalInventoryRow = Partial<Record<LocalInventoryColumn, string>>;

const KNOWN = new Set<string>(LOCAL_INVENTORY_COLUMNS);

export function createLocalInventoryFormat(): FeedFormat<LocalInventoryRow> {
  return {
    extension: 'tsv',
    begin: () => `${LOCAL_INVENTORY_COLUMNS.join('\t')}\n`,
    item: (row) => `${LOCAL_INVENTORY_COLUMNS.map((name) => tsvText(row[name] ?? '')).join('\t')}\n`,
    end: () => '',
  };
}

/** One store-file row -> a local inventory row and what is wrong with it. */
export function normalizeLocalInventoryRow(
  raw: Record<string, string>,
  ctx: ChannelContext,
  line: number,
): { record: LocalInventoryRow; issues: Issue[] } {
  const record: LocalInventoryRow = {};
  const issues: Issue[] = [];
  const where = { channel: ctx.instance, line, productId: raw['id']?.trim() || undefined };
  for (const name of LOCAL_INVENTORY_COLUMNS) {
    const value = removeXmlForbidden(raw[name] ?? '').trim();
    if (value === '') continue;
    switch (name) {
      case 'price': {
        const money = parseMoney(value, { defaultCurrency: ctx.catalog.currency, decimalComma: ctx.catalog.decimalComma });
        if (money.ok) record.price = formatMoney(money.money);
        else issues.push(error('price-unparseable', `price: ${money.reason}`, { ...where, field: 'price' }));
        break;
      }
      case 'availability':
      case 'pickup_method':
        record[name] = value.toLowerCase().replace(/[\s-]+/g, '_');
        break;
      case 'pickup_sla': {
        // Google writes same_day and next_day with an underscore, 2-day ... multi-week with a hyphen.
        const sla = value.toLowerCase().replace(/[\s_-]+/g, '-');
        record[name] = sla === 'same-day' || sla === 'next-day' ? sla.replace('-', '_') : sla;
        break;
      }
      default:
        record[name] = value;
    }
  }
  const validate = compileSchemaFile(LOCAL_INVENTORY_SCHEMA);
  if (!validate(record)) issues.push(...schemaIssues(validate.errors, where));
  return { record, issues };
}

function delimiterFor(path: string, configured: string | undefined): string {
  if (configured) return configured === 'tab' ? '\t' : configured;
  return /\.(tsv|txt|tab)$/i.test(path) ? '\t' : ',';
}

interface Skipped {
  line: number;
  issue: Issue;
}

/** Stream the store file as { record, issues }; rows csv-parse cannot read are issues, not aborts. */
export async function* readLocalInventory(path: string, ctx: ChannelContext, delimiter?: string): AsyncGenerator<{ record: LocalInventoryRow; issues: Issue[] }> {
  try {
    await access(path);
  } catch {
    throw new InputError(`local inventory file ${path} cannot be read`, 'Check channels.google.localInventory.path.');
  }
  const skipped: Skipped[] = [];
  const onSkip = (err: CsvError | undefined): undefined => {
    if (!err) return undefined;
    const line = Number((err as unknown as { lines?: number }).lines ?? 0);
    skipped.push({ line, issue: error('local-inventory-malformed-row', `${path}: ${err.message}`, { channel: ctx.instance, line }) });
    return undefined;
  };
  const source = createReadStream(path);
  const parser = source.pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      bom: true,
      info: true,
      delimiter: delimiterFor(path, delimiter),
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: onSkip,
    }),
  );
  let headerIssues: Issue[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!headerIssues) {
        headerIssues = [];
        const columns = Object.keys(record);
        const missing = ['store_code', 'id'].filter((c) => !columns.includes(c));
        if (missing.length > 0) {
          throw new InputError(`local inventory file ${path} has no ${missing.join(', ')} column`, `Columns: ${LOCAL_INVENTORY_COLUMNS.join(', ')}.`);
        }
        const unknown = columns.filter((c) => !KNOWN.has(c));
        if (unknown.length > 0) {
          // Reported with the first row: a record-less item would be written as an empty row.
          headerIssues.push(
            warning('local-inventory-unknown-column', `${path}: column(s) ${unknown.join(', ')} are not local inventory attributes and are ignored`, {
              channel: ctx.instance,
              line: 1,
            }),
          );
        }
      }
      while (skipped.length > 0 && skipped[0]!.line < info.lines) yield { record: {}, issues: [skipped.shift()!.issue] };
      const row = normalizeLocalInventoryRow(record, ctx, info.lines);
      if (headerIssues.length > 0) {
        row.issues.unshift(...headerIssues);
        headerIssues = [];
      }
      yield row;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const csvErr = err as CsvError & { lines?: number };
    if (typeof csvErr.code !== 'string' || !csvErr.code.startsWith('CSV_')) throw err;
    skipped.push({ line: csvErr.lines ?? 0, issue: error('local-inventory-malformed-row', `${path}: ${csvErr.message}`, { channel: ctx.instance, line: csvErr.lines }) });
  } finally {
    source.destroy();
  }
  for (const { issue } of skipped) yield { record: {}, issues: [issue] };
}

export function localInventorySideFeeds(ctx: ChannelContext): SideFeed[] {
  const config = googleConfig(ctx.config);
  if (!config.localInventory) return [];
  const { path, delimiter } = config.localInventory;
  return [
    {
      file: LOCAL_INVENTORY_FILE,
      format: createLocalInventoryFormat() as FeedFormat<unknown>,
      records: () => readLocalInventory(ctx.resolvePath(path), ctx, delimiter),
    },
  ];
}
