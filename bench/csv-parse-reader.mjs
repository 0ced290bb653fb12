/**
 * The catalog reader as it was over csv-parse (src/catalog/csv-reader.ts at commit 9d944ba), kept as a bench
 * candidate so `reader` (over our scanner) can be compared with what it replaced. Imports the built dist/.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { parse } from 'csv-parse';

const dist = (path) => import(pathToFileURL(resolve(import.meta.dirname, '..', 'dist', path)).href);
const { error, warning } = await dist('validate/issue.js');
const { openInput, readHead } = await dist('catalog/open.js');
const { sniffDelimiter } = await dist('catalog/sniff.js');

export async function* readDelimitedWithCsvParse(path, options) {
  const tsv = options.format === 'tsv';
  const encoding = options.encoding ?? 'utf8';
  const delimiter = options.delimiter ?? (tsv ? '\t' : sniffDelimiter((await readHead(path)).toString(encoding)));
  const input = await openInput(path);
  const skipped = [];
  const parser = parse({
    delimiter, bom: true, encoding, info: true, relax_column_count: true, relax_quotes: tsv,
    skip_empty_lines: true, skip_records_with_error: true,
  });
  parser.on('skip', (err) => {
    skipped.push({ kind: 'issue', issue: error('catalog-malformed-row', `line ${err.lines ?? '?'}: ${err.message} (${err.code}); row skipped`, { line: err.lines }) });
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  let header;
  for await (const { record, info } of parser) {
    while (skipped.length > 0) yield skipped.shift();
    const line = info.lines - countNewlines(record);
    if (!header) {
      header = record.map((h) => h.trim());
      const duplicates = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
      if (duplicates.length > 0) yield { kind: 'issue', issue: warning('catalog-duplicate-header', `header repeats ${duplicates.join(', ')}`, { line }) };
      continue;
    }
    if (record.length !== header.length) {
      yield { kind: 'issue', issue: error('catalog-column-count', `line ${line}: ${record.length} fields where the header has ${header.length}; row skipped`, { line }) };
      continue;
    }
    const out = {};
    for (let i = 0; i < header.length; i++) if (record[i] !== '') out[header[i]] = record[i];
    yield { kind: 'row', line, record: out };
  }
  while (skipped.length > 0) yield skipped.shift();
}

function countNewlines(record) {
  let n = 0;
  for (const value of record) for (let at = value.indexOf('\n'); at !== -1; at = value.indexOf('\n', at + 1)) n++;
  return n;
}
