/**
 * Catalog product -> Google record. Table-driven: every attribute of ATTRIBUTES the product carries
 * (with `google.<name>` overrides) is normalised by kind. Values that cannot become Google values
 * at all (an unreadable price or shipping cell) keep the product out with an error naming the field,
 * so a record is never written invalid; everything else is left for the schema and the checker.
 */
import { fieldFor, MULTI_VALUE_SEPARATOR, splitValues, type Product } from '../../model/product.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { ChannelContext, TransformResult } from '../contract.js';
import { ATTRIBUTE_NAMES, ATTRIBUTES, type AttributeSpec } from './attributes.js';
import { googleConfig } from './config.js';
import { normalizeValue, type NormalizeOptions } from './normalize.js';
import { parseProductDetail } from './product-detail.js';
import type { GoogleRecord, GoogleValue, ProductDetailEntry } from './record.js';
import { parseShipping } from './shipping.js';

const CHANNEL = 'google';
const UNLISTED_STATUS = new Set(['draft', 'archived']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'n']);

/** Why a product is not published (`status` draft/archived, `published` false), or undefined. */
export function unpublishedReason(product: Product): string | undefined {
  const status = fieldFor(product, CHANNEL, 'status')?.trim().toLowerCase();
  if (status !== undefined && UNLISTED_STATUS.has(status)) return `status is ${status}`;
  const published = fieldFor(product, CHANNEL, 'published')?.trim().toLowerCase();
  if (published !== undefined && FALSE_WORDS.has(published)) return 'not published';
  return undefined;
}

/** in_stock when quantity > 0, out_of_stock when 0 or less; undefined when quantity is not a number. */
export function availabilityFromQuantity(quantity: string | undefined): string | undefined {
  if (quantity === undefined || !/^\s*[+-]?[0-9]+(?:\.0+)?\s*$/.test(quantity)) return undefined;
  return Number(quantity) > 0 ? 'in_stock' : 'out_of_stock';
}

type ReadOptions = NormalizeOptions & { defaultCountry?: string | undefined };

/** What transformProduct needs that does not change within a run: computed once per context. */
interface RunState {
  config: ChannelContext['config'];
  catalog: ChannelContext['catalog'];
  instance: string;
  checkPublished: boolean;
  options: ReadOptions;
  /** Options for parseShipping (money settings plus the default country). */
  shippingOptions: ReadOptions['money'] & { defaultCountry?: string | undefined };
  /**
   * Field key -> attribute index * 4 + precedence: 0 the shared `<name>`, 1 the `google.<name>`
   * override, 2 an instance named otherwise (`google-de`) overriding with `google-de.<name>`.
   */
  slots: Map<string, number>;
}

const runStates = new WeakMap<ChannelContext, RunState>();

function runState(ctx: ChannelContext): RunState {
  let state = runStates.get(ctx);
  if (state !== undefined && state.config === ctx.config && state.catalog === ctx.catalog && state.instance === ctx.instance) return state;
  const config = googleConfig(ctx.config);
  const money = { defaultCurrency: ctx.catalog.currency, decimalComma: ctx.catalog.decimalComma };
  const slots = new Map<string, number>();
  ATTRIBUTES.forEach((spec, index) => {
    slots.set(spec.name, index * 4);
    slots.set(`${CHANNEL}.${spec.name}`, index * 4 + 1);
    if (ctx.instance !== CHANNEL) slots.set(`${ctx.instance}.${spec.name}`, index * 4 + 2);
  });
  state = {
    config: ctx.config,
    catalog: ctx.catalog,
    instance: ctx.instance,
    checkPublished: !config.includeUnpublished && !ctx.catalog.includeUnpublished,
    options: { money, keepHtml: config.keepHtml, defaultCountry: config.country },
    shippingOptions: { ...money, defaultCountry: config.country },
    slots,
  };
  runStates.set(ctx, state);
  return state;
}

const ATTRIBUTE_COUNT = ATTRIBUTES.length;
const ID_INDEX = ATTRIBUTES.findIndex((spec) => spec.name === 'id');
const AVAILABILITY_INDEX = ATTRIBUTES.findIndex((spec) => spec.name === 'availability');

/**
 * Per-attribute raw values of the product being transformed (transform is synchronous, so one
 * scratch pair serves every call; each slot is cleared as it is read).
 */
const rawValues: (string | undefined)[] = new Array<string | undefined>(ATTRIBUTE_COUNT).fill(undefined);
const rawPrecedence = new Int8Array(ATTRIBUTE_COUNT);

interface Where {
  channel: string;
  productId: string;
  line: number;
  field: string;
}

/**
 * The issues of the product being transformed: created with its first issue (most products have
 * none), as is each issue's `where` (transform is synchronous, so one set of these serves every call).
 */
let issueChannel = '';
let issueProduct: Product | undefined;
let issues: Issue[] | undefined;
let failed = false;

function where(field: string): Where {
  return { channel: issueChannel, productId: issueProduct!.id, line: issueProduct!.line, field };
}

