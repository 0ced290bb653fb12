/**
 * A handle on some channel instances' runs, wherever they execute: on the main thread
 * (`createLocalHandle`, which takes products by `push`) or in a worker thread (`createWorkerHandle`,
 * fed by the reading worker). The build finishes, settles and closes both alike.
 */
import type { ManifestEntry } from '../output/manifest.js';
import type { Batch } from './batch.js';
import { abortRun, commitRun, finishRun, processProduct, sinkRecords, startRun, type Run } from './channel-run.js';
import type { Instance } from './instances.js';
import { IssueLog, type IssueLogState } from './issue-log.js';
import type { ChannelSummary } from './types.js';

export interface FinishedRun {
  summary: ChannelSummary;
  /** Feed file -> records written, for the truncation guard. */
  records: Record<string, number>;
}

export interface Finished {
  runs: FinishedRun[];
  log: IssueLogState;
}

export type Decision = 'commit' | 'abort';

export interface RunHandle {
  /** Instance names this handle runs, in config order. */
  readonly instances: readonly string[];
  finish(): Promise<Finished>;
  /** Commit or abort each instance's files; returns the committed files and manifest entries. */
  settle(decisions: Record<string, Decision>): Promise<Record<string, { files: string[]; manifest: Record<string, ManifestEntry> }>>;
  /** Abort whatever is not settled and release resources. */
  close(): Promise<void>;
}

export interface LocalHandle extends RunHandle {
  /** Run a batch of products through every instance. */
  push(batch: Batch): Promise<void>;
}

export function createLocalHandle(instances: Instance[], options: { outDir: string; dryRun?: boolean | undefined; maxIssues?: number | undefined }): LocalHandle {
  const log = new IssueLog(options.maxIssues);
  const runs: Run[] = instances.map((instance) => startRun(instance, options, log));
  let settled = false;
  return {
    instances: instances.map((i) => i.name),
    async push(batch) {
      for (const product of batch.products) for (const run of runs) await processProduct(run, product);
    },
    async finish() {
      for (const run of runs) await finishRun(run);
      return { runs: runs.map((run) => ({ summary: run.summary, records: sinkRecords(run) })), log: log.state() };
    },
    async settle(decisions) {
      settled = true;
      const out: Record<string, { files: string[]; manifest: Record<string, ManifestEntry> }> = {};
      for (const run of runs) {
        if (decisions[run.instance.name] === 'commit') {
          const manifest = await commitRun(run);
          out[run.instance.name] = { files: run.summary.files, manifest };
        } else {
          await abortRun(run);
        }
      }
      return out;
    },
    async close() {
      if (!settled) for (const run of runs) await abortRun(run);
    },
  };
}
