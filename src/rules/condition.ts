/**
 * Conditions over product fields, as written in config:
 *   { "field": "brand", "eq": "Acme" }        eq ne in notIn contains startsWith endsWith matches gt gte lt lte exists empty
 *   { "all": [cond, ...] }  { "any": [cond, ...] }  { "not": cond }
 * Numeric comparisons (gt...) read the leading number of the value (`19.99 USD` -> 19.99).
 */
import { fieldFor, type Product } from '../model/product.js';

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | ({ field: string } & Partial<Record<'eq' | 'ne' | 'contains' | 'startsWith' | 'endsWith' | 'matches', string>> &
      Partial<Record<'in' | 'notIn', string[]>> &
      Partial<Record<'gt' | 'gte' | 'lt' | 'lte', number>> &
      Partial<Record<'exists' | 'empty', boolean>>);

export type Predicate = (product: Product) => boolean;

export function compileCondition(condition: Condition, channel: string): Predicate {
  if ('all' in condition) {
    const parts = condition.all.map((c) => compileCondition(c, channel));
    return (p) => parts.every((f) => f(p));
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => compileCondition(c, channel));
    return (p) => parts.some((f) => f(p));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not, channel);
    return (p) => !inner(p);
  }
  const c = condition;
  const tests: Array<(value: string | undefined) => boolean> = [];
  const fold = (s: string) => s.toLowerCase();
  if (c.eq !== undefined) tests.push((v) => v !== undefined && fold(v) === fold(c.eq!));
  if (c.ne !== undefined) tests.push((v) => v === undefined || fold(v) !== fold(c.ne!));
  if (c.in !== undefined) { const set = new Set(c.in.map(fold)); tests.push((v) => v !== undefined && set.has(fold(v))); }
  if (c.notIn !== undefined) { const set = new Set(c.notIn.map(fold)); tests.push((v) => v === undefined || !set.has(fold(v))); }
  if (c.contains !== undefined) tests.push((v) => v !== undefined && fold(v).includes(fold(c.contains!)));
  if (c.startsWith !== undefined) tests.push((v) => v !== undefined && fold(v).startsWith(fold(c.startsWith!)));
  if (c.endsWith !== undefined) tests.push((v) => v !== undefined && fold(v).endsWith(fold(c.endsWith!)));
  if (c.matches !== undefined) { const re = new RegExp(c.matches, 'i'); tests.push((v) => v !== undefined && re.test(v)); }
  const num = (v: string | undefined) => (v === undefined ? Number.NaN : Number.parseFloat(v.replace(/^[A-Z]{3}\s*/, '').replace(',', '.')));
  if (c.gt !== undefined) tests.push((v) => num(v) > c.gt!);
  if (c.gte !== undefined) tests.push((v) => num(v) >= c.gte!);
  if (c.lt !== undefined) tests.push((v) => num(v) < c.lt!);
  if (c.lte !== undefined) tests.push((v) => num(v) <= c.lte!);
  if (c.exists !== undefined) tests.push((v) => (v !== undefined) === c.exists);
  if (c.empty !== undefined) tests.push((v) => (v === undefined) === c.empty);
  const field = c.field;
  if (tests.length === 1) {
    const [test] = tests as [(value: string | undefined) => boolean];
    return (p) => test(fieldFor(p, channel, field));
  }
  return (p) => {
    const value = fieldFor(p, channel, field);
    for (const test of tests) if (!test(value)) return false;
    return true;
  };
}
