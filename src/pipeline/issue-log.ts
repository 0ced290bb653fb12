/**
 * Issues of a run: counted by channel and code, and kept in full up to a cap, so a catalog with a
 * million bad rows still runs in bounded memory while the report shows counts and first examples.
 */
import type { Issue } from '../validate/issue.js';

export interface IssueCount {
  channel: string | undefined;
  code: string;
  severity: Issue['severity'];
  count: number;
}

export class IssueLog {
  readonly kept: Issue[] = [];
  private readonly counts = new Map<string, IssueCount>();
  dropped = 0;

  constructor(private readonly cap = 1000) {}

  add(issue: Issue): void {
    const key = `${issue.channel ?? ''}\u0000${issue.code}\u0000${issue.severity}`;
    const count = this.counts.get(key);
    if (count) count.count++;
    else this.counts.set(key, { channel: issue.channel, code: issue.code, severity: issue.severity, count: 1 });
    if (this.kept.length < this.cap) this.kept.push(issue);
    else this.dropped++;
  }

  totals(): IssueCount[] {
    return [...this.counts.values()].sort(
      (a, b) => (a.channel ?? '').localeCompare(b.channel ?? '') || a.severity.localeCompare(b.severity) || b.count - a.count || a.code.localeCompare(b.code),
    );
  }
}
