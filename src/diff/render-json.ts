/** A diff as one JSON document for programs. Pure. */
import type { DiffResult } from './types.js';

export function renderJson(result: DiffResult, options: { statOnly?: boolean } = {}): string {
  const doc = options.statOnly
    ? { same: result.same, stat: result.stat, warnings: result.warnings }
    : {
        same: result.same,
        stat: result.stat,
        old: result.old,
        new: result.new,
        added: result.added,
        removed: result.removed,
        changed: result.changed,
        warnings: result.warnings,
      };
  return JSON.stringify(doc, null, 2) + '\n';
}
