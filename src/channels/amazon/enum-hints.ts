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

/** Values at `path` inside `attributes`, with their readable location. */
function valuesAt(root: unknown, path: readonly string[]): Array<{ at: string; value: unknown }> {
  let current: Array<{ at: string; value: unknown }> = [{ at: '', value: root }];
  for (const step of path) {
    const next: Array<{ at: string; value: unknown }> = [];
    for (const { at, value } of current) {
      if (step === '*') {
        if (Array.isArray(value)) value.forEach((v, i) => next.push({ at: `${at}[${i}]`, value: v }));
      } else if (isSchema(value) && step in value) {
        next.push({ at: at === '' ? step : `${at}.${step}`, value: value[step] });
      }
    }
    current = next;
  }
  return current;
}

export function checkEnumHints(hints: readonly EnumHint[], attributes: Record<string, unknown>, where: Partial<Issue>): Issue[] {
  const issues: Issue[] = [];
  for (const hint of hints) {
    if (!(hint.path[0]! in attributes)) continue;
    for (const { at, value } of valuesAt(attributes, hint.path)) {
      if (typeof value !== 'string' || hint.values.includes(value)) continue;
      const examples = hint.values.slice(0, 6).map((v) => JSON.stringify(v)).join(', ');
      issues.push(
        warning(
          'amazon-enum-not-listed',
          `${at}: "${value}" is not one of Amazon's listed values (${examples}${hint.values.length > 6 ? ', ...' : ''}); the schema allows it but Amazon may reject it`,
          { ...where, field: hint.path[0] },
        ),
      );
    }
  }
  return issues;
}
