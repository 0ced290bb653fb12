/** A diff for a terminal: `+ added`, `- removed`, `~ changed` with field lines. Pure. */
import { Chalk } from 'chalk';
import type { DiffResult, FieldValue } from './types.js';

export interface TextOptions {
  colour: boolean;
  statOnly?: boolean;
}

/** Strings longer than this are shown around their first difference. */
const LONG = 120;
const CONTEXT = 40;

export function renderText(result: DiffResult, options: TextOptions): string {
  const c = new Chalk({ level: options.colour ? 1 : 0 });
  const lines: string[] = [];
  for (const warning of result.warnings) lines.push(c.yellow(`warning: ${warning}`));
  if (!options.statOnly) {
    lines.push(c.bold(`--- ${result.old.paths.join(', ')} (${result.old.format}, ${result.old.items} items)`));
    lines.push(c.bold(`+++ ${result.new.paths.join(', ')} (${result.new.format}, ${result.new.items} items)`));
    for (const key of result.added) lines.push(c.green(`+ ${key}`));
    for (const key of result.removed) lines.push(c.red(`- ${key}`));
    for (const item of result.changed) {
      lines.push(c.yellow(`~ ${item.key}`));
      for (const change of item.fields) {
        const [before, after] = showPair(change.old, change.new);
        lines.push(`    ${change.field}: ${c.red(before)} -> ${c.green(after)}`);
      }
    }
  }
  const { added, removed, changed, unchanged } = result.stat;
  lines.push(`${added} added, ${removed} removed, ${changed} changed, ${unchanged} unchanged`);
  return lines.join('\n') + '\n';
}

function showPair(before: FieldValue | null, after: FieldValue | null): [string, string] {
  if (typeof before === 'string' && typeof after === 'string' && (before.length > LONG || after.length > LONG)) {
    return excerptAroundDifference(before, after);
  }
  return [showValue(before), showValue(after)];
}

function showValue(value: FieldValue | null): string {
  if (value === null) return '(none)';
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return JSON.stringify(value);
}

/** Long texts: only the part around the first difference, with `…` for what is left out. */
function excerptAroundDifference(a: string, b: string): [string, string] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - CONTEXT);
  const cut = (s: string, end: number): string => {
    const to = Math.min(s.length, end + CONTEXT, from + LONG * 2);
    const body = JSON.stringify(s.slice(from, to)).slice(1, -1);
    return `"${from > 0 ? '…' : ''}${body}${to < s.length ? '…' : ''}"`;
  };
  return [cut(a, endA), cut(b, endB)];
}
