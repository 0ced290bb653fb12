/**
 * buildFeeds: the whole run. Streams the catalog once and hands products, in batches, to the channel
 * runs (on this thread or in worker threads: see channel-run.ts and run-handle.ts). At the end each
 * instance's files are committed, or kept as they were when the instance failed its threshold or the
 * truncation guard.
 */
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { CatalogOptions } from '../catalog/read-catalog.js';
import { EXIT, InputError, type ExitCode } from '../errors.js';
import { acquireLock, removeStaleTemps, type Lock } from '../output/lock.js';
import { outputError, withOutcome } from '../output/output-error.js';
import { readManifest, writeManifest, type Manifest } from '../output/manifest.js';
import { resolveInstances, type Instance } from './instances.js';
import { feedCatalog, type CatalogTotals, type FeedOptions } from './feed-catalog.js';
import { IssueLog } from './issue-log.js';
import { createLocalHandle, type Decision, type FinishedRun, type RunHandle } from './run-handle.js';
import { parseThreshold } from './threshold.js';
import type { BuildOptions, BuildResult, ChannelSummary } from './types.js';
import { DEFAULT_COST, planThreads } from './thread-plan.js';
import { createWorkerHandle, type WorkerHandle } from './worker-handle.js';

export type { BuildOptions, BuildResult, ChannelStatus, ChannelSummary } from './types.js';

const PROGRESS_EVERY = 10_000;
/** Heap limit of each worker thread (MB), unless --heap-mb says otherwise. */
export const DEFAULT_HEAP_MB = 64;

export async function buildFeeds(options: BuildOptions): Promise<BuildResult> {
  const { loaded } = options;
  const catalogConfig = loaded.config.catalog ?? {};
  const catalogPath = options.catalogPath ?? (catalogConfig.path ? resolve(loaded.dir, catalogConfig.path) : undefined);
  if (!catalogPath) throw new InputError('no catalog to read', 'Set catalog.path in the config or pass --catalog FILE.');
  const instances = resolveInstances(loaded, { only: options.channels, now: options.now, offerOnly: options.offerOnly });
  const log = new IssueLog(options.maxIssues);
  const strict = options.strict ?? loaded.config.validation?.strict ?? false;
  const overThreshold = parseThreshold(options.maxInvalid ?? loaded.config.validation?.maxInvalid);

  const lock = options.dryRun ? undefined : await prepareOutDir(options.outDir);
  const catalog = catalogOptions(options, catalogPath);
  const threads = threadCount(options, instances.length);
  const handles: RunHandle[] = [];
  /** What an output failure at this point of the run leaves behind, said after its message. */
  let leaves = (): string => `no feed in ${options.outDir} was replaced`;
  try {
    let totals: CatalogTotals;
    const feed: FeedOptions = { maxIssues: options.maxIssues, progressEvery: PROGRESS_EVERY, onProgress: options.onProgress };
    if (threads === 0) {
      const local = createLocalHandle(instances, options);
      handles.push(local);
      totals = await feedCatalog(catalog, (batch) => local.push(batch), feed);
    } else {
      totals = await runThreaded(instances, threads, catalog, feed, options, handles);
    }
    const { productsRead, rowsRejected, productsSkipped } = totals;
    log.merge(totals.log);

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
    const committed: string[] = [];
    leaves = () => `it came while the feeds were being replaced: ${committed.length > 0 ? `${committed.join(', ')} had their new feeds in place` : 'no channel had all its new feeds in place yet'}; run again to replace the rest`;
    for (const handle of handles) {
      const settled = await handle.settle(decisions.get(handle)!);
      for (const [name, { files, manifest: entries }] of Object.entries(settled)) {
        summaries.find((s) => s.channel === name)!.files = files;
        Object.assign(manifest, entries);
        if (files.length > 0) committed.push(name);
      }
    }
    leaves = () => `the new feeds are in place, but the record counts the truncation guard compares against are the previous run's`;
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
  } catch (err) {
    throw withOutcome(err, leaves());
  } finally {
    for (const handle of handles) await handle.close();
    await lock?.release();
  }
}

