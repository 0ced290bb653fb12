/**
 * Declarative per-channel rules, applied in order to each product before the channel transforms it:
 *   { "set": { "title": "{brand} {title} - {color}", "custom_label_0": "summer" }, "if": {...} }
 *   { "exclude": "no stock", "if": { "field": "quantity", "lte": 0 } }
 *   { "price": { "percent": 10, "fixed": "0.50", "round": "x.99" }, "if": {...} }
 *   { "categoryMap": { "from": "product_type", "to": "google_product_category", "map": { "Apparel > Tops": "212" } } }
 * Each rule counts the products it saw, changed and excluded, for the report.
 */
import { ConfigError } from '../errors.js';
import { fieldFor, overrideKey, withFields, type Product } from '../model/product.js';
import { compileSchemaFile, describeError, errorPath } from '../validate/ajv.js';
import { compileCondition, type Condition, type Predicate } from './condition.js';
import { adjustPrice, type PriceAdjustment } from './price.js';
import { compileCategoryMap } from './category-map.js';
import { compileTemplate, renderTemplate } from './template.js';

export interface RuleConfig {
  name?: string;
  if?: Condition;
  set?: Record<string, string>;
  exclude?: true | string;
  price?: PriceAdjustment;
  categoryMap?: { from?: string; to?: string; overwrite?: boolean; map: Record<string, string> };
}

export interface RuleStats {
  rule: string;
  /** Products that reached the rule. */
  before: number;
  /** Products still listed after it. */
  after: number;
  changed: number;
}

export type RuleOutcome = { ok: true; product: Product } | { ok: false; reason: string; rule: string };

export interface RuleSet {
  apply(product: Product): RuleOutcome;
  stats(): RuleStats[];
}

type Step = (product: Product) => Product | { excluded: string } | undefined;

export function compileRules(rules: unknown, channel: string, currency?: string): RuleSet {
  if (rules === undefined) return { apply: (product) => ({ ok: true, product }), stats: () => [] };
  const check = compileSchemaFile('rules.schema.json');
  if (!check(rules)) {
    const problems = (check.errors ?? [])
      .filter((e) => !['oneOf', 'anyOf', 'not', 'if'].includes(e.keyword))
      .map((e) => `channels.${channel}.rules${errorPath(e).startsWith('[') ? '' : '.'}${errorPath(e)}: ${describeError(e)}`);
    const oneOf = (check.errors ?? []).find((e) => e.keyword === 'oneOf');
    if (problems.length === 0 && oneOf) problems.push(`channels.${channel}.rules${errorPath(oneOf)}: a rule needs exactly one of set, exclude, price, categoryMap`);
    throw new ConfigError([...new Set(problems)].join('\n  '));
  }
  const list = rules as RuleConfig[];
  const steps = list.map((rule, i) => ({ name: rule.name ?? describeRule(rule, i), step: compileStep(rule, channel, currency) }));
  const counters = steps.map((s) => ({ rule: s.name, before: 0, after: 0, changed: 0 }));
  return {
    apply(product) {
      let current = product;
      for (let i = 0; i < steps.length; i++) {
        const counter = counters[i]!;
        counter.before++;
        const result = steps[i]!.step(current);
        if (result && 'excluded' in result) return { ok: false, reason: result.excluded, rule: counter.rule };
        counter.after++;
        if (result && result !== current) { counter.changed++; current = result; }
      }
      return { ok: true, product: current };
    },
    stats: () => counters.map((c) => ({ ...c })),
  };
}

function describeRule(rule: RuleConfig, index: number): string {
  const kind = rule.set ? `set ${Object.keys(rule.set).join(', ')}` : rule.exclude ? 'exclude' : rule.price ? 'price' : 'categoryMap';
  return `#${index + 1} ${kind}`;
}

function compileStep(rule: RuleConfig, channel: string, currency?: string): Step {
  const when: Predicate = rule.if ? compileCondition(rule.if, channel) : () => true;
  if (rule.set) {
    const templates = Object.entries(rule.set).map(([field, source]) => {
      const compiled = compileTemplate(source);
      if (!compiled.ok) throw new ConfigError(`channels.${channel}.rules: set.${field}: ${compiled.reason}`);
      const modified = compiled.template.parts.find((part) => 'modifier' in part && part.modifier !== undefined);
      if (modified) throw new ConfigError(`channels.${channel}.rules: set.${field}: ":" modifiers are for marketplace columns, not rules`);
      return { field, override: overrideKey(channel, field), template: compiled.template };
    });
    // The product being rendered: one lookup function for the run, not a closure per product.
    let current: Product;
    const lookup = (name: string) => fieldFor(current, channel, name);
    return (p) => {
      if (!when(p)) return undefined;
      current = p;
      let changes: Record<string, string> | undefined;
      for (const { field, override, template } of templates) {
        const value = renderTemplate(template, lookup);
        // The rule writes the channel's own view of the field (`google.title`), so other channels keep theirs.
        const key = p.fields[override] !== undefined ? override : field;
        if (p.fields[key] !== value) (changes ??= {})[key] = value;
      }
      return changes ? withFields(p, changes) : undefined;
    };
  }
  if (rule.exclude !== undefined) {
    const reason = typeof rule.exclude === 'string' ? rule.exclude : 'excluded by rule';
    return (p) => (when(p) ? { excluded: reason } : undefined);
  }
  if (rule.price) {
    const adjustment = rule.price;
    const field = adjustment.field ?? 'price';
    const override = overrideKey(channel, field);
    return (p) => {
      if (!when(p)) return undefined;
      const value = fieldFor(p, channel, field);
      if (value === undefined) return undefined;
      const adjusted = adjustPrice(value, adjustment, currency);
      if (adjusted === undefined || adjusted === value) return undefined;
      // The adjusted price replaces the shared one and the channel's own, which it was computed from.
      return withFields(p, p.fields[override] === undefined ? { [field]: adjusted } : { [field]: adjusted, [override]: undefined });
    };
  }
  const map = rule.categoryMap!;
  const from = map.from ?? 'product_type';
  const to = map.to ?? 'google_product_category';
  // Longest prefix wins: "Apparel > Tops > Shirts" beats "Apparel > Tops".
  const category = compileCategoryMap(map.map, { foldCase: true });
  return (p) => {
    if (!when(p)) return undefined;
    if (!map.overwrite && fieldFor(p, channel, to) !== undefined) return undefined;
    const source = fieldFor(p, channel, from)?.split('|')[0];
    const value = source === undefined ? undefined : category(source);
    return value === undefined ? undefined : withFields(p, { [to]: value });
  };
}
