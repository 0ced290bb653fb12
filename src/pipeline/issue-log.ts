/**
 * Issues of a run: counted by channel and code, and kept in full up to a cap, so a catalog with a
 * million bad rows still runs in bounded memory while the report shows counts and first examples.
 * Logs kept in worker threads travel as `IssueLogState` and are merged into the main one.
 */
import { detach } from '../catalog/csv-scanner.js';
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

/**
 * A kept issue's own copies of its strings: a message or id built from a catalog value may be a slice
 * of the text chunk the value was read from (see ReadOptions.copyValues), and a thousand kept
 * issues must not keep a thousand chunks alive.
 */
function keepable(issue: Issue): Issue {
  const copy: Issue = { ...issue, message: detach(issue.message) };
  if (issue.productId !== undefined) copy.productId = detach(issue.productId);
  if (issue.field !== undefined) copy.field = detach(issue.field);
  return copy;
}

export class IssueLog {
  readonly kept: Issue[] = [];
  /** channel -> code -> severity -> count; codes are constants, so no key is built per issue. */
  private readonly counts = new Map<string | undefined, Map<string, Partial<Record<Issue['severity'], IssueCount>>>>();
  dropped = 0;

  constructor(private readonly cap = 1000) {}

  /** Whether the next issue added would be kept in full (else it is only counted). */
  keepsMore(): boolean {
    return this.kept.length < this.cap;
  }

  add(issue: Issue): void {
    this.count(issue.channel, issue.code, issue.severity, 1);
    if (this.kept.length < this.cap) this.kept.push(keepable(issue));
    else this.dropped++;
  }

  /** Count an issue that is not kept. */
  tally(channel: string | undefined, code: string, severity: Issue['severity']): void {
    this.count(channel, code, severity, 1);
    if (this.kept.length >= this.cap) this.dropped++;
  }

  private count(channel: string | undefined, code: string, severity: Issue['severity'], n: number): void {
    let byCode = this.counts.get(channel);
    if (!byCode) this.counts.set(channel, (byCode = new Map()));
    let bySeverity = byCode.get(code);
    if (!bySeverity) byCode.set(code, (bySeverity = {}));
    const count = bySeverity[severity];
    if (count) count.count += n;
    else bySeverity[severity] = { channel, code, severity, count: n };
  }

  private allCounts(): IssueCount[] {
    const out: IssueCount[] = [];
    for (const byCode of this.counts.values()) {
      for (const bySeverity of byCode.values()) {
        if (bySeverity.error) out.push(bySeverity.error);
        if (bySeverity.warning) out.push(bySeverity.warning);
      }
    }
    return out;
  }

  state(): IssueLogState {
    return { kept: this.kept, counts: this.allCounts(), dropped: this.dropped };
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
    return this.allCounts().sort(
      (a, b) => (a.channel ?? '').localeCompare(b.channel ?? '') || a.severity.localeCompare(b.severity) || b.count - a.count || a.code.localeCompare(b.code),
    );
  }
}