/** Create the output folder, take its lock and clear temp files of dead runs; a failure says what to do. */
async function prepareOutDir(dir: string): Promise<Lock> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw withOutcome(outputError(err, dir, 'create the output folder'), 'nothing was written');
  }
  let lock: Lock | undefined;
  try {
    lock = await acquireLock(dir);
    await removeStaleTemps(dir);
    return lock;
  } catch (err) {
    await lock?.release().catch(() => {});
    throw withOutcome(outputError(err, dir, 'write to the output folder'), 'nothing was written');
  }
}

/** The catalog options of a build: config, overridden by the command line. */
function catalogOptions(options: BuildOptions, path: string): CatalogOptions {
  const { loaded } = options;
  const c = loaded.config.catalog ?? {};
  return {
    path,
    format: c.format,
    delimiter: c.delimiter,
    encoding: c.encoding,
    preset: options.preset ?? c.preset,
    columns: c.columns,
    currency: c.currency,
    decimalComma: c.decimalComma,
    includeUnpublished: c.includeUnpublished,
    storeUrl: c.storeUrl,
    joins: (c.join ?? []).map((j) => ({ ...j, resolvedPath: resolve(loaded.dir, j.path) })),
  };
}

/**
 * The heap the catalog reader needs on top of the limit for the join tables it holds (whole files, as
 * maps by id): their strings, objects and map entries take about 10 times their size on disk, and
 * twice that while a map grows.
 */
function joinHeapMb(catalog: CatalogOptions): number {
  let bytes = 0;
  for (const join of catalog.joins ?? []) {
    try {
      bytes += statSync(join.resolvedPath).size;
    } catch {
      // Unreadable: the reader reports it.
    }
  }
  return Math.ceil((bytes * 24) / 2 ** 20);
}

function threadCount(options: BuildOptions, instances: number): number {
  return options.workers === 'auto' ? autoWorkers(instances) : options.workers ?? 0;
}

/**
 * Channel instances spread over up to `threads` channel workers (see thread-plan.ts); the first also
 * reads the catalog and feeds the others. This thread waits for the catalog to be read or for a
 * worker to fail. The handles are pushed to `handles` as they start, so the caller closes them
 * whatever happens.
 */
async function runThreaded(
  instances: Instance[], threads: number, catalog: CatalogOptions, feed: FeedOptions, options: BuildOptions, handles: RunHandle[],
): Promise<CatalogTotals> {
  const heapMb = options.heapMb ?? DEFAULT_HEAP_MB;
  const costs = instances.map((i) => i.channel.cost?.(i.formats) ?? DEFAULT_COST);
  const [readerGroup, ...groups] = planThreads(costs, threads).map((group) => group.map((i) => instances[i]!.name));
  const base = {
    loaded: options.loaded,
    outDir: options.outDir,
    dryRun: options.dryRun ?? false,
    offerOnly: options.offerOnly ?? false,
    now: options.now.toISOString(),
    maxIssues: options.maxIssues,
  };
  const ports: MessagePort[] = [];
  const workers: WorkerHandle[] = [];
  for (const names of groups) {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1);
    workers.push(createWorkerHandle({ ...base, instances: names, source: { products: port2 } }, heapMb));
    handles.push(workers.at(-1)!);
  }
  const reader = createWorkerHandle(
    { ...base, instances: readerGroup!, source: { read: { catalog, progressEvery: feed.progressEvery, ports } } },
    heapMb + joinHeapMb(catalog),
    feed.onProgress,
  );
  // First, so its totals' issues (catalog rows) come before the channels' in the merged log.
  handles.unshift(reader);
  return await Promise.race([reader.read, reader.failed, ...workers.map((w) => w.failed)]);
}

/**
 * Default: as many threads as cores, but no more than the channel instances plus the reader can
 * use; one core runs everything on the main thread.
 */
function autoWorkers(instances: number): number {
  const cores = availableParallelism();
  return cores > 1 ? Math.min(cores, instances + 1) : 0;
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
