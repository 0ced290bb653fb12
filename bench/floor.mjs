#!/usr/bin/env node
/**
 * The floor: how fast can any program on this machine turn the bench catalog into feeds of the same formats
 * and about the same size as `omnifeed build` writes, if it does nothing else? Plain node over dist/.
 *
 *   node bench/floor.mjs CATALOG.csv OUT_DIR
 *
 * Two worker threads (one per core), each reading the whole file with omnifeed's own scanner (the fastest
 * parser measured here, see bench/README.md) so that neither waits for the other:
 *   - thread 1 writes an RSS item per row with every non-empty column as <g:name> (XML-escaped) and a TSV
 *     line per row (tabs and line breaks flattened), like Google's XML and TSV feeds;
 *   - thread 2 writes a JSON_LISTINGS_FEED-style message per row (12 attributes, each
 *     [{ value, language_tag, marketplace_id }], through JSON.stringify) and a 12-column CSV line per row
 *     (RFC 4180 quoting), like the Amazon and eBay feeds.
 * Output goes through reused 1 MiB buffers and is synced to disk at the end, as the build's feeds are.
 *
 * It leaves out everything #2 asks for beyond writing: schema validation, checks, rules, HTML stripping,
 * money parsing, duplicate ids, formula neutralisation, reports, atomic commit. So it is a lower bound for
 * the build, not a competitor: it only answers how much of the build's time the formats themselves cost.
 * Prints one JSON line: rows, bytes written, seconds.
 */
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

const dist = resolve(import.meta.dirname, '../dist');
const JSON_COLUMNS = ['title', 'description', 'brand', 'color', 'size', 'material', 'gtin', 'price', 'quantity', 'image_link', 'condition', 'shipping_weight'];
const CSV_COLUMNS = ['google_product_category', 'title', 'description', 'image_link', 'price', 'quantity', 'brand', 'mpn', 'color', 'size', 'gtin'];

class Output {
  constructor(path) {
    this.fd = openSync(path, 'w');
    this.buffer = Buffer.allocUnsafe(1 << 20);
    this.used = 0;
    this.bytes = 0;
  }
  add(text) {
    if (this.used + text.length * 3 > this.buffer.length) this.flush();
    if (text.length * 3 > this.buffer.length) {
      this.bytes += writeSync(this.fd, text);
      return;
    }
    this.used += this.buffer.utf8Write(text, this.used);
  }
  flush() {
    this.bytes += writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }
  close() {
    this.flush();
    fdatasyncSync(this.fd);
    closeSync(this.fd);
    return this.bytes;
  }
}

async function writeFeeds({ file, outDir, part }) {
  const { scanBytes, detach } = await import(`${dist}/catalog/csv-scanner.js`);
  const { openInput } = await import(`${dist}/catalog/open.js`);
  const { escapeXml } = await import(`${dist}/model/text.js`);
  const flat = (s) => (/[\t\n\r]/.test(s) ? s.replace(/[\t\n\r]+/g, ' ') : s);
  const quoted = (s) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

  const first = part === 'google';
  const outs = first
    ? [new Output(resolve(outDir, 'floor.xml')), new Output(resolve(outDir, 'floor.tsv'))]
    : [new Output(resolve(outDir, 'floor.json')), new Output(resolve(outDir, 'floor.csv'))];
  const [a, b] = outs;
  a.add(first ? '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel>\n' : '{"header":{"sellerId":"A2BENCHSELLER01","version":"2.0"},"messages":[\n');
  let header;
  let jsonColumns;
  let csvColumns;
  let rows = 0;
  for await (const batch of scanBytes(await openInput(file), { delimiter: ',' })) {
    for (const item of batch) {
      if (item.kind === 'error') continue;
      if (!header) {
        header = item.fields.slice();
        const at = (names) => names.map((name) => header.indexOf(name)).filter((i) => i >= 0);
        jsonColumns = at(JSON_COLUMNS);
        csvColumns = at(CSV_COLUMNS);
        if (first) b.add(`${header.join('\t')}\n`);
        else b.add(`id,${csvColumns.map((i) => header[i]).join(',')}\n`);
        continue;
      }
      rows++;
      const values = item.fields.map(detach);
      if (first) {
        let xml = '<item>';
        for (let i = 0; i < header.length; i++) {
          if (values[i] !== '') xml += `<g:${header[i]}>${escapeXml(values[i])}</g:${header[i]}>`;
        }
        a.add(`${xml}</item>\n`);
        let line = flat(values[0]);
        for (let i = 1; i < values.length; i++) line += `\t${flat(values[i])}`;
        b.add(`${line}\n`);
      } else {
        const attributes = {};
        for (const i of jsonColumns) {
          if (values[i] !== '') attributes[header[i]] = [{ value: values[i], language_tag: 'de_DE', marketplace_id: 'A1PA6795UKMFR9' }];
        }
        const message = { messageId: rows, sku: values[0], operationType: 'UPDATE', productType: 'SHIRT', attributes };
        a.add(`${rows > 1 ? ',\n' : ''}${JSON.stringify(message)}`);
        let line = quoted(values[0]);
        for (const i of csvColumns) line += `,${quoted(values[i])}`;
        b.add(`${line}\n`);
      }
    }
  }
  a.add(first ? '</channel></rss>\n' : ']}\n');
  return { rows, bytes: a.close() + b.close() };
}

if (isMainThread) {
  const [file, outDir] = process.argv.slice(2);
  if (!file || !outDir) {
    console.error('usage: floor.mjs CATALOG.csv OUT_DIR');
    process.exit(2);
  }
  const started = performance.now();
  const parts = await Promise.all(['google', 'amazon'].map((part) => new Promise((done, fail) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { file: resolve(file), outDir: resolve(outDir), part } });
    worker.once('message', done);
    worker.once('error', fail);
  })));
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ rows: parts[0].rows, bytes: parts[0].bytes + parts[1].bytes, seconds }));
} else {
  const { parentPort } = await import('node:worker_threads');
  parentPort.postMessage(await writeFeeds(workerData));
}
