#!/usr/bin/env node
/**
 * Checks that the catalog reader over our scanner yields exactly what the csv-parse reader yielded
 * (rows with their records, issue codes), item by item, on one file. Line numbers are compared too but only
 * counted: csv-parse's info.lines counts a CRLF inside a quoted field as two lines, so its rows after one
 * are off by one (`grep -n` agrees with the scanner).
 *
 *   node bench/compare-readers.mjs FILE
 */
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { readDelimitedWithCsvParse } from './csv-parse-reader.mjs';

const { readDelimited } = await import(pathToFileURL(resolve(import.meta.dirname, '..', 'dist/catalog/csv-reader.js')).href);
const file = process.argv[2];
if (!file) { console.error('usage: compare-readers.mjs FILE'); process.exit(2); }
const summary = (item) => (item?.kind === 'issue' ? { kind: 'issue', code: item.issue.code } : { ...item, line: undefined });
const lineOf = (item) => (item?.kind === 'issue' ? item.issue.line : item?.line);

const ours = readDelimited(file, {});
const theirs = readDelimitedWithCsvParse(file, {});
let count = 0;
let lineDiffs = 0;
let firstLineDiff;
for (;;) {
  const [a, b] = await Promise.all([ours.next(), theirs.next()]);
  if (a.done && b.done) break;
  if (!isDeepStrictEqual(summary(a.value), summary(b.value))) {
    console.error(`item ${count} differs:\n scanner:   ${JSON.stringify(summary(a.value))}\n csv-parse: ${JSON.stringify(summary(b.value))}`);
    process.exit(1);
  }
  if (lineOf(a.value) !== lineOf(b.value)) {
    lineDiffs++;
    firstLineDiff ??= `item ${count}: line ${lineOf(a.value)} (scanner) vs ${lineOf(b.value)} (csv-parse)`;
  }
  count++;
}
console.log(`${count} items identical; ${lineDiffs} with a different line${firstLineDiff ? `, first ${firstLineDiff}` : ''}`);
