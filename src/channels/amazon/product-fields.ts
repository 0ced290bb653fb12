/**
 * Reading catalog fields for Amazon: the instance's override (`amazon_de.title`), then the
 * `amazon.` override, then the shared value. Several Amazon instances share `amazon.` overrides.
 */
import { overrideKey, splitValues, type Product } from '../../model/product.js';
import type { Issue } from '../../validate/issue.js';

/** One product's fields as one Amazon instance reads them; made once per product. */
export interface FieldSource {
  readonly fields: Readonly<Record<string, string>>;
  readonly instance: string;
  /** Whether the product has any `<channel>.<field>` key; most have none, and are read without looking for one. */
  readonly overrides: boolean;
}

export function fieldSource(product: Product, instance: string): FieldSource {
  let overrides = false;
  for (const key in product.fields) {
    if (key.includes('.')) {
      overrides = true;
      break;
    }
  }
  return { fields: product.fields, instance, overrides };
}

/** amazonField for a FieldSource. */
export function readField(source: FieldSource, name: string): string | undefined {
  if (source.overrides) return overriddenField(source.fields, source.instance, name);
  const value = source.fields[name];
  return value === '' ? undefined : value;
}

/** amazonValues for a FieldSource. */
export function readValues(source: FieldSource, name: string): string[] {
  return splitValues(readField(source, name));
}

export function amazonField(product: Product, instance: string, name: string): string | undefined {
  return overriddenField(product.fields, instance, name);
}

function overriddenField(fields: Readonly<Record<string, string>>, instance: string, name: string): string | undefined {
  if (instance !== 'amazon') {
    const own = fields[overrideKey(instance, name)];
    if (own !== undefined && own !== '') return own;
  }
  const override = fields[overrideKey('amazon', name)];
  if (override !== undefined && override !== '') return override;
  const value = fields[name];
  return value === '' ? undefined : value;
}

/** Only the overrides, never the shared value (for names that mean something else to Google). */
export function amazonOverride(product: Product, instance: string, name: string): string | undefined {
  if (instance !== 'amazon') {
    const own = product.fields[overrideKey(instance, name)];
    if (own !== undefined && own.trim() !== '') return own.trim();
  }
  const value = product.fields[overrideKey('amazon', name)];
  if (value !== undefined && value.trim() !== '') return value.trim();
  return undefined;
}

export function amazonValues(product: Product, instance: string, name: string): string[] {
  return splitValues(amazonField(product, instance, name));
}

/** Where an issue about one of the product's fields points; built only for a finding. */
export function at(product: Product, instance: string, field: string): Partial<Issue> {
  return { channel: instance, productId: product.id, line: product.line, field };
}
