/**
 * Streaming CSV/TSV reader over our scanner (csv-scanner.ts). Yields one item per data row with the line it
 * starts on; a malformed row (bad quoting, wrong column count) becomes an issue naming its line, and the run
 * goes on with the rows after it. csv-parse was the first choice; it is about 10x slower here and does not
 * resync after a bad quote (see bench/README.md).
 */
import { error, warning } from '../validate/issue.js';
import { detach, scanBytes } from './csv-scanner.js';
import { openInput, readHead } from './open.js';
import { sniffDelimiter } from './sniff.js';
import { invalidUtf8Warning, type ReadOptions, type SourceItem } from './source.js';

export async function* readDelimited(path: string, options: ReadOptions): AsyncGenerator<SourceItem> {
  const tsv = options.format === 'tsv';
  const encoding = options.encoding ?? 'utf8';
  const delimiter = options.delimiter ?? (tsv ? '\t' : sniffDelimiter((await readHead(path)).toString(encoding)));
  const input = await openInput(path);
  const copy = options.copyValues ?? true;

  let header: string[] | undefined;
  let rows!: RowShapes;
  let invalidUtf8: number | undefined;
  const onInvalidUtf8 = (line: number) => { invalidUtf8 = line; };
  for await (const batch of scanBytes(input, { delimiter, encoding, relaxQuotes: tsv, onInvalidUtf8 })) {
    if (invalidUtf8 !== undefined) {
      yield { kind: 'issue', issue: invalidUtf8Warning(invalidUtf8) };
      invalidUtf8 = undefined;
    }
    for (const item of batch) {
      if (item.kind === 'error') {
        yield {
          kind: 'issue',
          issue: error('catalog-malformed-row', `line ${item.line}: ${item.message} (${item.code}); row skipped`, {
            line: item.line,
            field: header?.[item.fieldIndex],
          }),
        };
        continue;
      }
      const { fields: record, line } = item;
      if (!header) {
        header = record.map((h) => h.trim());
        rows = new RowShapes(header);
        yield { kind: 'header', line, names: header };
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
      const out = rows.blank(record);
      for (let i = 0; i < header.length; i++) {
        const value = record[i]!;
        if (value !== '') out[header[i]!] = copy ? detach(value) : value;
      }
      yield { kind: 'row', line, record: out };
    }
  }
}

/**
 * Row objects that keep V8's fast properties. An object that gets more than a dozen properties by
 * computed name (`out[header[i]] = value`) turns into a hash table, and every later read of a field
 * (by every channel) is a hash lookup. So each row starts as a copy of a blank object with exactly
 * its non-empty columns, in header order, made once per combination (JSON.parse builds fast objects);
 * filling it in then only changes values. Rows keep the same keys, order and values as before.
 */
class RowShapes {
  private readonly blanks = new Map<number, Record<string, string>>();
  /** Up to 53 columns a combination fits in one exact double; wider files build rows as before. */
  private readonly fits: boolean;

  constructor(private readonly header: string[]) {
    this.fits = header.length <= 53;
  }

  blank(values: readonly string[]): Record<string, string> {
    if (!this.fits) return {};
    let mask = 0;
    for (let i = 0, bit = 1; i < values.length; i++, bit *= 2) if (values[i] !== '') mask += bit;
    let blank = this.blanks.get(mask);
    if (blank === undefined) {
      const keys: Record<string, string> = {};
      for (let i = 0; i < values.length; i++) if (values[i] !== '') keys[this.header[i]!] = '';
      blank = JSON.parse(JSON.stringify(keys)) as Record<string, string>;
      this.blanks.set(mask, blank);
    }
    return { ...blank };
  }
}
