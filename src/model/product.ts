/**
 * A catalog product as the pipeline sees it: one row of the merchant's catalog (one variant),
 * with canonical (Google attribute) names. Values stay strings, as the catalog wrote them;
 * multi-value attributes hold `|`-separated values. Per-channel overrides are stored under
 * `<channel>.<field>` keys (`google.title`, `amazon.title`) and read through `fieldFor`.
 */
export interface Product {
  /** The product (variant) id: the catalog's `id` column after mapping. */
  readonly id: string;
  /** 1-based line in the source file where this record starts (for reports). */
  readonly line: number;
  /** Canonical attribute name -> raw value. Empty values are omitted. */
  readonly fields: Readonly<Record<string, string>>;
}

export const MULTI_VALUE_SEPARATOR = '|';

/** `<channel>.<name>` keys, built once: a key made per lookup is a new string to hash for every read. */
const overrideKeys = new Map<string, Map<string, string>>();

/** The key of `name`'s per-channel override (`google.title`), the same string every time. */
export function overrideKey(channel: string, name: string): string {
  let byName = overrideKeys.get(channel);
  if (!byName) {
    byName = new Map();
    overrideKeys.set(channel, byName);
  }
  let key = byName.get(name);
  if (key === undefined) {
    key = `${channel}.${name}`;
    byName.set(name, key);
  }
  return key;
}

/** The value of `name` for `channel`: the `channel.name` override when present, else the shared value. */
export function fieldFor(product: Product, channel: string, name: string): string | undefined {
  const override = product.fields[overrideKey(channel, name)];
  if (override !== undefined && override !== '') return override;
  const value = product.fields[name];
  return value === '' ? undefined : value;
}

/**
 * Split a multi-value cell on `|`, trimming and dropping empty parts. Read in place with indexOf (no
 * array of raw parts): channels call this for several cells of every product.
 */
export function splitValues(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  const out: string[] = [];
  for (let start = 0; start >= 0; ) {
    const bar = value.indexOf(MULTI_VALUE_SEPARATOR, start);
    const part = (bar < 0 ? value.slice(start) : value.slice(start, bar)).trim();
    start = bar < 0 ? -1 : bar + MULTI_VALUE_SEPARATOR.length;
    if (part !== '') out.push(part);
  }
  return out;
}


/** A copy of the product with some fields replaced (undefined removes the field). */
export function withFields(product: Product, changes: Record<string, string | undefined>): Product {
  const fields: Record<string, string> = { ...product.fields };
  for (const key in changes) {
    const value = changes[key];
    if (value === undefined || value === '') {
      // Deleting a key the object does not have would still cost it its fast properties.
      if (key in fields) delete fields[key];
    } else {
      fields[key] = value;
    }
  }
  return { id: fields['id'] ?? product.id, line: product.line, fields };
}
