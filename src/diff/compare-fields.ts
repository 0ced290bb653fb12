/** Field-level differences between two versions of one item. Pure. */
import type { FieldChange, FieldValue } from './types.js';

export function compareFields(
  oldFields: Record<string, FieldValue>,
  newFields: Record<string, FieldValue>,
  keep: (name: string) => boolean,
): FieldChange[] {
  const names = [...new Set([...Object.keys(oldFields), ...Object.keys(newFields)])].filter(keep).sort(compareKeys);
  const changes: FieldChange[] = [];
  for (const name of names) {
    const before = oldFields[name];
    const after = newFields[name];
    if (!sameValue(before, after)) changes.push({ field: name, old: before ?? null, new: after ?? null });
  }
  return changes;
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((value, index) => value === b[index]);
}

/** Stable, locale-free order (UTF-16 code units). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
