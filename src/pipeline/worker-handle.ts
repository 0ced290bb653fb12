/**
 * The main thread's side of a channel worker: turns replies into the RunHandle calls' results, passes
 * on the reading worker's progress and totals, and reports the worker's failure.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import { AbortError, EXIT } from '../errors.js';
import type { CatalogTotals } from './feed-catalog.js';
import type { RunHandle } from './run-handle.js';
import { decodeError, type ReaderEvent, type WorkerInit, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

/** A compiled worker script (tests run the TypeScript sources; workers always run from dist/). */
function workerScript(name: string): URL {
  const beside = new URL(`./${name}`, import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL(`../../dist/pipeline/${name}`, import.meta.url);
}

/**
 * Start a worker under heap limits. V8 grows a heap lazily up to its limit, so without one each
 * thread's heap drifts up over a long run; what a build's threads keep alive is a few batches, the
 * channels' compiled schemas and their duplicate-id tables (off the heap).
 */
function startWorker(name: string, options: { workerData: unknown; transferList?: MessagePort[] | undefined; heapMb: number }): Worker {
  return new Worker(workerScript(name), {
    workerData: options.workerData,
    transferList: options.transferList,
    resourceLimits: heapLimits(options.heapMb),
  });
}

/** The young generation: per-product garbage dies there; more only delays collections. */
const YOUNG_MB = 16;

function heapLimits(heapMb: number): ResourceLimits {
  return { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_MB };
}

/** The error for a worker that stopped: running out of its heap gets advice. */
function workerStopped(what: string, err: Error & { code?: string }, heapMb: number): Error {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new AbortError(
      `${what} ran out of memory (heap limit ${heapMb} MB per thread); nothing was written`,
      `Run again with a higher limit, e.g. --heap-mb ${heapMb * 2}, or with --workers 0 (one thread, no limit).`,
      EXIT.usage,
      'OUT_OF_MEMORY',
    );
  }
  return err;
}

export interface WorkerHandle extends RunHandle {
  /** Rejects when the worker fails (to stop the build); never resolves. */
  readonly failed: Promise<never>;
  /** The reading worker's catalog totals, once it has read the whole catalog. */
  readonly read: Promise<CatalogTotals>;
}

export function createWorkerHandle(init: WorkerInit, heapMb: number, onProgress?: (productsRead: number) => void): WorkerHandle {
  const reading = 'read' in init.source;
  const what = init.instances.length === 0 ? 'the catalog reader'
    : `the channel worker for ${init.instances.join(', ')}${reading ? ' (and the catalog reader)' : ''}`;
  const worker = startWorker('channel-worker.js', {
    workerData: init,
    transferList: 'read' in init.source ? init.source.read.ports : [init.source.products],
    heapMb,
  });
  const waiting: Array<{ resolve: (reply: WorkerReply) => void; reject: (err: Error) => void }> = [];
  let failure: Error | undefined;
  let exited = false;
  let rejectFailed: (err: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => { rejectFailed = reject; });
  failed.catch(() => {});
  let resolveRead: (totals: CatalogTotals) => void = () => {};
  const read = new Promise<CatalogTotals>((resolve) => { resolveRead = resolve; });

  const fail = (err: Error) => {
    failure ??= err;
    rejectFailed(failure);
    for (const w of waiting.splice(0)) w.reject(err);
  };
  worker.on('message', (reply: WorkerReply | ReaderEvent) => {
    if (reply.type === 'error') fail(decodeError(reply.error));
    else if (reply.type === 'progress') onProgress?.(reply.productsRead);
    else if (reply.type === 'read') resolveRead(reply.totals);
    else waiting.shift()?.resolve(reply);
  });
  worker.on('error', (err) => fail(workerStopped(what, err, heapMb)));
  worker.on('exit', (code) => {
    exited = true;
    if (code !== 0) fail(new Error(`${what} stopped with exit code ${code}`));
  });

  const request = <T extends WorkerReply['type']>(message: WorkerRequest, type: T): Promise<Extract<WorkerReply, { type: T }>> =>
    new Promise((resolve, reject) => {
      if (failure) { reject(failure); return; }
      waiting.push({
        resolve: (reply) => (reply.type === type ? resolve(reply as Extract<WorkerReply, { type: T }>) : reject(new Error(`worker answered ${reply.type} to ${message.type}`))),
        reject,
      });
      worker.postMessage(message);
    });

  return {
    instances: init.instances,
    failed,
    read,
    async finish() {
      return (await request({ type: 'finish' }, 'finished')).finished;
    },
    async settle(decisions) {
      return (await request({ type: 'settle', decisions }, 'settled')).settled;
    },
    async close() {
      if (exited) return;
      // Ask the worker to abort whatever it has not committed (even after a failure), then end it.
      const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' } satisfies WorkerRequest);
      const timer = setTimeout(() => void worker.terminate(), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
