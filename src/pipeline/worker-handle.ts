/**
 * The main thread's side of a channel worker: sends product batches with back-pressure (a bounded
 * number of unacknowledged batches), and turns replies into the RunHandle calls' results.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AbortError } from '../errors.js';
import type { Batch, RunHandle } from './run-handle.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

const MAX_IN_FLIGHT = 4;

/** The compiled worker script (tests run the TypeScript sources; the worker always runs from dist/). */
function workerScript(): URL {
  const beside = new URL('./channel-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return new URL('../../dist/pipeline/channel-worker.js', import.meta.url);
}

export function createWorkerHandle(init: WorkerInit): RunHandle {
  const worker = new Worker(workerScript(), { workerData: init });
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const waiting: Array<{ resolve: (reply: WorkerReply) => void; reject: (err: Error) => void }> = [];
  let failure: Error | undefined;
  let exited = false;

  const fail = (err: Error) => {
    failure ??= err;
    for (const w of waiting.splice(0)) w.reject(err);
    drained?.();
  };
  worker.on('message', (reply: WorkerReply) => {
    if (reply.type === 'error') {
      const { message, abort, stack } = reply.error;
      const err = abort ? new AbortError(message, abort.hint, abort.exitCode, abort.code) : Object.assign(new Error(message), { stack });
      fail(err);
      return;
    }
    if (reply.type === 'ack') {
      inFlight--;
      const wake = drained;
      drained = undefined;
      wake?.();
      return;
    }
    waiting.shift()?.resolve(reply);
  });
  worker.on('error', (err) => fail(err));
  worker.on('exit', (code) => {
    exited = true;
    if (code !== 0) fail(new Error(`channel worker for ${init.instances.join(', ')} stopped with exit code ${code}`));
  });

  const send = (message: WorkerRequest) => {
    if (failure) throw failure;
    worker.postMessage(message);
  };
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
    async push(batch: Batch) {
      send({ type: 'batch', data: batch.encoded() });
      inFlight++;
      while (inFlight >= MAX_IN_FLIGHT && !failure) await new Promise<void>((resolve) => { drained = resolve; });
      if (failure) throw failure;
    },
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
