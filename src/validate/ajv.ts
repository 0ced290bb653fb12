/**
 * One ajv instance per process for channel record and config schemas (draft-07, strict, all errors),
 * with ajv-formats and omnifeed's formats. Schemas are files in channel-schemas/, compiled once.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvModule, { _, type CodeKeywordDefinition, type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { registerFormats } from './formats.js';
import { error, type Issue } from './issue.js';

// ajv and ajv-formats are CommonJS: under NodeNext the default import is the module object.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/** channel-schemas/ at the package root (dist/validate/ajv.js -> ../../channel-schemas). */
export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'channel-schemas');

let shared: InstanceType<typeof Ajv> | undefined;
const compiled = new Map<string, ValidateFunction>();

export function createAjv(): InstanceType<typeof Ajv> {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv);
  registerFormats(ajv);
  registerLengthKeywords(ajv);
  return ajv;
}

/** Code points of a string (what JSON Schema's maxLength/minLength count). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n--; i++; }
  }
  return n;
}

/**
 * maxLength/minLength keep ajv's definitions (errors, and their place among the string keywords, so
 * errors come in the same order) but test without ajv's per-character count of every string: a string
 * has at most as many code points as UTF-16 units and at least half as many, so the count only runs
 * when the length alone cannot decide (measured: ajv's count was 6% of a Google build on long descriptions; ~1 µs of an Amazon SHIRT record).
 * Shared by the channel-schema ajv and Amazon's product-type ajv.
 */
export function registerLengthKeywords(ajv: Pick<InstanceType<typeof Ajv>, 'RULES'>): void {
  for (const keyword of ['maxLength', 'minLength'] as const) {
    const rule = ajv.RULES.all[keyword];
    if (typeof rule !== 'object') continue;
    // ajv's own limitLength definition: a `code` keyword.
    const builtin = rule.definition as typeof rule.definition & CodeKeywordDefinition;
    rule.definition = {
      ...builtin,
      code(cxt: KeywordCxt, ruleType?: string) {
        const { gen, data, schema } = cxt;
        if (cxt.$data || typeof schema !== 'number') return builtin.code(cxt, ruleType);
        const count = gen.scopeValue('func', { ref: codePointLength });
        if (keyword === 'maxLength') cxt.fail(_`${data}.length > ${schema} && (${data}.length > ${2 * schema} || ${count}(${data}) > ${schema})`);
        else cxt.fail(_`${data}.length < ${2 * schema} && (${data}.length < ${schema} || ${count}(${data}) < ${schema})`);
      },
    };
  }
}

export function sharedAjv(): InstanceType<typeof Ajv> {
  shared ??= createAjv();
  return shared;
}

export function readSchemaFile(name: string, dir = SCHEMA_DIR): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
}

/** Compile `channel-schemas/<name>` once per process. */
export function compileSchemaFile(name: string, dir = SCHEMA_DIR): ValidateFunction {
  const key = join(dir, name);
  let fn = compiled.get(key);
  if (!fn) {
    const schema = readSchemaFile(name, dir);
    try {
      fn = sharedAjv().compile(schema);
    } catch (err) {
      // A failed compile may leave the $id registered; drop it so the real error shows again next time.
      if (typeof schema['$id'] === 'string') sharedAjv().removeSchema(schema['$id']);
      throw err;
    }
    compiled.set(key, fn);
  }
  return fn;
}

/** `/a/b/0` -> `a.b[0]` (for messages people read). */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^[0-9]+$/.test(key) ? `[${key}]` : out === '' ? key : `.${key}`;
  }
  return out;
}

/** Where an ajv error points: the instance path plus the missing property for `required`. */
export function errorPath(err: ErrorObject): string {
  const base = pointerToPath(err.instancePath);
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    return base === '' ? missing : `${base}.${missing}`;
  }
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty: string }).additionalProperty;
    return base === '' ? extra : `${base}.${extra}`;
  }
  return base;
}

/**
 * One `required` error per failed `anyOf`/`oneOf` whose branches each require a property ("a GTIN, or
 * else the exemption"): ajv reports every branch, which reads as two missing attributes where one of
 * them would do. The merged error names the first alternative (`missingProperty`) and lists the
 * others in `params.alternatives`; every other error is kept as it is, in order.
 */
export function mergeRequiredAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const groups = new Set<string>();
  for (const err of errors) if (err.keyword === 'anyOf' || err.keyword === 'oneOf') groups.add(err.schemaPath);
  if (groups.size === 0) return errors;
  const merged = new Map<string, ErrorObject>();
  const out: ErrorObject[] = [];
  for (const err of errors) {
    const group = err.keyword === 'required' ? err.schemaPath.replace(/\/[0-9]+\/required$/, '') : undefined;
    if (group === undefined || group === err.schemaPath || !groups.has(group)) { out.push(err); continue; }
    const key = `${group}\u0000${err.instancePath}`;
    const missing = (err.params as { missingProperty: string }).missingProperty;
    const first = merged.get(key);
    if (!first) {
      const copy: ErrorObject = { ...err, params: { ...err.params, alternatives: [] } };
      merged.set(key, copy);
      out.push(copy);
    } else {
      (first.params as { alternatives: string[] }).alternatives.push(missing);
    }
  }
  return out;
}

export function describeError(err: ErrorObject): string {
  if (err.keyword === 'enum') {
    const allowed = (err.params as { allowedValues: unknown[] }).allowedValues;
    return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (err.keyword === 'additionalProperties') return 'is not a known key';
  if (err.keyword === 'format' && (err.params as { format?: string }).format === 'iso4217') return 'must be an ISO 4217 currency code (e.g. EUR, USD)';
  if (err.keyword === 'required') {
    const alternatives = (err.params as { alternatives?: string[] }).alternatives ?? [];
    return alternatives.length === 0 ? 'is required' : `is required, or else ${alternatives.join(' or ')}`;
  }
  return err.message ?? `fails ${err.keyword}`;
}

/** Keywords whose errors only repeat what their branches said. */
const WRAPPERS = new Set(['if', 'anyOf', 'oneOf', 'allOf']);

/**
 * The ajv errors worth an issue each, with the path each names: the alternatives of a failed anyOf
 * merged (mergeRequiredAlternatives), the wrappers' own errors dropped, one per path and keyword.
 */
export function reportableErrors(errors: ErrorObject[]): Array<{ err: ErrorObject; path: string }> {
  const seen = new Set<string>();
  const out: Array<{ err: ErrorObject; path: string }> = [];
  for (const err of mergeRequiredAlternatives(errors)) {
    if (WRAPPERS.has(err.keyword)) continue;
    const path = errorPath(err);
    const id = `${path}\u0000${err.keyword}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ err, path });
  }
  return out;
}

/** ajv errors as Issues with `schema-<keyword>` codes, de-duplicated per path and keyword. */
export function schemaIssues(errors: ErrorObject[] | null | undefined, where: Partial<Issue> = {}): Issue[] {
  if (!errors) return [];
  return reportableErrors(errors).map(({ err, path }) =>
    error(`schema-${err.keyword}`, `${path || '(record)'}: ${describeError(err)}`, { ...where, field: path || undefined }));
}
