#!/usr/bin/env node
/**
 * Deterministic catalog generator for the benchmarks (and for large-input tests).
 *
 *   node bench/generate-catalog.mjs --rows 1000000 --out bench/data/catalog-1000000.csv [--seed 42]
 *
 * Same --rows and --seed give a byte-identical file. Rows look like a real merchant export: canonical Google
 * attribute names as headers; descriptions of 300-800 characters with quotes, commas, semicolons, newlines
 * (rarely CRLF), HTML, accented letters, CJK and emoji; prices; GTINs with valid check digits; variants
 * (colour/size) sharing an item_group_id for about a third of the products. About 1.2 KB per row.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

export const HEADER = [
  'id', 'item_group_id', 'title', 'description', 'link', 'image_link', 'additional_image_link', 'price', 'sale_price',
  'availability', 'availability_date', 'quantity', 'condition', 'brand', 'gtin', 'mpn', 'color', 'size', 'gender', 'age_group', 'material',
  'product_type', 'google_product_category', 'shipping_weight', 'product_highlight',
];

const BRANDS = ['Acme', 'Nordwind', 'Café Lumière', 'Bergström & Söhne', 'Kōgei', 'Zephyr "Pro"', 'Tallis, Ltd.', 'Ölfabrik'];
const NOUNS = ['Jacket', 'Sneaker', 'Backpack', 'Kettle', 'Desk Lamp', 'Headphones', 'Water Bottle', 'Wool Scarf', 'Chef Knife', 'Yoga Mat'];
const ADJECTIVES = ['Lightweight', 'Waterproof', 'Classic', 'Ergonomic', 'Recycled', 'Compact', 'Premium', 'Heavy-duty', 'Vintage', 'Smart'];
const COLORS = ['Black', 'White', 'Navy', 'Forest Green', 'Crimson', 'Sand', 'Grey Melange'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
const MATERIALS = ['Cotton', 'Polyester', 'Stainless steel', 'Merino wool', 'Bamboo', 'Recycled PET'];
const TYPES = [
  'Apparel & Accessories > Clothing > Outerwear', 'Home & Garden > Kitchen & Dining > Kitchen Appliances',
  'Electronics > Audio > Headphones', 'Sporting Goods > Exercise & Fitness > Yoga Mats', 'Luggage & Bags > Backpacks',
];
const CATEGORIES = ['5598', '730', '505771', '3276', '100', '188', '6425'];
const AVAILABILITY = ['in_stock', 'in_stock', 'in_stock', 'out_of_stock', 'preorder', 'backorder'];
const CONDITIONS = ['new', 'new', 'new', 'new', 'refurbished', 'used'];
const PHRASES = [
  'Made for everyday use, it keeps its shape after hundreds of washes',
  'The "all-weather" finish repels rain, snow and mud',
  '<p>Designed in Berlin; assembled in Porto.</p>',
  'Includes: 1 × unit, 2 × spare parts, user manual (EN, DE, FR)',
  '<ul><li>Zip pockets</li><li>Reflective trim</li></ul>',
  'Crème brûlée colour, naïve charm, façade-ready 😀',
  'Fits 15.6" laptops, weighs just 0.8 kg',
  'Rated 4.8/5 by 2,314 customers 👍🏽',
  'Gift-ready packaging — perfect for birthdays & holidays 🎁',
  'Wash at 30 °C; do not tumble dry',
  '日本製の高品質素材を使用しています',
  'Say "hello" to the "new" standard, with ""double"" quotes',
  'Warranty: 2 years, no questions asked',
  '<b>Limited edition</b> &amp; numbered',
];

/** mulberry32: small, fast, seeded PRNG returning [0, 1). */
export function createRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** GS1 prefixes of real trade items (not restricted 02/04/2x, not coupons 05/98x/99). */
const EAN_PREFIXES = ['400', '401', '402', '403', '404', '405', '406', '407', '408', '409', '410', '419', '420', '440', '300', '350', '379', '500', '501', '509', '800', '839'];
const UPC_PREFIXES = ['0', '1', '6', '7', '8'];
const UPC_SECOND = ['0', '1', '3', '6', '7', '8', '9'];

/** A GTIN (12-digit UPC or 13-digit EAN) with a valid GS1 check digit and a real-world prefix. */
export function makeGtin(random) {
  const upc = random() >= 0.7;
  const pick = (list) => list[Math.floor(random() * list.length)];
  let body = upc ? pick(UPC_PREFIXES) : pick(EAN_PREFIXES);
  if (body === '0') body += pick(UPC_SECOND);
  const length = upc ? 12 : 13;
  while (body.length < length - 1) body += Math.floor(random() * 10);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return body + ((10 - (sum % 10)) % 10);
}

