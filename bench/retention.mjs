#!/usr/bin/env node
/**
 * Reads a catalog with the catalog reader and keeps one title per 1000 rows, as a pipeline that remembers
 * some values would. Prints the peak RSS: it should stay near the reader's own (~200 MiB), not grow with the
 * file. (Before the scanner copied its values, V8 substrings kept whole decoded chunks alive: 2.4 GB at 1M.)
 *
 *   node bench/retention.mjs FILE
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { readDelimited } = await import(pathToFileURL(resolve(import.meta.dirname, '..', 'dist/catalog/csv-reader.js')).href);
const kept = [];
let rows = 0;
for await (const item of readDelimited(process.argv[2], {})) {
  if (item.kind === 'row' && rows++ % 1000 === 0) kept.push(item.record.title);
}
console.log(`${rows} rows, kept ${kept.length} titles, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
