/**
 * The human report: per channel a summary line, rule counts, then issues grouped by code with counts
 * and the first examples (product id, line, field). Colour only when allowed (TTY and no NO_COLOR).
 */
import { Chalk } from 'chalk';
import type { BuildResult } from '../pipeline/build.js';
import type { Issue } from '../validate/issue.js';

const EXAMPLES = 3;

export function formatText(result: BuildResult, options: { color: boolean; verbose?: boolean | undefined }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  const examples = options.verbose ? Number.POSITIVE_INFINITY : EXAMPLES;
  const catalogIssues = result.issues.filter((i) => i.channel === undefined);
  lines.push(`${c.bold('catalog')} ${result.catalog}: ${result.productsRead} products` +
    (result.rowsRejected ? `, ${c.red(`${result.rowsRejected} rows rejected`)}` : '') +
    (result.productsSkipped ? `, ${result.productsSkipped} not listed (draft/archived/unpublished)` : ''));
  lines.push(...groupIssues(catalogIssues, result, undefined, examples, c));
  for (const ch of result.channels) {
    const mark = ch.status === 'written' || ch.status === 'validated' ? c.green('✔') : c.red('✖');
    lines.push(`${mark} ${c.bold(ch.channel)}${ch.type !== ch.channel ? ` (${ch.type})` : ''}: ${ch.recordsWritten} records` +
      `${ch.status === 'validated' ? ' valid' : ''}, ${ch.excluded} excluded, ${ch.invalid} invalid` +
      ` (${ch.errors} errors, ${ch.warnings} warnings)` + (ch.reason ? ` ${c.red(`: ${ch.reason}`)}` : ''));
    for (const file of ch.files) lines.push(`    ${c.dim('→')} ${file}`);
    for (const rule of ch.rules) {
      lines.push(`    ${c.dim('rule')} ${rule.rule}: ${rule.before} → ${rule.after}${rule.changed ? ` (${rule.changed} changed)` : ''}`);
    }
    lines.push(...groupIssues(result.issues.filter((i) => i.channel === ch.channel), result, ch.channel, examples, c));
  }
  if (result.issuesOmitted > 0) lines.push(c.dim(`(${result.issuesOmitted} more issues counted but not listed; use --reporter json for the kept ones)`));
  return `${lines.join('\n')}\n`;
}

function groupIssues(issues: Issue[], result: BuildResult, channel: string | undefined, examples: number, c: InstanceType<typeof Chalk>): string[] {
  const lines: string[] = [];
  const totals = result.issueTotals.filter((t) => t.channel === channel);
  for (const total of totals) {
    const label = total.severity === 'error' ? c.red('error') : c.yellow('warning');
    lines.push(`    ${label} ${c.bold(total.code)} ×${total.count}`);
    const shown = issues.filter((i) => i.code === total.code && i.severity === total.severity).slice(0, examples);
    for (const issue of shown) lines.push(`      ${where(issue)}${issue.message}`);
  }
  return lines;
}

export function where(issue: Issue): string {
  const parts: string[] = [];
  if (issue.productId) parts.push(issue.productId);
  if (issue.line) parts.push(`line ${issue.line}`);
  if (issue.field) parts.push(issue.field);
  return parts.length > 0 ? `[${parts.join(' · ')}] ` : '';
}
