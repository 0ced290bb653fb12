import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCHEMA_DIR, createProductTypeSchemas, removeEmptyAnyOf, splitProperties } from '../../../src/channels/amazon/product-type-schemas.js';
import { createAmazonAjv } from '../../../src/validate/amazon-vocabulary.js';
import { random } from '../../support/random.js';
import { FIXTURE_SCHEMAS, transformAll, validFields } from './helpers.js';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const metaSchema = () => readJson(join(BUNDLED_SCHEMA_DIR, 'meta-schema.json'));


const JUNK: unknown[] = [1, -1, 0.5, '', 'x'.repeat(3000), 'Ünïcødé 😀'.repeat(40), null, true, [], {}, [{}], [{ value: 3 }], 'Black', 'XS', 'ATVPDKIKX0DER', 'nope', { value: 'v' }, 'parent', 'child'];

/** A copy with values dropped, replaced, nested deeper, items added or removed, unknown keys added. */
function mutate(value: unknown, next: () => number, depth = 0): unknown {
  const pick = () => JUNK[Math.floor(next() * JUNK.length)];
  if (Array.isArray(value)) {
    const out = value.map((item) => (next() < 0.3 ? mutate(item, next, depth + 1) : item));
    if (next() < 0.1) out.push(pick());
    if (next() < 0.05) out.length = 0;
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const p = next();
      if (p < 0.05) continue;
      out[key] = p < 0.15 ? pick() : p < 0.4 ? mutate(item, next, depth + 1) : item;
    }
    if (next() < 0.05) out[`extra_${depth}`] = 'x';
    if (next() < 0.03) out['parentage_level'] = [{ marketplace_id: 'ATVPDKIKX0DER', value: next() < 0.5 ? 'parent' : 'child' }];
    return out;
  }
  return value;
}

const withoutSchemaPath = (errors: ErrorObject[] | null | undefined) => (errors ?? []).map(({ schemaPath: _, ...rest }) => rest);

describe('product-type schemas compiled one function per attribute (splitProperties)', () => {
  const records = transformAll([
    validFields(),
    validFields({ id: 'TEE-2', item_group_id: 'TEE', bullet_point: 'a|b', additional_image_link: 'https://x.example/a.jpg|https://x.example/b.jpg' }),
    validFields({ id: 'TEE-3', item_group_id: 'TEE', size: 'L', color: 'Forest Green', gtin: '', identifier_exists: 'no' }),
    validFields({ id: 'TEE-4', sale_price: '9.99 USD', shipping_weight: '1.2 kg', asin: 'B000TEST01' }),
  ]).map((r) => r.attributes!);

  for (const [label, file] of [['bundled SHIRT', join(BUNDLED_SCHEMA_DIR, 'SHIRT.json')], ['fixture SHIRT', join(FIXTURE_SCHEMAS, 'SHIRT.json')]] as const) {
    it(`gives the same validity and errors (in order, but for schemaPath) as the whole schema: ${label}`, () => {
      const schema = removeEmptyAnyOf(readJson(file));
      const split = splitProperties(schema);
      expect(split).not.toBe(schema);
      const whole = createAmazonAjv({ metaSchema: metaSchema() }).compile(schema);
      const parts = createAmazonAjv({ metaSchema: metaSchema() }).compile(split);
      const next = random(42);
      let invalid = 0;
      const wrong: string[] = [];
      for (let round = 0; round < 1500; round++) {
        const data = mutate(records[round % records.length], next);
        const a = whole(data);
        const b = parts(data);
        if (!a) invalid++;
        if (a !== b || JSON.stringify(withoutSchemaPath(whole.errors)) !== JSON.stringify(withoutSchemaPath(parts.errors))) wrong.push(JSON.stringify(data).slice(0, 300));
        if (wrong.length >= 3) break;
      }
      expect(wrong).toEqual([]);
      expect(invalid).toBeGreaterThan(1000);
    });
  }

  it('moves each attribute under $defs, keeping existing $defs and avoiding their names', () => {
    const schema = { $defs: { omnifeed_attribute_0: { type: 'string' } }, type: 'object', properties: { a: { type: 'array' }, b: true } };
    expect(splitProperties(schema)).toEqual({
      $defs: { omnifeed_attribute_0: { type: 'string' }, omnifeed_attribute_1: { type: 'array' } },
      type: 'object',
      properties: { a: { $ref: '#/$defs/omnifeed_attribute_1' }, b: true },
    });
    expect(splitProperties({ type: 'object' })).toEqual({ type: 'object' });
  });

  it('compiles the schema as it is when the split one does not compile (a $ref into a property)', () => {
    const schema = {
      $schema: (metaSchema() as { $id: string }).$id,
      $id: 'https://omnifeed.dev/schemas/amazon/REFTEST',
      type: 'object',
      properties: { a: { type: 'object', properties: { b: { type: 'string' } } }, c: { $ref: '#/properties/a/properties/b' } },
    };
    expect(() => createAmazonAjv({ metaSchema: metaSchema() }).compile(splitProperties(schema))).toThrow();
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-split-'));
    try {
      writeFileSync(join(dir, 'REFTEST.json'), JSON.stringify(schema));
      const entry = createProductTypeSchemas([dir]).get('REFTEST');
      if (entry.status !== 'ok') throw new Error(JSON.stringify(entry));
      expect(entry.validate({ a: { b: 'x' }, c: 'y' })).toBe(true);
      expect(entry.validate({ c: 1 })).toBe(false);
      expect(entry.validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([['/c', 'type']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
