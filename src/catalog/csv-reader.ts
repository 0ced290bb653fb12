/**
 * Streaming CSV/TSV reader over csv-parse. Yields one item per data row with the line it starts on;
 * a malformed row (wrong column count, bad quoting) becomes an issue naming its line, and the run goes on.
 */
import { parse, type CsvError } from 'csv-parse';
import { error, warning } from '../validate/issue.js';
import { openInput, readHead } from './open.js';
import { sniffDelimiter } from './sniff.js';
import type { ReadOptions, SourceItem } from './source.js';

export async function* readDelimited(path: string, options: ReadOptions): AsyncGenerator<SourceItem> {
  const tsv = options.format === 'tsv';
  const encoding = options.encoding ?? 'utf8';
  const delimiter = options.delimiter ?? (tsv ? '\t' : sniffDelimiter((await readHead(path)).toString(encoding)));
  const input = await openInput(path);
  const skipped: SourceItem[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    encoding,
    info: true,
    relax_column_count: true,
    relax_quotes: tsv,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  parser.on('skip', (err: CsvError & { lines?: number }) => {
    skipped.push({
      kind: 'issue',
      issue: error('catalog-malformed-row', `line ${err.lines ?? '?'}: ${err.message} (${err.code}); row skipped`, {
        line: err.lines,
      }),
    });
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);

  let header: string[] | undefined;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    while (skipped.length > 0) yield skipped.shift()!;
    const { record, info } = item;
    const line = info.lines - countNewlines(record);
    if (!header) {
      header = record.map((h) => h.trim());
      const duplicates = header.filter((h, i) => h !== '' && header!.indexOf(h) !== i);
      if (duplicates.length > 0) {
        yield { kind: 'issue', issue: warning('catalog-duplicate-header', `header repeats ${duplicates.join(', ')}; the last one wins`, { line }) };
      }
      continue;
    }
    if (record.length !== header.length) {
      yield {
        kind: 'issue',
        issue: error(
          'catalog-column-count',
          `line ${line}: ${record.length} fields where the header has ${header.length}; row skipped`,
          { line, field: record.length > header.length ? undefined : header[record.length] },
        ),
      };
      continue;
    }
    const out: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) {
      const value = record[i]!;
      if (value !== '') out[header[i]!] = value;
    }
    yield { kind: 'row', line, record: out };
  }
  while (skipped.length > 0) yield skipped.shift()!;
}

function countNewlines(record: string[]): number {
  let n = 0;
  for (const value of record) {
    let at = value.indexOf('\n');
    while (at !== -1) {
      n++;
      at = value.indexOf('\n', at + 1);
    }
  }
  return n;
}
