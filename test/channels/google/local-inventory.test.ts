import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import google from '../../../src/channels/google/index.js';
import type { Issue } from '../../../src/validate/issue.js';
import { makeContext } from './helpers.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/google');
const scratch = mkdtempSync(join(tmpdir(), 'omnifeed-google-li-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function collect(path: string, dir = FIXTURES) {
  const ctx = makeContext({ localInventory: { path } }, { currency: 'USD' }, dir);
  const [feed] = google.sideFeeds!(ctx);
  const rows: { record: unknown; issues: Issue[] }[] = [];
  for await (const row of feed!.records()) rows.push(row);
  return { feed: feed!, rows };
}

const codes = (issues: Issue[]) => issues.map((i) => `${i.line}:${i.code}:${i.field ?? ''}`);

describe('google local inventory side feed', () => {
  it('is absent without localInventory config', () => {
    expect(google.sideFeeds!(makeContext())).toEqual([]);
  });

  it('streams the store file into normalised rows with line-numbered issues', async () => {
    const { feed, rows } = await collect('stores.csv');
    expect(feed.file).toBe('google-local-inventory.tsv');
    const good = rows.filter((r) => !r.issues.some((i) => i.severity === 'error')).map((r) => r.record);
    expect(good).toEqual([
      { store_code: 'STORE-1', id: 'SKU-1', quantity: '5', price: '15.00 USD', availability: 'in_stock', pickup_method: 'buy', pickup_sla: 'same_day' },
      { store_code: 'STORE-1', id: 'SKU-2', quantity: '0', availability: 'out_of_stock' },
      { store_code: 'STORE-3', id: 'SKU-1', quantity: '4', price: '12.50 EUR', availability: 'on_display_to_order', pickup_method: 'not_supported' },
    ]);
    expect(rows.flatMap((r) => codes(r.issues))).toEqual([
      '4:schema-pattern:quantity',
      '5:schema-required:store_code',
      '6:schema-required:pickup_sla',
      '7:local-inventory-malformed-row:',
      '9:price-unparseable:price',
    ]);
  });

  it('spells pickup_sla as Google does, however the store file wrote it', async () => {
    const written = ['Same Day', 'next-day', '2 day', '3_day', '4-Day', 'multi week', '7-day', 'same_day'];
    const file = join(scratch, 'sla.csv');
    writeFileSync(file, `store_code,id,quantity,pickup_method,pickup_sla\n${written.map((sla, i) => `S1,SKU-${i},1,buy,${sla}`).join('\n')}\n`);
    const { rows } = await collect(file, scratch);
    expect(rows.flatMap((r) => r.issues)).toEqual([]);
    expect(rows.map((r) => (r.record as { pickup_sla: string }).pickup_sla)).toEqual(['same_day', 'next_day', '2-day', '3-day', '4-day', 'multi-week', '7-day', 'same_day']);
  });

  it('writes a TSV with a fixed header', async () => {
    const { feed, rows } = await collect('stores.csv');
    const good = rows.filter((r) => r.issues.length === 0).map((r) => r.record);
    const text = feed.format.begin() + good.map((r, i) => feed.format.item(r, i + 1)).join('') + feed.format.end();
    expect(text).toBe(
      'store_code\tid\tquantity\tprice\tavailability\tpickup_method\tpickup_sla\n' +
        'STORE-1\tSKU-1\t5\t15.00 USD\tin_stock\tbuy\tsame_day\n' +
        'STORE-1\tSKU-2\t0\t\tout_of_stock\t\t\n' +
        'STORE-3\tSKU-1\t4\t12.50 EUR\ton_display_to_order\tnot_supported\t\n',
    );
  });

  it('reads TSV files and warns about unknown columns on the first row', async () => {
    const { rows } = await collect('stores.tsv');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.record).toEqual({ store_code: 'S1', id: 'A', quantity: '3', availability: 'in_stock' });
    expect(codes(rows[0]!.issues)).toEqual(['1:local-inventory-unknown-column:']);
  });

  it('reports an unclosed quote at the end as an issue', async () => {
    const path = join(scratch, 'broken.csv');
    writeFileSync(path, 'store_code,id,quantity\nS1,A,1\nS1,"B,2\n');
    const { rows } = await collect(path);
    expect(rows.map((r) => r.record)).toEqual([{ store_code: 'S1', id: 'A', quantity: '1' }, {}]);
    expect(rows.flatMap((r) => codes(r.issues))).toEqual(['3:local-inventory-malformed-row:']);
  });

  it('fails with an input error when the file or its id columns are missing', async () => {
    await expect(collect('no-such-file.csv')).rejects.toThrow(/cannot be read/);
    const path = join(scratch, 'no-id.csv');
    writeFileSync(path, 'store,sku\nS1,A\n');
    await expect(collect(path)).rejects.toThrow(/no store_code, id column/);
  });
});
