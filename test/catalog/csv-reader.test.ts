import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDelimited } from '../../src/catalog/csv-reader.js';
import { random } from '../support/random.js';

async function rows(text: string): Promise<Array<Record<string, string>>> {
  const path = join(mkdtempSync(join(tmpdir(), 'omnifeed-csv-')), 'catalog.csv');
  writeFileSync(path, text);
  const out: Array<Record<string, string>> = [];
  for await (const item of readDelimited(path, { delimiter: ',' })) if (item.kind === 'row') out.push(item.record);
  return out;
}

/** A row as the plain loop builds it: non-empty values by header, in header order, the last duplicate winning. */
function expected(header: string[], values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) if (values[i] !== '') out[header[i]!] = values[i]!;
  return out;
}

describe('readDelimited rows', () => {
  it('have the same keys, order and values as the plain loop, whatever columns are empty', async () => {
    // Integer-like headers (which objects order first) and a repeated header among them.
    const header = ['id', 'title', '2024', 'price', 'title', '7', 'brand', 'gtin'];
    const next = random(5);
    const lines: string[][] = [];
    for (let i = 0; i < 300; i++) lines.push(header.map((h, k) => (next() < 0.4 ? '' : `${h}-${i}-${k}`)));
    const got = await rows([header, ...lines].map((l) => l.join(',')).join('\n'));
    expect(got).toHaveLength(lines.length);
    got.forEach((row, i) => {
      const want = expected(header, lines[i]!);
      expect(Object.keys(row)).toEqual(Object.keys(want));
      expect(row).toEqual(want);
    });
  });

  it('read files wider than one shape key (60 columns) the same way', async () => {
    const header = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const lines = Array.from({ length: 20 }, (_, r) => header.map((_, k) => ((r + k) % 3 === 0 ? '' : `${r}.${k}`)));
    const got = await rows([header, ...lines].map((l) => l.join(',')).join('\n'));
    got.forEach((row, i) => {
      const want = expected(header, lines[i]!);
      expect(Object.keys(row)).toEqual(Object.keys(want));
      expect(row).toEqual(want);
    });
  });

  it('give each row its own object', async () => {
    const got = await rows('id,title\nA,x\nB,y\n');
    expect(got).toEqual([{ id: 'A', title: 'x' }, { id: 'B', title: 'y' }]);
  });
});
