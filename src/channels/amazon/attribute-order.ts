/** Canonical attribute objects: names sorted, so the same data always serialises the same way. */
import type { Attributes } from './record.js';

export function sortAttributes(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const name of sortNames(Object.keys(attributes))) {
    const values = attributes[name];
    if (values !== undefined) out[name] = values;
  }
  return out;
}

/** Merge layers left to right; a later layer replaces an attribute whole. */
export function mergeAttributes(...layers: Array<Attributes | undefined>): Attributes {
  // The usual call: generated attributes alone (no static ones configured): one layer, sorted.
  let only: Attributes | undefined;
  let defined = 0;
  for (const layer of layers) {
    if (layer) {
      only = layer;
      defined++;
    }
  }
  if (defined === 1) return sortAttributes(only!);
  const names: string[] = [];
  for (const layer of layers) {
    if (layer) for (const name of Object.keys(layer)) names.push(name);
  }
  sortNames(names);
  const out: Attributes = {};
  let previous: string | undefined;
  for (const name of names) {
    if (name === previous) continue;
    previous = name;
    // The last layer that has the name wins (even with an undefined value), as with assignment in layer order.
    let i = layers.length - 1;
    while (!Object.hasOwn(layers[i] ?? {}, name)) i--;
    const values = layers[i]![name];
    if (values !== undefined) out[name] = values;
  }
  return out;
}

/**
 * `names.sort()` (UTF-16 code unit order) in place, as an insertion sort: the transform adds
 * attributes in name order, a few layers at a time, so the list is nearly sorted and takes about
 * one comparison per name.
 */
export function sortNames(names: string[]): string[] {
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i - 1;
    if (!(name < names[j]!)) continue;
    while (j >= 0 && name < names[j]!) {
      names[j + 1] = names[j]!;
      j--;
    }
    names[j + 1] = name;
  }
  return names;
}

/** Stable JSON with object keys sorted at every level (for comparisons, not for output). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
