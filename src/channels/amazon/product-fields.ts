/**
 * Reading catalog fields for Amazon: the instance's override (`amazon_de.title`), then the
 * `amazon.` override, then the shared value. Several Amazon instances share `amazon.` overrides.
 */
import { fieldFor, splitValues, type Product } from '../../model/product.js';

export function amazonField(product: Product, instance: string, name: string): string | undefined {
  if (instance !== 'amazon') {
    const own = product.fields[`${instance}.${name}`];
    if (own !== undefined && own !== '') return own;
  }
  return fieldFor(product, 'amazon', name);
}

/** Only the overrides, never the shared value (for names that mean something else to Google). */
export function amazonOverride(product: Product, instance: string, name: string): string | undefined {
  for (const key of instance === 'amazon' ? [`amazon.${name}`] : [`${instance}.${name}`, `amazon.${name}`]) {
    const value = product.fields[key];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

export function amazonValues(product: Product, instance: string, name: string): string[] {
  return splitValues(amazonField(product, instance, name));
}
