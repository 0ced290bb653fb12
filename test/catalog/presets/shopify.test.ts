import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { MapOutput, PresetSettings } from '../../../src/catalog/preset.js';
import { shopify } from '../../../src/catalog/presets/shopify.js';
import type { Product } from '../../../src/model/product.js';

const FIXTURE = new URL('../../../fixtures/shopify/products.csv', import.meta.url);

interface Row {
  record: Record<string, string>;
  line: number;
}

/** The fixture's rows as the catalog reader hands them over: empty cells left out, with the line each row starts on. */
function readRows(keepEmpty = false): Row[] {
  const parsed = parse(readFileSync(FIXTURE), { columns: true, bom: true, info: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  let previousEnd = 1; // the header is line 1
  return parsed.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const kept = Object.fromEntries(Object.entries(record).filter(([, value]) => keepEmpty || value !== ''));
    return { record: kept, line };
  });
}

interface Run extends Required<MapOutput> {
  byId: Map<string, Product>;
  /** MapOutputs in the order row()/end() returned them. */
  outputs: MapOutput[];
}

function run(settings: PresetSettings = {}, rows: Row[] = readRows()): Run {
  const mapper = shopify.createMapper(settings);
  const outputs = [...rows.map(({ record, line }) => mapper.row(record, line)), mapper.end()];
  const products = outputs.flatMap((o) => o.products);
  return {
    products,
    issues: outputs.flatMap((o) => o.issues),
    skipped: outputs.reduce((n, o) => n + (o.skipped ?? 0), 0),
    byId: new Map(products.map((p) => [p.id, p])),
    outputs,
  };
}

function product(out: Run, id: string): Product {
  const found = out.byId.get(id);
  if (!found) throw new Error(`no product ${id}; have ${[...out.byId.keys()].join(', ')}`);
  return found;
}

const IMG = 'https://cdn.northpeak.example/img/';

