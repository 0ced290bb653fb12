/**
 * Worker thread entry: runs some channel instances of a build. The main thread reads the catalog
 * and sends product batches; this thread transforms, validates and writes them, then finishes,
 * commits or aborts as told. Messages are handled strictly in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AbortError } from '../errors.js';
import { resolveInstances } from './instances.js';
import { Batch, createLocalHandle } from './run-handle.js';
import type { WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;

function start() {
  const instances = resolveInstances(init.loaded, { only: init.instances, now: new Date(init.now), offerOnly: init.offerOnly });
  return createLocalHandle(instances, { outDir: init.outDir, dryRun: init.dryRun, maxIssues: init.maxIssues });
}

let handle: ReturnType<typeof start> | undefined;
let queue: Promise<void> = Promise.resolve();

function reply(message: WorkerReply): void {
  port.postMessage(message);
}

async function handleMessage(message: WorkerRequest): Promise<void> {
  try {
    handle ??= start();
    switch (message.type) {
      case 'batch':
        await handle.push(new Batch(Batch.decode(message.data)));
        reply({ type: 'ack' });
        break;
      case 'finish':
        reply({ type: 'finished', finished: await handle.finish() });
        break;
      case 'settle':
        reply({ type: 'settled', settled: await handle.settle(message.decisions) });
        break;
      case 'close':
        await handle.close();
        reply({ type: 'closed' });
        port.close();
        break;
    }
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply({
      type: 'error',
      error: {
        message: e.message,
        stack: e.stack,
        abort: err instanceof AbortError ? { hint: err.hint, exitCode: err.exitCode, code: err.code } : undefined,
      },
    });
  }
}

port.on('message', (message: WorkerRequest) => {
  queue = queue.then(() => handleMessage(message));
});
