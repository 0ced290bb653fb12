/** Machine-readable reports: JSON, JUnit XML (one testsuite per channel), GitHub annotations. */
import { escapeXml } from '../model/text.js';
import type { BuildResult } from '../pipeline/build.js';
import type { Issue } from '../validate/issue.js';

export function formatJson(result: BuildResult): string {
  return `${JSON.stringify(
    {
      ok: result.exitCode === 0,
      exitCode: result.exitCode,
      catalog: result.catalog,
      productsRead: result.productsRead,
      rowsRejected: result.rowsRejected,
      productsSkipped: result.productsSkipped,
      channels: result.channels,
      issueTotals: result.issueTotals,
      issues: result.issues,
      issuesOmitted: result.issuesOmitted,
    },
    null,
    2,
  )}\n`;
}


export function formatJunit(result: BuildResult): string {
  const suites: string[] = [];
  const groups = new Map<string, Issue[]>();
  for (const issue of result.issues) {
    const key = issue.channel ?? 'catalog';
    groups.set(key, [...(groups.get(key) ?? []), issue]);
  }
  const names = ['catalog', ...result.channels.map((c) => c.channel)];
  for (const name of names) {
    const issues = (groups.get(name) ?? []).filter((i) => i.severity === 'error');
    const cases = issues.map((i) =>
      `    <testcase classname="${escapeXml(name)}" name="${escapeXml(`${i.productId ?? `line ${i.line ?? '?'}`} ${i.field ?? ''}`.trim())}">\n` +
      `      <failure type="${escapeXml(i.code)}" message="${escapeXml(i.message)}"/>\n    </testcase>`);
    const summary = result.channels.find((c) => c.channel === name);
    const passed = summary ? summary.recordsWritten : result.productsRead;
    if (cases.length === 0) cases.push(`    <testcase classname="${escapeXml(name)}" name="${passed} records valid"/>`);
    suites.push(`  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${issues.length}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="omnifeed">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** GitHub Actions workflow commands: ::error file=...,line=...,title=...::message */
export function formatGithub(result: BuildResult): string {
  const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return result.issues
    .map((i) => {
      const props = [`file=${prop(result.catalog)}`];
      if (i.line) props.push(`line=${i.line}`);
      props.push(`title=${prop(`${i.channel ?? 'catalog'} ${i.code}`)}`);
      return `::${i.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${esc(`${i.productId ? `${i.productId}: ` : ''}${i.message}`)}\n`;
    })
    .join('');
}
