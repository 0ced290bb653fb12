/**
 * An Ajv for Amazon product-type schemas: JSON Schema 2019-09 plus Amazon's custom vocabulary,
 * in strict mode so an unknown keyword is an error rather than silently ignored (which is what
 * `strict: false` does to maxUtf8ByteLength, maxUniqueItems and friends).
 *
 * Validation keywords: maxUtf8ByteLength, minUtf8ByteLength, maxUniqueItems, minUniqueItems
 * (uniqueness judged on the `selectors` properties). Informational keywords are accepted as no-ops.
 */
import Ajv2019Module from 'ajv/dist/2019.js';
import { _, type AnySchemaObject, type Code, type CodeGen, type KeywordCxt, type KeywordErrorDefinition, type Name } from 'ajv';
import { registerLengthKeywords } from './ajv.js';
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
  speedUpUriFormat(ajv);
  registerAmazonVocabulary(ajv);
  if (options.metaSchema) ajv.addMetaSchema(options.metaSchema);
  return ajv;
}

/**
 * Plain http(s) URLs (host, port, path of unreserved characters) satisfy ajv-formats' `uri` regex;
 * they are accepted by this short regex, anything else still goes through the full one (measured:
 * the full regex on nine image URLs was ~0.5 µs of a SHIRT record).
 */
const PLAIN_HTTP_URL = /^https?:\/\/[a-z0-9.-]+(?::[0-9]*)?(?:\/[a-z0-9._~-]*)*$/i;

function speedUpUriFormat(ajv: AmazonAjv): void {
  const full = ajv.formats['uri'];
  if (typeof full !== 'function') return;
  const fullUri = full as (text: string) => boolean;
  ajv.addFormat('uri', (text: string) => PLAIN_HTTP_URL.test(text) || fullUri(text));
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

/** A finding of (min|max)UniqueItems: the error's message and params, built only when the check fails. */
interface UniqueItemsFinding {
  message: string;
  params: Record<string, unknown>;
}

/** The first selector combination seen more than `max` times, as a finding; undefined when none is. */
function findRepeated(items: unknown[], max: number, selectors: readonly string[] | undefined): UniqueItemsFinding | undefined {
  for (const [key, count] of countBySelectors(items, selectors)) {
    if (count > max) {
      return {
        message: `must NOT repeat a ${selectors ? `(${selectors.join(', ')})` : 'value'} combination more than ${max} time(s); ${key} appears ${count} times`,
        params: { limit: max, selectors, duplicate: key },
      };
    }
  }
  return undefined;
}

/** Fewer than `min` distinct selector combinations, as a finding; undefined otherwise. */
function findTooFewDistinct(items: unknown[], min: number, selectors: readonly string[] | undefined): UniqueItemsFinding | undefined {
  const distinct = countBySelectors(items, selectors).size;
  if (distinct >= min) return undefined;
  return { message: `must have at least ${min} distinct item(s) (has ${distinct})`, params: { limit: min, selectors } };
}

/** A function the generated validation code calls (kept by reference, not as source). */
function useFunction(gen: CodeGen, f: (...args: never[]) => unknown): Name {
  return gen.scopeValue('func', { ref: f });
}

// The keywords below are `code` keywords: ajv inlines their test into the generated validator, so a
// passing value costs a comparison, not a function call with a fresh context object (measured: 3-4 µs
// of the 13.5 µs a SHIRT record took). Failures build the same errors as before.
const findingError: KeywordErrorDefinition = {
  message: ({ params }) => _`${params['finding'] as Code}.message`,
  params: ({ params }) => _`${params['finding'] as Code}.params`,
};

export function registerAmazonVocabulary(ajv: AmazonAjv): void {
  for (const keyword of INFORMATIONAL_KEYWORDS) ajv.addKeyword({ keyword });
  // Read by (min|max)UniqueItems through their parent schema.
  ajv.addKeyword({ keyword: 'selectors', schemaType: 'array' });
  registerLengthKeywords(ajv);
  ajv.addKeyword({
    keyword: 'maxUtf8ByteLength',
    type: 'string',
    schemaType: 'number',
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      const bytes = useFunction(gen, utf8Bytes);
      // A UTF-16 code unit takes 1 to 3 UTF-8 bytes: short strings pass without counting.
      cxt.fail(_`${data}.length * 3 > ${schema} && ${bytes}(${data}) > ${schema}`);
    },
    error: {
      message: ({ gen, data, schemaCode }) => _`"must NOT be longer than " + ${schemaCode} + " UTF-8 bytes (is " + ${useFunction(gen, utf8Bytes)}(${data}) + ")"`,
      params: ({ gen, data, schemaCode }) => _`{limit: ${schemaCode}, bytes: ${useFunction(gen, utf8Bytes)}(${data})}`,
    },
  });
  ajv.addKeyword({
    keyword: 'minUtf8ByteLength',
    type: 'string',
    schemaType: 'number',
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      const bytes = useFunction(gen, utf8Bytes);
      cxt.fail(_`${data}.length < ${schema} && ${bytes}(${data}) < ${schema}`);
    },
    error: {
      message: ({ gen, data, schemaCode }) => _`"must NOT be shorter than " + ${schemaCode} + " UTF-8 bytes (is " + ${useFunction(gen, utf8Bytes)}(${data}) + ")"`,
      params: ({ gen, data, schemaCode }) => _`{limit: ${schemaCode}, bytes: ${useFunction(gen, utf8Bytes)}(${data})}`,
    },
  });
  // Amazon's reference validators: fail when any selector combination occurs more than `max` times.
  ajv.addKeyword({
    keyword: 'maxUniqueItems',
    type: 'array',
    schemaType: 'number',
    code(cxt: KeywordCxt) {
      const { gen, data, parentSchema } = cxt;
      const max = cxt.schema as number;
      const selectors = selectorsOf(parentSchema);
      const find = useFunction(gen, (items: unknown[]) => findRepeated(items, max, selectors));
      // No combination can occur more often than there are items.
      const finding = gen.const('finding', _`${data}.length > ${max} ? ${find}(${data}) : undefined`);
      cxt.setParams({ finding });
      cxt.fail(_`${finding} !== undefined`);
    },
    error: findingError,
  });
  // No Amazon reference implementation; read as "at least `min` distinct selector combinations".
  ajv.addKeyword({
    keyword: 'minUniqueItems',
    type: 'array',
    schemaType: 'number',
    code(cxt: KeywordCxt) {
      const { gen, data, parentSchema } = cxt;
      const min = cxt.schema as number;
      if (min <= 0) return;
      const selectors = selectorsOf(parentSchema);
      const find = useFunction(gen, (items: unknown[]) => findTooFewDistinct(items, min, selectors));
      // A non-empty array has at least one distinct combination.
      const finding = gen.const('finding', min === 1 ? _`${data}.length > 0 ? undefined : ${find}(${data})` : _`${find}(${data})`);
      cxt.setParams({ finding });
      cxt.fail(_`${finding} !== undefined`);
    },
    error: findingError,
  });
}
