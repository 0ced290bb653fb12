/**
 * An Ajv for Amazon product-type schemas: JSON Schema 2019-09 plus Amazon's custom vocabulary,
 * in strict mode so an unknown keyword is an error rather than silently ignored (which is what
 * `strict: false` does to maxUtf8ByteLength, maxUniqueItems and friends).
 *
 * Validation keywords: maxUtf8ByteLength, minUtf8ByteLength, maxUniqueItems, minUniqueItems
 * (uniqueness judged on the `selectors` properties). Informational keywords are accepted as no-ops.
 */
import Ajv2019Module from 'ajv/dist/2019.js';
import type { AnySchemaObject, SchemaValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const Ajv2019 = Ajv2019Module.default;
const addFormats = addFormatsModule.default;
export type AmazonAjv = InstanceType<typeof Ajv2019>;

export const AMAZON_META_SCHEMA_ID = 'https://schemas.amazon.com/selling-partners/definitions/product-types/meta-schema/v1';
export const AMAZON_VOCABULARY_ID = 'https://schemas.amazon.com/selling-partners/definitions/product-types/vocabulary/v1';

/** Keywords that describe but do not constrain. */
export const INFORMATIONAL_KEYWORDS = ['editable', 'hidden', 'enumNames', '$lifecycle', 'replacedBy', 'replaces', 'enumDeprecated'] as const;

export interface AmazonAjvOptions {
  /** Amazon's meta-schema (downloaded by `omnifeed schema pull`, or omnifeed's stand-in). */
  metaSchema?: AnySchemaObject;
  /** Skip checking schemas against their meta-schema (when a real meta-schema does not load). */
  validateSchema?: boolean;
}

export function createAmazonAjv(options: AmazonAjvOptions = {}): AmazonAjv {
  const ajv = new Ajv2019({
    allErrors: true,
    strict: true,
    // Product-type schemas put `required` inside if/then branches and use applicators without
    // `type` next to them; those two strict checks are about schema style, not unknown keywords.
    strictRequired: false,
    strictTypes: false,
    allowUnionTypes: true,
    validateSchema: options.validateSchema ?? true,
  });
  addFormats(ajv);
  registerAmazonVocabulary(ajv);
  if (options.metaSchema) ajv.addMetaSchema(options.metaSchema);
  return ajv;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The item reduced to its selector properties, as a comparable key. No selectors: the whole item. */
export function selectorKey(item: unknown, selectors: readonly string[] | undefined): string {
  if (!selectors || selectors.length === 0 || !item || typeof item !== 'object') return JSON.stringify(item);
  const record = item as Record<string, unknown>;
  const picked: unknown[] = new Array(selectors.length);
  for (let i = 0; i < selectors.length; i++) {
    const name = selectors[i]!;
    picked[i] = name in record ? record[name] : null;
  }
  return JSON.stringify(picked);
}

function countBySelectors(items: unknown[], selectors: readonly string[] | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = selectorKey(item, selectors);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function selectorsOf(parent: AnySchemaObject): string[] | undefined {
  const selectors = parent['selectors'];
  return Array.isArray(selectors) ? (selectors as string[]) : undefined;
}

export function registerAmazonVocabulary(ajv: AmazonAjv): void {
  for (const keyword of INFORMATIONAL_KEYWORDS) ajv.addKeyword({ keyword });
  // Read by (min|max)UniqueItems through their parent schema.
  ajv.addKeyword({ keyword: 'selectors', schemaType: 'array' });

  ajv.addKeyword({
    keyword: 'maxUtf8ByteLength',
    type: 'string',
    schemaType: 'number',
    errors: true,
    validate: function check(max: number, data: string) {
      // A UTF-16 code unit takes 1 to 3 UTF-8 bytes: short strings pass without counting.
      if (data.length * 3 <= max) return true;
      const bytes = utf8Bytes(data);
      if (bytes <= max) return true;
      (check as SchemaValidateFunction).errors = [
        { keyword: 'maxUtf8ByteLength', message: `must NOT be longer than ${max} UTF-8 bytes (is ${bytes})`, params: { limit: max, bytes } },
      ];
      return false;
    } as SchemaValidateFunction,
  });

  ajv.addKeyword({
    keyword: 'minUtf8ByteLength',
    type: 'string',
    schemaType: 'number',
    errors: true,
    validate: function check(min: number, data: string) {
      if (data.length >= min) return true;
      const bytes = utf8Bytes(data);
      if (bytes >= min) return true;
      (check as SchemaValidateFunction).errors = [
        { keyword: 'minUtf8ByteLength', message: `must NOT be shorter than ${min} UTF-8 bytes (is ${bytes})`, params: { limit: min, bytes } },
      ];
      return false;
    } as SchemaValidateFunction,
  });

  // Amazon's reference validators: fail when any selector combination occurs more than `max` times.
  ajv.addKeyword({
    keyword: 'maxUniqueItems',
    type: 'array',
    schemaType: 'number',
    errors: true,
    compile(max: number, parent: AnySchemaObject) {
      const selectors = selectorsOf(parent);
      const check = ((data: unknown[]) => {
        // No combination can occur more often than there are items.
        if (data.length <= max) return true;
        for (const [key, count] of countBySelectors(data, selectors)) {
          if (count > max) {
            check.errors = [
              {
                keyword: 'maxUniqueItems',
                message: `must NOT repeat a ${selectors ? `(${selectors.join(', ')})` : 'value'} combination more than ${max} time(s); ${key} appears ${count} times`,
                params: { limit: max, selectors, duplicate: key },
              },
            ];
            return false;
          }
        }
        return true;
      }) as SchemaValidateFunction;
      return check;
    },
  });

  // No Amazon reference implementation; read as "at least `min` distinct selector combinations".
  ajv.addKeyword({
    keyword: 'minUniqueItems',
    type: 'array',
    schemaType: 'number',
    errors: true,
    compile(min: number, parent: AnySchemaObject) {
      const selectors = selectorsOf(parent);
      const check = ((data: unknown[]) => {
        // A non-empty array has at least one distinct combination.
        if (min <= 0 || (min === 1 && data.length > 0)) return true;
        const distinct = countBySelectors(data, selectors).size;
        if (distinct >= min) return true;
        check.errors = [{ keyword: 'minUniqueItems', message: `must have at least ${min} distinct item(s) (has ${distinct})`, params: { limit: min, selectors } }];
        return false;
      }) as SchemaValidateFunction;
      return check;
    },
  });
}
