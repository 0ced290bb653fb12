/**
 * Amazon often writes `anyOf: [{type: string}, {type: string, enum: [...]}]`: any string passes
 * the schema, yet the backend may reject values outside the enum (selling-partner-api-models#4968).
 * These helpers find such places in a product-type schema and flag values outside the list.
 */
import { warning, type Issue } from '../../validate/issue.js';

export interface EnumHint {
  /** Path from the attributes object: attribute name, then property names, `*` for array items. */
  path: string[];
  values: string[];
}

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Collect hints below `properties`/`items` and through allOf/anyOf/oneOf/if/then/else; $refs are not followed. */
export function collectEnumHints(schema: unknown): EnumHint[] {
  const hints = new Map<string, EnumHint>();
  const visit = (node: unknown, path: string[], depth: number) => {
    if (!isSchema(node) || depth > 40) return;
    const listed = listedValues(node);
    if (listed && path.length > 0) {
      const key = path.join('/');
      const known = hints.get(key);
      if (known) known.values = [...new Set([...known.values, ...listed])];
      else hints.set(key, { path, values: listed });
    }
    const properties = node['properties'];
    if (isSchema(properties)) for (const [name, child] of Object.entries(properties)) visit(child, [...path, name], depth + 1);
    if (isSchema(node['items'])) visit(node['items'], [...path, '*'], depth + 1);
    if (isSchema(node['contains'])) visit(node['contains'], [...path, '*'], depth + 1);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) for (const child of list) visit(child, path, depth + 1);
    }
    for (const key of ['then', 'else'] as const) visit(node[key], path, depth + 1);
  };
  visit(schema, [], 0);
  return [...hints.values()];
}

/** The enum of an `anyOf` that also allows any string; undefined when the node is not one. */
function listedValues(node: Schema): string[] | undefined {
  const anyOf = node['anyOf'];
  if (!Array.isArray(anyOf)) return undefined;
  const open = anyOf.some((b) => isSchema(b) && b['type'] === 'string' && b['enum'] === undefined && b['const'] === undefined && b['pattern'] === undefined);
  const closed = anyOf.find((b): b is Schema => isSchema(b) && Array.isArray(b['enum']));
  if (!open || !closed) return undefined;
  return (closed['enum'] as unknown[]).filter((v): v is string => typeof v === 'string');
}

/** Checks attributes against hints; appends a warning per string value outside its hint's list. */
export type EnumHintCheck = (attributes: Record<string, unknown>, where: Partial<Issue>, issues: Issue[]) => void;

interface CompiledHint {
  path: readonly string[];
  attribute: string;
  listed: ReadonlySet<string>;
  /** The message's list excerpt, e.g. `"Black", "White", ...`. */
  examples: string;
  /** The path is `attribute`, `*`, `property` (checked by checkItems). */
  itemProperty: boolean;
}

/** The warning for a value outside the list, one object (about half the products of a catalog can get one). */
function notListed(hint: CompiledHint, location: string, value: string, where: Partial<Issue>): Issue {
  const issue = warning(
    'amazon-enum-not-listed',
    `${location}: "${value}" is not one of Amazon's listed values (${hint.examples}); the schema allows it but Amazon may reject it`,
    where,
  );
  issue.field = hint.attribute;
  return issue;
}

/** Prepare hints once per schema: value sets and message parts, so a check allocates only for findings. */
export function compileEnumHints(hints: readonly EnumHint[]): EnumHintCheck {
  const compiled: CompiledHint[] = hints.map((hint) => ({
    path: hint.path,
    attribute: hint.path[0]!,
    listed: new Set(hint.values),
    examples: hint.values.slice(0, 6).map((v) => JSON.stringify(v)).join(', ') + (hint.values.length > 6 ? ', ...' : ''),
    itemProperty: hint.path.length === 3 && hint.path[0] !== '*' && hint.path[1] === '*' && hint.path[2] !== '*',
  }));
  // Steps taken to the current value (property names, array indexes); the readable location is built from them on a finding.
  const steps: Array<string | number> = [];
  const locate = (depth: number): string => {
    let at = '';
    for (let i = 0; i < depth; i++) {
      const step = steps[i]!;
      at = typeof step === 'number' ? `${at}[${step}]` : at === '' ? step : `${at}.${step}`;
    }
    return at;
  };
  const visit = (hint: CompiledHint, value: unknown, depth: number, where: Partial<Issue>, issues: Issue[]): void => {
    if (depth === hint.path.length) {
      if (typeof value !== 'string' || hint.listed.has(value)) return;
      issues.push(notListed(hint, locate(depth), value, where));
      return;
    }
    const step = hint.path[depth]!;
    if (step === '*') {
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        steps[depth] = i;
        visit(hint, value[i], depth + 1, where, issues);
      }
    } else if (isSchema(value) && step in value) {
      steps[depth] = step;
      visit(hint, value[step], depth + 1, where, issues);
    }
  };
  // `attribute`, `*`, `property`: the shape of nearly every hint (`color[i].value`), read without the walk.
  const checkItems = (hint: CompiledHint, values: unknown, where: Partial<Issue>, issues: Issue[]): void => {
    if (!Array.isArray(values)) return;
    const property = hint.path[2]!;
    for (let i = 0; i < values.length; i++) {
      const item: unknown = values[i];
      if (!isSchema(item) || !(property in item)) continue;
      const value = item[property];
      if (typeof value !== 'string' || hint.listed.has(value)) continue;
      issues.push(notListed(hint, `${hint.attribute}[${i}].${property}`, value, where));
    }
  };
  return (attributes, where, issues) => {
    for (const hint of compiled) {
      if (!(hint.attribute in attributes)) continue;
      if (!hint.itemProperty) visit(hint, attributes, 0, where, issues);
      else if (isSchema(attributes)) checkItems(hint, attributes[hint.attribute], where, issues);
    }
  };
}

