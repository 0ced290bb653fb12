#!/usr/bin/env node
/**
 * Benchmark for `omnifeed diff` on large feeds.
 *
 *   npm run build && node bench/diff.mjs [--items 1000000] [--seed 7] [--new-format tsv|xml]
 *
 * Writes two Google TSV feeds into bench/data/ (deterministic for --items and --seed; reused when
 * present): OLD, and NEW with about 1% of items changed (price, title or an image list), 0.1% removed
 * and 0.1% added (`--new-format xml` writes NEW as Google XML instead). Then diffs them in a child process through the built dist/diff module and prints
 * items/s and the child's peak RSS (process.resourceUsage().maxRSS).
 */
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRandom } from './generate-catalog.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};

async function measure(oldPath, newPath) {
  const dist = join(here, '..', 'dist', 'diff', 'index.js');
  const { diffFeeds } = await import(pathToFileURL(dist).href);
  const started = process.hrtime.bigint();
  const result = await diffFeeds(oldPath, newPath);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const fieldChanges = result.changed.reduce((n, c) => n + c.fields.length, 0);
  process.stdout.write(
    JSON.stringify({
      seconds,
      oldItems: result.old.items,
      newItems: result.new.items,
      stat: result.stat,
      fieldChanges,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      passes: 'OLD read twice, NEW once',
    }),
  );
}


const HEADER = ['id', 'title', 'description', 'link', 'image_link', 'additional_image_link', 'price', 'availability', 'brand', 'gtin', 'product_type', 'shipping'];
const WORDS = ['linen', 'shirt', 'soft', 'blue', 'washable', 'durable', 'classic', 'recycled', 'compact', 'premium', 'café', 'grün', '"pro"', 'light,'];

function item(rnd, n) {
  const words = (count) => Array.from({ length: count }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
  const id = `SKU-${String(n).padStart(8, '0')}`;
  return {
    id,
    title: words(6),
    description: words(45),
    link: `https://shop.example.com/p/${id}`,
    image_link: `https://img.example.com/${id}.jpg`,
    additional_image_link: [`https://img.example.com/${id}-2.jpg`, `https://img.example.com/${id}-3,4.jpg`],
    price: `${(10 + Math.floor(rnd() * 20000) / 100).toFixed(2)} USD`,
    availability: rnd() < 0.9 ? 'in_stock' : 'out_of_stock',
    brand: 'Acme',
    gtin: String(4006381000000 + n),
    product_type: 'Apparel > Shirts',
    shipping: ['US::Standard:4.95 USD', 'CA:ON:Express:9.95 CAD:1:2:3:5'],
  };
}

function row(it) {
  const cell = (v) => (Array.isArray(v) ? v.map((x) => (x.includes(',') ? `"${x}"` : x)).join(',') : v.startsWith('"') ? `"${v.replace(/"/g, '""')}"` : v);
  return HEADER.map((name) => cell(it[name])).join('\t') + '\n';
}

function change(rnd, it) {
  const pick = rnd();
  if (pick < 0.5) return { ...it, price: `${(Number(it.price.split(' ')[0]) + 1).toFixed(2)} USD` };
  if (pick < 0.8) return { ...it, title: `${it.title} v2` };
  return { ...it, additional_image_link: [...it.additional_image_link, `https://img.example.com/${it.id}-5.jpg`] };
}

function xmlItem(it) {
  const esc = (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let out = '<item>\n';
  for (const name of HEADER) {
    const value = it[name];
    if (name === 'shipping') {
      for (const s of value) {
        const [country, region, service, price, ...times] = s.split(':');
        const times4 = ['min_handling_time', 'max_handling_time', 'min_transit_time', 'max_transit_time'];
        out += `<g:shipping><g:country>${country}</g:country>${region ? `<g:region>${region}</g:region>` : ''}<g:service>${service}</g:service><g:price>${price}</g:price>`;
        out += times.map((t, i) => `<g:${times4[i]}>${t}</g:${times4[i]}>`).join('') + '</g:shipping>\n';
      }
    } else for (const v of Array.isArray(value) ? value : [value]) out += `<g:${name}>${esc(v)}</g:${name}>\n`;
  }
  return out + '</item>\n';
}

async function generate(oldPath, newPath, items, seed, newRow) {
  const rnd = createRandom(seed);
  const oldOut = createWriteStream(oldPath);
  const newOut = createWriteStream(newPath);
  const header = HEADER.join('\t') + '\n';
  oldOut.write(header);
  newOut.write(newRow === row ? header : '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:g="http://base.google.com/ns/1.0">\n<channel>\n<title>Bench</title>\n');
  let oldBuf = '';
  let newBuf = '';
  const flush = async (force) => {
    if (oldBuf.length > 1 << 20 || force) {
      if (!oldOut.write(oldBuf)) await once(oldOut, 'drain');
      oldBuf = '';
    }
    if (newBuf.length > 1 << 20 || force) {
      if (!newOut.write(newBuf)) await once(newOut, 'drain');
      newBuf = '';
    }
  };
  let added = 0;
  for (let n = 0; n < items; n++) {
    const it = item(rnd, n);
    oldBuf += row(it);
    const fate = rnd();
    if (fate < 0.001) {
      // removed from NEW; another item added in its place
      newBuf += newRow(item(rnd, items + added++));
    } else if (fate < 0.011) newBuf += newRow(change(rnd, it));
    else newBuf += newRow(it);
    await flush(false);
  }
  if (newRow !== row) newBuf += '</channel>\n</rss>\n';
  await flush(true);
  oldOut.end();
  newOut.end();
  await Promise.all([once(oldOut, 'finish'), once(newOut, 'finish')]);
}

async function main() {
if (args[0] === '--measure') {
  await measure(args[1], args[2]);
} else {
  const items = Number(option('items', '1000000'));
  const seed = Number(option('seed', '7'));
  const newFormat = option('new-format', 'tsv');
  const dir = join(here, 'data');
  mkdirSync(dir, { recursive: true });
  const oldPath = join(dir, `diff-old-${items}-${seed}.tsv`);
  const newPath = join(dir, `diff-new-${items}-${seed}.${newFormat}`);
  if (!existsSync(oldPath) || !existsSync(newPath)) {
    const started = Date.now();
    await generate(oldPath, newPath, items, seed, newFormat === 'xml' ? xmlItem : row);
    console.log(`generated 2 feeds of ${items} items in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const size = (p) => `${(statSync(p).size / 1024 / 1024).toFixed(0)} MiB`;
  console.log(`OLD ${oldPath} (${size(oldPath)}), NEW ${newPath} (${size(newPath)})`);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', oldPath, newPath], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) {
    console.error(child.stdout);
    process.exit(child.status ?? 1);
  }
  const m = JSON.parse(child.stdout);
  console.log(`diff: ${m.seconds.toFixed(1)} s, ${Math.round((m.oldItems + m.newItems) / m.seconds)} items/s (both sides), peak RSS ${m.maxRssMiB} MiB`);
  console.log(`      ${m.stat.added} added, ${m.stat.removed} removed, ${m.stat.changed} changed, ${m.stat.unchanged} unchanged`);
  console.log(`      node ${process.version}, ${m.passes}`);
}
}

await main();
