#!/usr/bin/env node
/**
 * Reads one CSV file to rows with one parser candidate and prints a JSON line:
 *   { parser, rows, issues, checksum, ms, cpuS, peakRssMiB }
 * `rows` counts data rows plus the header; `checksum` sums field lengths, so candidates can be compared.
 *
 *   node bench/parse-file.mjs <scanner|reader|udsv|csv-parse|reader-csv-parse> FILE
 *
 * `scanner` and `reader` use the built dist/ (run `npm run build` first): the bare scanner, and the full
 * catalog reader (readDelimited: sniffing, header, SourceItems keyed by header) the pipeline uses.
 * `csv-parse` is the bare parser to arrays; `reader-csv-parse` is the same catalog reader over csv-parse,
 * as it was before the switch (bench/csv-parse-reader.mjs).
 */
import { createReadStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const CHUNK = 1 << 20;
const root = resolve(import.meta.dirname, '..');
const dist = (path) => import(pathToFileURL(resolve(root, 'dist', path)).href);

const candidates = {
  async scanner(file) {
    const { scanBytes } = await dist('catalog/csv-scanner.js');
    let rows = 0, issues = 0, checksum = 0;
    for await (const batch of scanBytes(createReadStream(file, { highWaterMark: CHUNK }), { delimiter: ',' })) {
      for (const item of batch) {
        if (item.kind === 'error') { issues++; continue; }
        rows++;
        for (const field of item.fields) checksum += field.length;
      }
    }
    return { rows, issues, checksum };
  },

  async reader(file) {
    const { readDelimited } = await dist('catalog/csv-reader.js');
    let rows = 1, issues = 0, checksum = 0;
    for await (const item of readDelimited(file, { format: 'csv' })) {
      if (item.kind === 'issue') { issues++; continue; }
      rows++;
      for (const key in item.record) checksum += item.record[key].length;
    }
    return { rows, issues, checksum, note: 'header not in checksum; empty fields dropped' };
  },

  async 'reader-csv-parse'(file) {
    const { readDelimitedWithCsvParse } = await import('./csv-parse-reader.mjs');
    let rows = 1, issues = 0, checksum = 0;
    for await (const item of readDelimitedWithCsvParse(file, { format: 'csv' })) {
      if (item.kind === 'issue') { issues++; continue; }
      rows++;
      for (const key in item.record) checksum += item.record[key].length;
    }
    return { rows, issues, checksum };
  },

  async 'csv-parse'(file) {
    const { parse } = await import('csv-parse');
    const parser = createReadStream(file, { highWaterMark: CHUNK }).pipe(
      parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, skip_records_with_error: true }),
    );
    let rows = 0, issues = 0, checksum = 0;
    parser.on('skip', () => issues++);
    for await (const { record } of parser) {
      rows++;
      for (const field of record) checksum += field.length;
    }
    return { rows, issues, checksum };
  },

  async udsv(file) {
    const { inferSchema, initParser } = await import('udsv');
    const decoder = new TextDecoder();
    let parser = null;
    let rows = 0, checksum = 0;
    const onRow = (record) => {
      rows++;
      for (const field of record) checksum += field.length;
    };
    for await (const bytes of createReadStream(file, { highWaterMark: CHUNK })) {
      const text = decoder.decode(bytes, { stream: true });
      parser ??= initParser(inferSchema(text, { col: ',', row: '\n' }));
      parser.chunk(text, parser.stringArrs, onRow);
    }
    parser?.end();
    // uDSV treats the header as schema, not as a row.
    return { rows: rows + 1, issues: 0, checksum };
  },
};

const [name, file] = process.argv.slice(2);
const run = candidates[name];
if (!run || !file) {
  console.error(`usage: parse-file.mjs <${Object.keys(candidates).join('|')}> FILE`);
  process.exit(2);
}
const started = performance.now();
const result = await run(file);
const ms = Math.round(performance.now() - started);
const usage = process.resourceUsage();
const peakRssMiB = Math.round(usage.maxRSS / 1024);
// CPU seconds (user + system) are steadier than wall time when other jobs share the machine.
const cpuS = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1e4) / 100;
console.log(JSON.stringify({ parser: name, ...result, ms, cpuS, peakRssMiB }));