describe('shopify preset', () => {
  it('is named shopify', () => {
    expect(shopify.name).toBe('shopify');
  });

  it('reads a CRLF export: the fixture has CRLF endings and no value keeps a carriage return', () => {
    expect(readFileSync(FIXTURE, 'utf8')).toContain('\r\n');
    const out = run({ includeUnpublished: true });
    for (const p of out.products) {
      for (const value of Object.values(p.fields)) expect(value).not.toMatch(/\r/);
    }
    expect(product(out, 'NP-TEE-MOS-S').fields['status']).toBe('active');
  });

  it('maps one product per variant, inheriting product fields from the first row of the handle', () => {
    const out = run();
    const tee = ['NP-TEE-MOS-S', 'NP-TEE-MOS-M', 'NP-TEE-SLA-S', 'trail-runner-tee-4'].map((id) => product(out, id));
    for (const p of tee) {
      expect(p.fields).toMatchObject({
        title: 'Trail Runner Tee',
        description: '<p>Light merino-blend tee for long runs.</p>\n<ul><li>Quick-dry, odour-resistant</li></ul>',
        brand: 'Northpeak',
        product_type: 'Running Shirts',
        google_product_category: 'Apparel & Accessories > Clothing > Activewear',
        gender: 'unisex',
        age_group: 'adult',
        mpn: 'NP-TEE',
        condition: 'new',
        custom_label_0: 'summer-sale',
        custom_label_2: 'apparel',
        item_group_id: 'trail-runner-tee',
        status: 'active',
        published: 'true',
      });
      expect(p.fields['identifier_exists']).toBeUndefined();
      expect(p.fields['custom_label_1']).toBeUndefined();
    }
    expect(tee.map((p) => [p.fields['color'], p.fields['size']])).toEqual([['Moss', 'S'], ['Moss', 'M'], ['Slate', 'S'], ['Slate', 'M']]);
    expect(tee.map((p) => p.fields['gtin'])).toEqual(['4006381333931', '4006381333948', '4006381333955', '4006381333962']);
  });

  it('gives every product the line its variant row starts on, counting newlines inside quoted cells', () => {
    const out = run({ includeUnpublished: true });
    expect(out.products.map((p) => [p.id, p.line])).toEqual([
      ['NP-TEE-MOS-S', 2], ['NP-TEE-MOS-M', 4], ['NP-TEE-SLA-S', 5], ['trail-runner-tee-4', 6],
      ['HB-TOTE-S', 7], ['HB-TOTE-L', 8], ['NP-BEANIE', 10], ['CG-MUG-350', 11],
      ['CG-CANDLE-HON', 12], ['CG-CANDLE-PIN', 13],
    ]);
  });

  it('holds a handle back until the next handle starts, and maps the last one at end()', () => {
    const out = run();
    // rows 1-4 are the tee: nothing comes out until the tote's first row (the 5th call)
    expect(out.outputs.slice(0, 4).every((o) => o.products.length === 0)).toBe(true);
    expect(out.outputs[4]!.products.map((p) => p.id)).toHaveLength(4);
    expect(out.outputs.at(-1)!.skipped).toBe(2); // the unpublished candle, flushed by end()
  });

  it('uses the SKU as id and falls back to <handle>-<n> with a warning', () => {
    const out = run();
    expect(product(out, 'trail-runner-tee-4').fields['id']).toBe('trail-runner-tee-4');
    expect(out.issues).toContainEqual(expect.objectContaining({
      severity: 'warning', code: 'shopify-missing-sku', productId: 'trail-runner-tee-4', line: 6, field: 'id',
    }));
  });

  it('turns a compare-at price above the price into price + sale_price, as text', () => {
    const out = run();
    expect(product(out, 'NP-TEE-MOS-S').fields).toMatchObject({ price: '49.00', sale_price: '39.00' });
    // compare-at equal to the price is no sale
    expect(product(out, 'NP-TEE-SLA-S').fields['price']).toBe('45.00');
    expect(product(out, 'NP-TEE-SLA-S').fields['sale_price']).toBeUndefined();
    expect(product(out, 'trail-runner-tee-4').fields['sale_price']).toBeUndefined();
  });

  it('derives availability and quantity from tracked stock and the inventory policy', () => {
    const out = run();
    expect(product(out, 'NP-TEE-MOS-S').fields).toMatchObject({ availability: 'in_stock', quantity: '7' });
    expect(product(out, 'NP-TEE-MOS-M').fields).toMatchObject({ availability: 'in_stock', quantity: '0' }); // policy continue
    expect(product(out, 'NP-TEE-SLA-S').fields).toMatchObject({ availability: 'out_of_stock', quantity: '0' });
    // blank Variant Inventory Tracker: Shopify does not track stock and always sells it
    expect(product(out, 'CG-MUG-350').fields['availability']).toBe('in_stock');
    expect(product(out, 'CG-MUG-350').fields['quantity']).toBeUndefined();
  });

  it('uses the variant image as image_link and the product images as additional images', () => {
    const out = run();
    expect(product(out, 'NP-TEE-MOS-S').fields).toMatchObject({
      image_link: `${IMG}tee-moss.jpg`,
      additional_image_link: `${IMG}tee-front.jpg|${IMG}tee-back.jpg|${IMG}tee-detail.jpg`,
    });
    expect(product(out, 'trail-runner-tee-4').fields['image_link']).toBe(`${IMG}tee-slate.jpg`);
  });

  it('adds image-only rows to the product: first image -> image_link, the others additional', () => {
    const out = run({ includeUnpublished: true });
    for (const id of ['HB-TOTE-S', 'HB-TOTE-L']) {
      expect(product(out, id).fields).toMatchObject({
        image_link: `${IMG}tote-1.jpg`,
        additional_image_link: `${IMG}tote-2.jpg|${IMG}tote-3.jpg`,
        option_strap: id === 'HB-TOTE-S' ? 'Short' : 'Long',
      });
    }
    // the image-only row is no variant
    expect(out.products.filter((p) => p.fields['item_group_id'] === 'harbour-tote')).toHaveLength(2);
  });

  it('drops barcodes and MPNs a spreadsheet turned into scientific notation, with warnings', () => {
    const out = run();
    const mug = product(out, 'CG-MUG-350');
    expect(mug.fields['gtin']).toBeUndefined();
    expect(mug.fields['mpn']).toBeUndefined();
    expect(out.issues).toContainEqual({
      severity: 'warning', code: 'shopify-barcode-scientific', productId: 'CG-MUG-350', line: 11, field: 'gtin',
      message: expect.stringContaining('5.90123E+12'),
    });
    expect(out.issues).toContainEqual(expect.objectContaining({ code: 'shopify-mpn-scientific', productId: 'CG-MUG-350', field: 'mpn' }));
    expect(Object.values(mug.fields).join(' ')).not.toMatch(/E\+1/);
  });

  it('treats Title / Default Title as a single-variant product: no item_group_id, no option attribute', () => {
    const out = run();
    const mug = product(out, 'CG-MUG-350');
    expect(mug.fields['item_group_id']).toBeUndefined();
    expect(Object.keys(mug.fields).filter((k) => k.startsWith('option_'))).toEqual([]);
    expect(mug.fields).toMatchObject({
      google_product_category: '2169', // Google Shopping column wins over Product Category
      product_type: 'Mugs',
      identifier_exists: 'no', // Custom Product TRUE
      shipping_weight: '0.35 kg',
      image_link: `${IMG}mug.jpg`,
    });
    expect(mug.fields['additional_image_link']).toBeUndefined();
  });

  it('converts Variant Grams to the variant weight unit', () => {
    const out = run({ includeUnpublished: true });
    expect(product(out, 'NP-TEE-MOS-S').fields['shipping_weight']).toBe('180 g');
    expect(product(out, 'trail-runner-tee-4').fields['shipping_weight']).toBe('7 oz');
    expect(product(out, 'HB-TOTE-S').fields['shipping_weight']).toBe('0.64 kg');
  });

  it('skips drafts, archived and unpublished products by default and counts their variants', () => {
    const out = run();
    expect([...out.byId.keys()]).toEqual(['NP-TEE-MOS-S', 'NP-TEE-MOS-M', 'NP-TEE-SLA-S', 'trail-runner-tee-4', 'CG-MUG-350']);
    expect(out.skipped).toBe(5); // tote x2 (draft), beanie (archived), candle x2 (active, Published FALSE)
    expect(out.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('lists them with status and published when includeUnpublished is set', () => {
    const out = run({ includeUnpublished: true });
    expect(out.products).toHaveLength(10);
    expect(out.skipped).toBe(0);
    expect(product(out, 'HB-TOTE-S').fields).toMatchObject({ status: 'draft', published: 'false' });
    expect(product(out, 'NP-BEANIE').fields).toMatchObject({ status: 'archived', published: 'false' });
    expect(product(out, 'NP-BEANIE').fields['item_group_id']).toBeUndefined();
    expect(product(out, 'CG-CANDLE-PIN').fields).toMatchObject({
      status: 'active', published: 'false', option_scent: 'Pine', product_type: 'Candles', item_group_id: 'beeswax-candle',
    });
    expect(product(out, 'CG-CANDLE-PIN').fields['google_product_category']).toBeUndefined();
  });

  it('builds the link from storeUrl and the handle, and leaves it out without storeUrl', () => {
    expect(product(run({ storeUrl: 'https://northpeak.example/' }), 'NP-TEE-SLA-S').fields['link']).toBe('https://northpeak.example/products/trail-runner-tee');
    expect(product(run(), 'NP-TEE-SLA-S').fields['link']).toBeUndefined();
  });

  it('keeps only non-empty fields, whether or not the reader left empty cells out', () => {
    const withEmpty = run({ includeUnpublished: true }, readRows(true));
    expect(withEmpty.products).toEqual(run({ includeUnpublished: true }).products);
    for (const p of withEmpty.products) {
      for (const value of Object.values(p.fields)) expect(value).not.toBe('');
    }
  });
});

describe('shopify preset, rows the fixture does not have', () => {
  const variant = (handle: string, sku: string, extra: Record<string, string> = {}): Record<string, string> => ({
    Handle: handle, 'Variant SKU': sku, 'Variant Price': '10.00', ...extra,
  });

  it('reports a row without a handle and goes on', () => {
    const out = run({}, [
      { record: variant('cap', 'CAP-1', { Title: 'Cap' }), line: 2 },
      { record: { 'Variant SKU': 'LOST' }, line: 3 },
      { record: variant('cap', 'CAP-2'), line: 4 },
    ]);
    expect(out.products.map((p) => p.id)).toEqual(['CAP-1', 'CAP-2']);
    expect(out.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'shopify-missing-handle', line: 3 })]);
  });

  it('keeps at most 10 additional images', () => {
    const images = Array.from({ length: 14 }, (_, i) => ({
      record: { Handle: 'cap', 'Image Src': `https://img.example/${i + 1}.jpg`, 'Image Position': String(i + 1) }, line: i + 3,
    }));
    const out = run({}, [{ record: variant('cap', 'CAP-1', { Title: 'Cap' }), line: 2 }, ...images]);
    const additional = out.products[0]!.fields['additional_image_link']!.split('|');
    expect(out.products[0]!.fields['image_link']).toBe('https://img.example/1.jpg');
    expect(additional).toHaveLength(10);
    expect(additional[0]).toBe('https://img.example/2.jpg');
  });

  it('maps option names to canonical attributes or option_<name>', () => {
    const out = run({}, [{
      record: variant('cap', 'CAP-1', {
        Title: 'Cap', 'Option1 Name': 'Color', 'Option1 Value': 'Red', 'Option2 Name': 'Age group', 'Option2 Value': 'kids',
        'Option3 Name': 'Fit Type', 'Option3 Value': 'Snug',
      }), line: 2,
    }]);
    expect(out.products[0]!.fields).toMatchObject({ color: 'Red', age_group: 'kids', option_fit_type: 'Snug' });
  });

  it('warns when a new handle starts without product fields (rows of a handle split apart)', () => {
    const out = run({}, [
      { record: variant('cap', 'CAP-1', { Title: 'Cap' }), line: 2 },
      { record: variant('mug', 'MUG-1', { Title: 'Mug' }), line: 3 },
      { record: variant('cap', 'CAP-2'), line: 4 },
    ]);
    expect(out.products.map((p) => p.id)).toEqual(['CAP-1', 'MUG-1', 'CAP-2']);
    expect(out.issues).toContainEqual(expect.objectContaining({ code: 'shopify-missing-product-fields', line: 4 }));
  });

  it('takes product fields from the row with the Title when it is not the handle\'s first (rows sorted by SKU)', () => {
    const out = run({}, [
      { record: variant('cap', 'CAP-B', { 'Option1 Value': 'Blue' }), line: 2 },
      { record: variant('cap', 'CAP-R', { Title: 'Cap', Status: 'draft', 'Option1 Name': 'Color', 'Option1 Value': 'Red' }), line: 3 },
      { record: variant('mug', 'MUG-1', { 'Option1 Value': 'Blue' }), line: 4 },
      { record: variant('mug', 'MUG-2', { Title: 'Mug', 'Option1 Name': 'Color', 'Option1 Value': 'Red' }), line: 5 },
    ]);
    expect(out.skipped).toBe(2); // the draft cap, both variants
    expect(out.products.map((p) => [p.id, p.line, p.fields['title'], p.fields['color']])).toEqual([
      ['MUG-1', 4, 'Mug', 'Blue'],
      ['MUG-2', 5, 'Mug', 'Red'],
    ]);
    expect(out.issues).toEqual([]);
  });

  it('warns about a handle with no variant row', () => {
    const out = run({}, [{ record: { Handle: 'ghost', Title: 'Ghost', 'Image Src': 'https://img.example/g.jpg' }, line: 2 }]);
    expect(out.products).toEqual([]);
    expect(out.issues).toEqual([expect.objectContaining({ code: 'shopify-no-variants', line: 2 })]);
  });

  it('returns nothing for an empty file', () => {
    expect(run({}, [])).toMatchObject({ products: [], issues: [], skipped: 0 });
  });
});
