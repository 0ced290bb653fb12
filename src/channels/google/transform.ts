/**
 * Catalog product -> Google record. Table-driven: every attribute of ATTRIBUTES the product carries
 * (with `google.<name>` overrides) is normalised by kind. Values that cannot become Google values
 * at all (an unreadable price or shipping cell) keep the product out with an error naming the field,
 * so a record is never written invalid; everything else is left for the schema and the checker.
 */
import { fieldFor, splitValues, type Product } from '../../model/product.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import type { ChannelContext, TransformResult } from '../contract.js';
import { ATTRIBUTES, type AttributeSpec } from './attributes.js';
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

/** `google.<name>` keys, computed once (transform runs per product, the table has ~75 rows). */
const OVERRIDE_KEYS = new Map(ATTRIBUTES.map((spec) => [spec.name, `${CHANNEL}.${spec.name}`]));

/**
 * fieldFor(product, 'google', name) with precomputed keys; an instance named otherwise
 * (`google-de`) may also override with `google-de.<name>`, which wins.
 */
function rawField(product: Product, spec: AttributeSpec, instanceKey: string | undefined): string | undefined {
  const fields = product.fields;
  if (instanceKey !== undefined) {
    const own = fields[`${instanceKey}.${spec.name}`];
    if (own !== undefined && own !== '') return own;
  }
  const override = fields[OVERRIDE_KEYS.get(spec.name)!];
  if (override !== undefined && override !== '') return override;
  const value = fields[spec.name];
  return value === '' ? undefined : value;
}

interface Where {
  channel: string;
  productId: string;
  line: number;
}

function readAttribute(
  spec: AttributeSpec,
  raw: string,
  options: NormalizeOptions & { defaultCountry?: string | undefined },
  where: Where,
  issues: Issue[],
): GoogleValue | undefined {
  if (spec.kind === 'shipping') {
    const cells = splitValues(raw);
    if (cells.length === 0) return undefined;
    const parsed = parseShipping(cells, { ...options.money, defaultCountry: options.defaultCountry });
    if (!parsed.ok) {
      issues.push(error('shipping-unparseable', `shipping: ${parsed.reason}`, { ...where, field: spec.name }));
      return undefined;
    }
    return limit(spec, parsed.entries, where, issues);
  }
  if (spec.kind === 'product-detail') {
    const entries: ProductDetailEntry[] = [];
    for (const text of splitValues(raw)) {
      const parsed = parseProductDetail(text);
      if (parsed.ok) entries.push(parsed.entry);
      else issues.push(error('product-detail-unparseable', `product_detail: ${parsed.reason}`, { ...where, field: spec.name }));
    }
    return entries.length > 0 ? limit(spec, entries, where, issues) : undefined;
  }
  const raws = spec.repeat ? splitValues(raw) : [raw];
  const values: string[] = [];
  for (const text of raws) {
    const normalized = normalizeValue(spec, text, options);
    if (!normalized.ok) {
      const code = spec.kind === 'money' ? 'price-unparseable' : 'value-unparseable';
      issues.push(error(code, `${spec.name}: ${normalized.reason}`, { ...where, field: spec.name }));
    } else if (normalized.value !== '') {
      values.push(normalized.value);
    }
  }
  if (values.length === 0) return undefined;
  return spec.repeat ? limit(spec, values, where, issues) : values[0];
}

function limit<T>(spec: AttributeSpec, values: T[], where: Where, issues: Issue[]): T[] {
  const max = spec.repeat ?? 1;
  if (values.length <= max) return values;
  issues.push(
    warning('too-many-values', `${spec.name}: ${values.length} values, Google takes at most ${max}; the last ${values.length - max} were dropped`, {
      ...where,
      field: spec.name,
    }),
  );
  return values.slice(0, max);
}

export function transformProduct(product: Product, ctx: ChannelContext): TransformResult<GoogleRecord> {
  const config = googleConfig(ctx.config);
  if (!config.includeUnpublished && !ctx.catalog.includeUnpublished) {
    const reason = unpublishedReason(product);
    if (reason) return { ok: false, reason };
  }
  const where: Where = { channel: ctx.instance, productId: product.id, line: product.line };
  const options = {
    money: { defaultCurrency: ctx.catalog.currency, decimalComma: ctx.catalog.decimalComma },
    keepHtml: config.keepHtml,
    defaultCountry: config.country,
  };
  const issues: Issue[] = [];
  const record: Record<string, GoogleValue> = {};
  const instanceKey = ctx.instance !== CHANNEL ? ctx.instance : undefined;
  for (const spec of ATTRIBUTES) {
    const raw = rawField(product, spec, instanceKey);
    let value = raw === undefined ? undefined : readAttribute(spec, raw, options, where, issues);
    if (value === undefined && spec.name === 'id') value = product.id.trim();
    if (value === undefined && spec.name === 'availability') value = availabilityFromQuantity(fieldFor(product, CHANNEL, 'quantity'));
    if (value !== undefined && value !== '') record[spec.name] = value;
  }
  if (issues.some((issue) => issue.severity === 'error')) {
    return { ok: false, reason: 'attribute values Google cannot read', issues };
  }
  return { ok: true, records: [record as GoogleRecord], issues };
}
