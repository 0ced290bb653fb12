import type { LoadedConfig } from '../config/types.js';
import type { ExitCode } from '../errors.js';
import type { RuleStats } from '../rules/rules.js';
import type { Issue } from '../validate/issue.js';
import type { IssueCount } from './issue-log.js';

export interface BuildOptions {
  loaded: LoadedConfig;
  /** Absolute catalog path overriding catalog.path. */
  catalogPath?: string | undefined;
  preset?: string | undefined;
  /** Absolute output folder. */
  outDir: string;
  channels?: string[] | undefined;
  strict?: boolean | undefined;
  maxInvalid?: string | number | undefined;
  force?: boolean | undefined;
  /** Validate only: nothing is written. */
  dryRun?: boolean | undefined;
  offerOnly?: boolean | undefined;
  now: Date;
  maxIssues?: number | undefined;
  /**
   * Threads for the channels: 0 runs everything on the main thread; N > 0 runs the channel instances
   * on up to N worker threads, the first of which also reads the catalog and feeds the others
   * (thread-plan.ts balances them); 'auto' uses as many as there are cores (up to the instances plus
   * one) on a machine with more than one core.
   */
  workers?: number | 'auto' | undefined;
  /** Heap limit per worker thread, MB (default DEFAULT_HEAP_MB). */
  heapMb?: number | undefined;
  onProgress?: ((productsRead: number) => void) | undefined;
}

export type ChannelStatus = 'written' | 'validated' | 'kept' | 'failed';

export interface ChannelSummary {
  channel: string;
  type: string;
  productsRead: number;
  recordsWritten: number;
  excluded: number;
  invalid: number;
  errors: number;
  warnings: number;
  files: string[];
  rules: RuleStats[];
  status: ChannelStatus;
  reason?: string | undefined;
}

export interface BuildResult {
  catalog: string;
  productsRead: number;
  /** Rows the catalog reader or preset could not use (malformed, no id). */
  rowsRejected: number;
  /** Products a preset did not list (drafts, archived, unpublished). */
  productsSkipped: number;
  channels: ChannelSummary[];
  issues: Issue[];
  issueTotals: IssueCount[];
  issuesOmitted: number;
  exitCode: ExitCode;
}
