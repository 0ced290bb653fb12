/** Canonical form and hash of an item's fields, so two feeds' items compare by 16 bytes. Pure. */
import { createHash } from 'node:crypto';
import type { FieldValue } from './types.js';

/** Decides which fields take part in the comparison. */
export const KEEP_ALL = (): boolean => true;

export function createFieldFilter(ignore: readonly string[] = []): (name: string) => boolean {
  if (ignore.length === 0) return KEEP_ALL;
  const exact = new Set(ignore);
  return (name) => {
    if (exact.has(name)) return false;
    for (const prefix of ignore) {
      if (name.startsWith(prefix) && (name[prefix.length] === '.' || name[prefix.length] === '[')) return false;
    }
    return true;
  };
}

/** The fields that take part, sorted by name, as one string. Empty values are already dropped by readers. */
export function canonicalFields(fields: Record<string, FieldValue>, keep: (name: string) => boolean): string {
  const all = Object.keys(fields);
  const names = (keep === KEEP_ALL ? all : all.filter(keep)).sort();
  const pairs: unknown[] = [];
  for (const name of names) pairs.push(name, fields[name]);
  return JSON.stringify(pairs);
}

export function hashFields(fields: Record<string, FieldValue>, keep: (name: string) => boolean): Buffer {
  return createHash('sha256').update(canonicalFields(fields, keep)).digest().subarray(0, 16);
}
