/** One side of a diff: its files, their detected format, and its items as a re-readable stream. */
import { InputError } from '../errors.js';
import { detectFormat } from './detect-format.js';
import { readHead, resolveFeedPaths } from './open-input.js';
import { readAmazonJson } from './read-amazon-json.js';
import { defaultCsvKey, readCsv } from './read-csv.js';
import { readGoogleTsv } from './read-google-tsv.js';
import { readGoogleXml } from './read-google-xml.js';
import type { DiffFormat, FeedItem, FieldValue } from './types.js';

export interface FeedSource {
  paths: string[];
  format: DiffFormat;
  /** CSV field delimiter. */
  delimiter?: string;
}

export const DEFAULT_KEY: Partial<Record<DiffFormat, string>> = {
  'google-xml': 'id',
  'google-tsv': 'id',
  'amazon-json': 'sku',
};

/** Resolve arguments to files and detect their (common) format from content. */
export async function openFeedSource(args: string | readonly string[]): Promise<FeedSource> {
  const list = typeof args === 'string' ? [args] : args;
  const paths: string[] = [];
  for (const arg of list) paths.push(...(await resolveFeedPaths(arg)));
  let source: FeedSource | undefined;
  for (const path of paths) {
    const detected = detectFormat(await readHead(path));
    if (detected === undefined) {
      throw new InputError(
        `${path}: unknown feed format`,
        'omnifeed diff reads Google XML or TSV, Amazon JSON_LISTINGS_FEED and marketplace CSV (optionally gzip-compressed).',
      );
    }
    if (source === undefined) source = { paths, format: detected.format, ...(detected.delimiter ? { delimiter: detected.delimiter } : {}) };
    else if (source.format !== detected.format) {
      throw new InputError(`${path} is ${detected.format} but ${paths[0]} is ${source.format}: one side must be one format`);
    }
  }
  if (source === undefined) throw new InputError('no feed files given');
  return source;
}

export interface ReadOptions {
  key?: string | undefined;
  warn: (message: string) => void;
}

/** Items of all the source's files, one at a time, in file order. */
export async function* readFeedItems(source: FeedSource, options: ReadOptions): AsyncGenerator<FeedItem> {
  for await (const batch of readFeedBatches(source, options)) yield* batch;
}

/**
 * Items of all the source's files in file order, in batches (one per chunk read: far fewer async
 * steps than one per item). Items without a key are reported and skipped.
 */
export async function* readFeedBatches(source: FeedSource, options: ReadOptions): AsyncGenerator<FeedItem[]> {
  for (const path of source.paths) {
    let keyField = options.key ?? DEFAULT_KEY[source.format];
    let rows: AsyncIterable<Record<string, FieldValue>[]>;
    switch (source.format) {
      case 'google-xml':
        rows = readGoogleXml(path);
        break;
      case 'google-tsv':
        rows = readGoogleTsv(path);
        break;
      case 'amazon-json':
        rows = readAmazonJson(path);
        break;
      case 'csv':
        rows = readCsv(path, source.delimiter ?? ',', (names) => {
          keyField ??= defaultCsvKey(names);
          if (keyField === undefined) {
            throw new InputError(`${path}: no key column (CustomLabel, sku or id)`, 'Name it with --key COLUMN.');
          }
          if (!names.includes(keyField)) throw new InputError(`${path}: no column named ${keyField}`, 'Check --key.');
        });
        break;
    }
    let position = 0;
    for await (const rowBatch of rows) {
      const items: FeedItem[] = [];
      for (const fields of rowBatch) {
        position++;
        const value = keyField === undefined ? undefined : fields[keyField];
        const key = Array.isArray(value) ? value.join(',') : value;
        if (key === undefined || key === '') {
          options.warn(`${path}: item ${position} has no ${keyField ?? 'key'}; skipped`);
          continue;
        }
        items.push({ key: detachString(key), fields });
      }
      if (items.length > 0) yield items;
    }
  }
}

/**
 * A copy of `s` that does not keep its parent alive: V8 may represent a substring as a slice of the
 * whole chunk it came from, and keys are kept for the whole run.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** Fields to keep beyond the chunk they were read from (see detachString). */
export function detachFields(fields: Record<string, FieldValue>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    out[detachString(name)] = Array.isArray(value) ? value.map(detachString) : detachString(value);
  }
  return out;
}
