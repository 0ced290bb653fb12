/**
 * buildFeeds: the whole run. Streams the catalog once and hands products, in batches, to the channel
 * runs (on this thread or in worker threads: see channel-run.ts and run-handle.ts). At the end each
 * instance's files are committed, or kept as they were when the instance failed its threshold or the
 * truncation guard.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { readCatalog } from '../catalog/read-catalog.js';
import { EXIT, InputError, type ExitCode } from '../errors.js';
import type { Product } from '../model/product.js';
import { acquireLock, removeStaleTemps } from '../output/lock.js';
import { readManifest, writeManifest, type Manifest } from '../output/manifest.js';
import { resolveInstances, type Instance } from './instances.js';
import { IssueLog } from './issue-log.js';
import { Batch, createLocalHandle, type Decision, type FinishedRun, type RunHandle } from './run-handle.js';
import { parseThreshold } from './threshold.js';
import type { BuildOptions, BuildResult, ChannelSummary } from './types.js';
import { createWorkerHandle } from './worker-handle.js';

export type { BuildOptions, BuildResult, ChannelStatus, ChannelSummary } from './types.js';

const PROGRESS_EVERY = 10_000;
const BATCH = 256;

export async function buildFeeds(options: BuildOptions): Promise<BuildResult> {
  const { loaded } = options;
  const catalogConfig = loaded.config.catalog ?? {};
  const catalogPath = options.catalogPath ?? (catalogConfig.path ? resolve(loaded.dir, catalogConfig.path) : undefined);
  if (!catalogPath) throw new InputError('no catalog to read', 'Set catalog.path in the config or pass --catalog FILE.');
  const instances = resolveInstances(loaded, { only: options.channels, now: options.now, offerOnly: options.offerOnly });
  const log = new IssueLog(options.maxIssues ?? 1000);
  const strict = options.strict ?? loaded.config.validation?.strict ?? false;
  const overThreshold = parseThreshold(options.maxInvalid ?? loaded.config.validation?.maxInvalid);

  if (!options.dryRun) await mkdir(options.outDir, { recursive: true });
  const lock = options.dryRun ? undefined : await acquireLock(options.outDir);
  if (lock) await removeStaleTemps(options.outDir);
  const handles = createHandles(instances, options);
  try {
    let productsRead = 0;
    let rowsRejected = 0;
    let productsSkipped = 0;
    const catalog = readCatalog({
      path: catalogPath,
      format: catalogConfig.format,
      delimiter: catalogConfig.delimiter,
      encoding: catalogConfig.encoding,
      preset: options.preset ?? catalogConfig.preset,
      columns: catalogConfig.columns,
      currency: catalogConfig.currency,
      decimalComma: catalogConfig.decimalComma,
      includeUnpublished: catalogConfig.includeUnpublished,
      storeUrl: catalogConfig.storeUrl,
      joins: (catalogConfig.join ?? []).map((j) => ({ ...j, resolvedPath: resolve(loaded.dir, j.path) })),
    });
    let batch: Product[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const products = new Batch(batch);
      batch = [];
      await Promise.all(handles.map((h) => h.push(products)));
    };
    for await (const item of catalog) {
      if (item.kind === 'issue') {
        log.add(item.issue);
        if (item.issue.severity === 'error') rowsRejected++;
        continue;
      }
      if (item.kind === 'skipped') { productsSkipped += item.count; continue; }
      productsRead++;
      batch.push(item.product);
      if (batch.length >= BATCH) await flush();
      if (options.onProgress && productsRead % PROGRESS_EVERY === 0) options.onProgress(productsRead);
    }
    await flush();

    // Every handle's results, back in config order.
    const finished = new Map<string, { handle: RunHandle; run: FinishedRun }>();
    for (const handle of handles) {
      const result = await handle.finish();
      log.merge(result.log);
      for (const run of result.runs) finished.set(run.summary.channel, { handle, run });
    }
    const summaries: ChannelSummary[] = instances.map((i) => finished.get(i.name)!.run.summary);

    const manifest = options.dryRun ? {} : await readManifest(options.outDir);
    let exitCode: ExitCode = EXIT.ok;
    const decisions = new Map<RunHandle, Record<string, Decision>>(handles.map((h) => [h, {}]));
    for (const instance of instances) {
      const { handle, run } = finished.get(instance.name)!;
      const s = run.summary;
      const failedValidation = (strict && (s.invalid > 0 || rowsRejected > 0)) ||
        overThreshold(s.invalid + rowsRejected, s.productsRead + rowsRejected);
      let decision: Decision = 'abort';
      if (failedValidation) {
        s.status = 'failed';
        s.reason = strict ? 'invalid records with --strict' : 'invalid records over the --max-invalid threshold';
        exitCode = EXIT.problems;
      } else if (options.dryRun) {
        s.status = 'validated';
      } else {
        const shrunk = truncation(run.records, manifest);
        if (shrunk && !options.force) {
          s.status = 'kept';
          s.reason = `${shrunk} (kept the old feed; pass --force to replace it)`;
          exitCode = EXIT.problems;
        } else {
          s.status = 'written';
          decision = 'commit';
        }
      }
      decisions.get(handle)![instance.name] = decision;
    }
    for (const handle of handles) {
      const settled = await handle.settle(decisions.get(handle)!);
      for (const [name, { files, manifest: entries }] of Object.entries(settled)) {
        summaries.find((s) => s.channel === name)!.files = files;
        Object.assign(manifest, entries);
      }
    }
    if (!options.dryRun) await writeManifest(options.outDir, manifest);
    return {
      catalog: catalogPath,
      productsRead,
      rowsRejected,
      productsSkipped,
      channels: summaries,
      issues: log.kept,
      issueTotals: log.totals(),
      issuesOmitted: log.dropped,
      exitCode,
    };
  } finally {
    for (const handle of handles) await handle.close();
    await lock?.release();
  }
}

/** Channel runs on this thread, or spread over worker threads (one group of instances each). */
function createHandles(instances: Instance[], options: BuildOptions): RunHandle[] {
  const workers = Math.min(options.workers === 'auto' ? autoWorkers() : options.workers ?? 0, instances.length);
  if (workers <= 0) return [createLocalHandle(instances, options)];
  const groups: string[][] = Array.from({ length: workers }, () => []);
  instances.forEach((instance, i) => groups[i % workers]!.push(instance.name));
  return groups.map((names) =>
    createWorkerHandle({
      loaded: options.loaded,
      instances: names,
      outDir: options.outDir,
      dryRun: options.dryRun ?? false,
      offerOnly: options.offerOnly ?? false,
      now: options.now.toISOString(),
      maxIssues: options.maxIssues,
    }),
  );
}

/**
 * Default: one worker per channel instance (at most 4) when there is more than one core; the OS
 * spreads the busy threads over the cores better than a fixed grouping, since channels differ in cost.
 */
function autoWorkers(): number {
  return availableParallelism() > 1 ? 4 : 0;
}

/** Why a new feed looks truncated against the manifest, if it does: under half the old record count. */
function truncation(records: Record<string, number>, manifest: Manifest): string | undefined {
  for (const [key, count] of Object.entries(records)) {
    const previous = manifest[key]?.records;
    if (previous !== undefined && previous > 0 && count < previous / 2) {
      return `${key} would shrink from ${previous} to ${count} records`;
    }
  }
  return undefined;
}