function report(issue: Issue): void {
  if (issue.severity === 'error') failed = true;
  if (issues === undefined) issues = [issue];
  else issues.push(issue);
}

/** The product's issues so far (shared and frozen when there are none: nothing writes to them). */
const NO_ISSUES: Issue[] = Object.freeze([]) as unknown as Issue[];

function readAttribute(spec: AttributeSpec, raw: string, state: RunState): GoogleValue | undefined {
  if (spec.kind === 'shipping') {
    const cells = splitValues(raw);
    if (cells.length === 0) return undefined;
    const parsed = parseShipping(cells, state.shippingOptions);
    if (!parsed.ok) {
      report(error('shipping-unparseable', `shipping: ${parsed.reason}`, where(spec.name)));
      return undefined;
    }
    return limit(spec, parsed.entries);
  }
  if (spec.kind === 'product-detail') {
    const entries: ProductDetailEntry[] = [];
    for (const text of splitValues(raw)) {
      const parsed = parseProductDetail(text);
      if (parsed.ok) entries.push(parsed.entry);
      else report(error('product-detail-unparseable', `product_detail: ${parsed.reason}`, where(spec.name)));
    }
    return entries.length > 0 ? limit(spec, entries) : undefined;
  }
  if (!spec.repeat) return readOne(spec, raw, state);
  if (raw.indexOf(MULTI_VALUE_SEPARATOR) < 0) {
    // One value (splitValues would give [raw.trim()]): no list of parts to walk.
    const text = raw.trim();
    const one = text === '' ? undefined : readOne(spec, text, state);
    return one === undefined ? undefined : [one];
  }
  const values: string[] = [];
  for (const text of splitValues(raw)) {
    const one = readOne(spec, text, state);
    if (one !== undefined) values.push(one);
  }
  if (values.length === 0) return undefined;
  return limit(spec, values);
}

/** One value normalised; an unreadable one is reported, and it and an empty one are undefined. */
function readOne(spec: AttributeSpec, text: string, state: RunState): string | undefined {
  const normalized = normalizeValue(spec, text, state.options);
  if (typeof normalized !== 'string') {
    report(unreadable(spec, normalized.reason));
    return undefined;
  }
  return normalized === '' ? undefined : normalized;
}

function unreadable(spec: AttributeSpec, reason: string): Issue {
  const code = spec.kind === 'money' ? 'price-unparseable' : 'value-unparseable';
  return error(code, `${spec.name}: ${reason}`, where(spec.name));
}

function limit<T>(spec: AttributeSpec, values: T[]): T[] {
  const max = spec.repeat ?? 1;
  if (values.length <= max) return values;
  report(
    warning('too-many-values', `${spec.name}: ${values.length} values, Google takes at most ${max}; the last ${values.length - max} were dropped`, where(spec.name)),
  );
  return values.slice(0, max);
}

export function transformProduct(product: Product, ctx: ChannelContext): TransformResult<GoogleRecord> {
  const state = runState(ctx);
  if (state.checkPublished) {
    const reason = unpublishedReason(product);
    if (reason) return { ok: false, reason };
  }
  // Only the fields the product carries (a few dozen), not every attribute and its overrides.
  const fields = product.fields;
  const slots = state.slots;
  for (const key in fields) {
    const slot = slots.get(key);
    if (slot === undefined) continue;
    const value = fields[key];
    if (value === undefined || value === '') continue;
    const index = slot >> 2;
    const precedence = slot & 3;
    if (rawValues[index] === undefined || precedence > rawPrecedence[index]!) {
      rawValues[index] = value;
      rawPrecedence[index] = precedence;
    }
  }
  issueChannel = ctx.instance;
  issueProduct = product;
  issues = undefined;
  failed = false;
  const record: Record<string, GoogleValue> = {};
  try {
    for (let index = 0; index < ATTRIBUTE_COUNT; index++) {
      const raw = rawValues[index];
      let value: GoogleValue | undefined;
      if (raw !== undefined) {
        rawValues[index] = undefined;
        value = readAttribute(ATTRIBUTES[index]!, raw, state);
      }
      if (value === undefined) {
        if (index === ID_INDEX) value = product.id.trim();
        else if (index === AVAILABILITY_INDEX) value = availabilityFromQuantity(fieldFor(product, CHANNEL, 'quantity'));
        else continue;
      }
      if (value !== undefined && value !== '') record[ATTRIBUTE_NAMES[index]!] = value;
    }
  } catch (thrown) {
    rawValues.fill(undefined); // leave no value behind for the next product
    throw thrown;
  } finally {
    issueProduct = undefined;
  }
  const found = issues ?? NO_ISSUES;
  issues = undefined;
  if (failed) return { ok: false, reason: 'attribute values Google cannot read', issues: found };
  // Added key by key, a record of more than 16 attributes is a dictionary-mode object in V8, which
  // the schema, the checker and both formats read several times slower; its copy is a fast object.
  return { ok: true, records: [{ ...record } as GoogleRecord], issues: found };
}
