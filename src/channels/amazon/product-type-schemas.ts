/**
 * Product-type schemas for one run: found in the configured schema folder (then omnifeed's own
 * channel-schemas/amazon), each compiled once with Amazon's vocabulary. A folder's
 * meta-schema.json (Amazon's, saved by `schema pull`) is used when present, else the stand-in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { SCHEMA_DIR } from '../../validate/ajv.js';
import { createAmazonAjv, type AmazonAjv } from '../../validate/amazon-vocabulary.js';
import { collectEnumHints, compileEnumHints, type EnumHint, type EnumHintCheck } from './enum-hints.js';

export const BUNDLED_SCHEMA_DIR = join(SCHEMA_DIR, 'amazon');
export const META_SCHEMA_FILE = 'meta-schema.json';

export type ProductTypeSchema =
  | { status: 'ok'; file: string; validate: ValidateFunction; hints: EnumHint[]; checkHints: EnumHintCheck }
  | { status: 'missing'; searched: string[] }
  | { status: 'unusable'; file: string; reason: string };

export interface ProductTypeSchemas {
  get(productType: string): ProductTypeSchema;
}

const PRODUCT_TYPE_RE = /^[A-Z0-9_]{1,100}$/;

export function createProductTypeSchemas(dirs: readonly string[]): ProductTypeSchemas {
  const searched = [...new Set(dirs)];
  const byType = new Map<string, ProductTypeSchema>();
  const ajvByDir = new Map<string, AmazonAjv>();

  const ajvFor = (dir: string): AmazonAjv => {
    let ajv = ajvByDir.get(dir);
    if (!ajv) {
      const metaFile = [join(dir, META_SCHEMA_FILE), join(BUNDLED_SCHEMA_DIR, META_SCHEMA_FILE)].find((f) => existsSync(f));
      const metaSchema = metaFile ? readJson(metaFile) : undefined;
      try {
        ajv = createAmazonAjv({ metaSchema });
      } catch {
        // A real meta-schema Ajv cannot load: keep the keywords, skip checking schemas against it.
        ajv = createAmazonAjv({ validateSchema: false });
      }
      ajvByDir.set(dir, ajv);
    }
    return ajv;
  };

  const load = (productType: string): ProductTypeSchema => {
    // The product type comes from catalog data; it never becomes an arbitrary path.
    if (!PRODUCT_TYPE_RE.test(productType)) return { status: 'missing', searched };
    const dir = searched.find((d) => existsSync(join(d, `${productType}.json`)));
    if (!dir) return { status: 'missing', searched };
    const file = join(dir, `${productType}.json`);
    try {
      const schema = removeEmptyAnyOf(readJson(file));
      const hints = collectEnumHints(schema);
      return { status: 'ok', file, validate: compileSplit(ajvFor(dir), schema), hints, checkHints: compileEnumHints(hints) };
    } catch (err) {
      return { status: 'unusable', file, reason: err instanceof Error ? err.message : String(err) };
    }
  };

  return {
    get(productType) {
      let entry = byType.get(productType);
      if (!entry) {
        entry = load(productType);
        byType.set(productType, entry);
      }
      return entry;
    },
  };
}

/**
 * The schema compiled with each top-level property (attribute) moved under `$defs` and referred to
 * by `$ref`, so ajv makes one function per attribute instead of one for the whole product type.
 * V8 does not optimise a function whose bytecode exceeds 60 KB, which the single function of a
 * product type does (SHIRT's: 228 KB of source, ~8 µs a record unoptimised, ~3.5 µs split).
 * Same validity and the same errors in the same order; only their `schemaPath` differs. When the
 * split schema does not compile (a `$ref` into `#/properties/...` internals, a meta-schema that
 * constrains properties), the schema is compiled as it is.
 */
function compileSplit(ajv: AmazonAjv, schema: Record<string, unknown>): ValidateFunction {
  const split = splitProperties(schema);
  if (split === schema) return ajv.compile(schema);
  try {
    return ajv.compile(split);
  } catch {
    ajv.removeSchema(split);
    return ajv.compile(schema);
  }
}

const SPLIT_PREFIX = 'omnifeed_attribute_';

/** A copy of the schema with its top-level properties as `$defs` entries and `$ref`s to them; the schema itself when it has none. */
export function splitProperties(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = schema['properties'];
  if (!isPlainObject(properties)) return schema;
  const oldDefs = schema['$defs'];
  if (oldDefs !== undefined && !isPlainObject(oldDefs)) return schema;
  const defs: Record<string, unknown> = { ...oldDefs };
  const refs: Record<string, unknown> = {};
  let moved = 0;
  let n = 0;
  for (const name of Object.keys(properties)) {
    // An own `__proto__` key cannot be copied by assignment.
    if (name === '__proto__') return schema;
    const sub = properties[name];
    if (!isPlainObject(sub)) {
      refs[name] = sub;
      continue;
    }
    let key: string;
    do key = `${SPLIT_PREFIX}${n++}`;
    while (Object.hasOwn(defs, key));
    defs[key] = sub;
    refs[name] = { $ref: `#/$defs/${key}` };
    moved++;
  }
  if (moved === 0) return schema;
  return { ...schema, $defs: defs, properties: refs };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** Some real schemas carry `anyOf: []`, which 2019-09 forbids; an empty anyOf says nothing, so drop it. */
export function removeEmptyAnyOf<T>(node: T): T {
  if (Array.isArray(node)) return node.map(removeEmptyAnyOf) as T;
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'anyOf' && Array.isArray(value) && value.length === 0) continue;
      out[key] = removeEmptyAnyOf(value);
    }
    return out as T;
  }
  return node;
}
