/**
 * Issues of a run: counted by channel and code, and kept in full up to a cap, so a catalog with a
 * million bad rows still runs in bounded memory while the report shows counts and first examples.
 * Logs kept in worker threads travel as `IssueLogState` and are merged into the main one.
 */
import type { Issue } from '../validate/issue.js';

export interface IssueCount {
  channel: string | undefined;
  code: string;
  severity: Issue['severity'];
  count: number;
}

export interface IssueLogState {
  kept: Issue[];
  counts: IssueCount[];
  dropped: number;
}

export class IssueLog {
  readonly kept: Issue[] = [];
  private readonly counts = new Map<string, IssueCount>();
  dropped = 0;

  constructor(private readonly cap = 1000) {}

  add(issue: Issue): void {
    this.count(issue.channel, issue.code, issue.severity, 1);
    if (this.kept.length < this.cap) this.kept.push(issue);
    else this.dropped++;
  }

  private count(channel: string | undefined, code: string, severity: Issue['severity'], n: number): void {
    const key = `${channel ?? ''}\u0000${code}\u0000${severity}`;
    const count = this.counts.get(key);
    if (count) count.count += n;
    else this.counts.set(key, { channel, code, severity, count: n });
  }

  state(): IssueLogState {
    return { kept: this.kept, counts: [...this.counts.values()], dropped: this.dropped };
  }

  merge(state: IssueLogState): void {
    for (const c of state.counts) this.count(c.channel, c.code, c.severity, c.count);
    for (const issue of state.kept) {
      if (this.kept.length < this.cap) this.kept.push(issue);
      else this.dropped++;
    }
    this.dropped += state.dropped;
  }

  totals(): IssueCount[] {
    return [...this.counts.values()].sort(
      (a, b) => (a.channel ?? '').localeCompare(b.channel ?? '') || a.severity.localeCompare(b.severity) || b.count - a.count || a.code.localeCompare(b.code),
    );
  }
}