function quoteCsv(value) {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Yields the catalog's lines (header first), each ending in "\n". */
export function* generateLines(rows, seed = 42) {
  const random = createRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  yield HEADER.join(',') + '\n';
  let produced = 0;
  let group = 0;
  while (produced < rows) {
    group++;
    const variants = random() < 0.33 ? 2 + Math.floor(random() * 4) : 1;
    const brand = pick(BRANDS);
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)}`;
    const type = pick(TYPES);
    const base = 500 + Math.floor(random() * 25000);
    const description = makeDescription(random, pick);
    for (let v = 0; v < variants && produced < rows; v++) {
      produced++;
      const id = `SKU-${String(produced).padStart(8, '0')}`;
      const color = variants > 1 || random() < 0.5 ? pick(COLORS) : '';
      const size = variants > 1 ? SIZES[v % SIZES.length] : '';
      const price = base + v * 100;
      const onSale = random() < 0.2;
      const availability = pick(AVAILABILITY);
      const images = 1 + Math.floor(random() * 4);
      const extra = [];
      for (let i = 1; i < images; i++) extra.push(`https://cdn.shop.example/img/${id}-${i}.jpg`);
      const record = [
        id,
        variants > 1 ? `GRP-${group}` : '',
        `${brand} ${name}${color ? `, ${color}` : ''}${size ? ` (${size})` : ''}`,
        description,
        `https://shop.example/p/${id.toLowerCase()}?utm_source=feed&variant=${v}`,
        `https://cdn.shop.example/img/${id}-0.jpg`,
        extra.join('|'),
        `${(price / 100).toFixed(2)} EUR`,
        onSale ? `${((price * 0.8) / 100).toFixed(2)} EUR` : '',
        availability,
        availability === 'preorder' || availability === 'backorder' ? `2027-0${1 + (produced % 9)}-15T09:00:00+01:00` : '',
        String(Math.floor(random() * 500)),
        pick(CONDITIONS),
        brand,
        random() < 0.9 ? makeGtin(random) : '',
        `MPN-${Math.floor(random() * 1e9).toString(36).toUpperCase()}`,
        color,
        size,
        pick(['male', 'female', 'unisex']),
        pick(['adult', 'adult', 'kids']),
        pick(MATERIALS),
        type,
        pick(CATEGORIES),
        `${(0.1 + random() * 5).toFixed(2)} kg`,
        `${pick(PHRASES)}|${pick(PHRASES)}|${pick(PHRASES)}`,
      ];
      let line = '';
      for (let i = 0; i < record.length; i++) line += (i === 0 ? '' : ',') + quoteCsv(record[i]);
      yield line + '\n';
    }
  }
}

function makeDescription(random, pick) {
  const target = 300 + Math.floor(random() * 501);
  let text = '';
  while (text.length < target) {
    const separator = text === '' ? '' : random() < 0.15 ? (random() < 0.1 ? '\r\n' : '\n') : random() < 0.5 ? '. ' : ', ';
    text += separator + pick(PHRASES);
  }
  return text.slice(0, target).replace(/[\uD800-\uDBFF]$/, '').replace(/\r$/, '');
}

export async function writeCatalog(rows, out, seed = 42) {
  mkdirSync(dirname(out), { recursive: true });
  const stream = createWriteStream(out);
  let batch = '';
  for (const line of generateLines(rows, seed)) {
    batch += line;
    if (batch.length >= 1 << 20) {
      if (!stream.write(batch)) await once(stream, 'drain');
      batch = '';
    }
  }
  stream.end(batch);
  await once(stream, 'finish');
}

function readArgs(argv) {
  const args = { rows: 1000, out: undefined, seed: 42 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--rows') { args.rows = Number(value); i++; }
    else if (flag === '--out') { args.out = value; i++; }
    else if (flag === '--seed') { args.seed = Number(value); i++; }
    else throw new Error(`unknown argument ${flag}; usage: generate-catalog.mjs --rows N --out FILE [--seed S]`);
  }
  if (!Number.isInteger(args.rows) || args.rows < 0) throw new Error('--rows must be a non-negative integer');
  args.out ??= `bench/data/catalog-${args.rows}.csv`;
  return args;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows, out, seed } = readArgs(process.argv.slice(2));
  const started = performance.now();
  await writeCatalog(rows, out, seed);
  console.log(`wrote ${rows} rows to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
