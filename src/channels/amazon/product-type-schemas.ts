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
      return { status: 'ok', file, validate: ajvFor(dir).compile(schema), hints, checkHints: compileEnumHints(hints) };
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
