/**
 * The `product_detail` group attribute from a catalog cell: `section:attribute:value` or
 * `attribute:value` (the value keeps any further colons). Several details are `|`-separated.
 */
import type { ProductDetailEntry } from './record.js';

export type ProductDetailParse = { ok: true; entry: ProductDetailEntry } | { ok: false; reason: string };

export function parseProductDetail(text: string): ProductDetailParse {
  const parts = text.split(':').map((p) => p.trim());
  if (parts.length < 2) return { ok: false, reason: `"${text}" is not [section:]attribute:value` };
  const [first = '', second = '', ...rest] = parts;
  const entry: ProductDetailEntry =
    parts.length === 2
      ? { attribute_name: first, attribute_value: second }
      : { ...(first !== '' ? { section_name: first } : {}), attribute_name: second, attribute_value: rest.join(':') };
  if (entry.attribute_name === '' || entry.attribute_value === '') {
    return { ok: false, reason: `"${text}" needs both an attribute name and a value` };
  }
  return { ok: true, entry };
}
