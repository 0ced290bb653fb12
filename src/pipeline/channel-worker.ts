/**
 * Worker thread entry: runs some channel instances of a build. Product batches arrive on the
 * products port from the catalog worker and are acknowledged once handled; the main thread then says
 * finish, commit or abort. Each stream of messages is handled strictly in order, and `finish` waits
 * for the last batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveInstances } from './instances.js';
import { Batch } from './batch.js';
import { createLocalHandle } from './run-handle.js';
import { encodeError, type ProductMessage, type WorkerInit, type WorkerReply, type WorkerRequest } from './worker-protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;

function start() {
  const instances = resolveInstances(init.loaded, { only: init.instances, now: new Date(init.now), offerOnly: init.offerOnly });
  return createLocalHandle(instances, { outDir: init.outDir, dryRun: init.dryRun, maxIssues: init.maxIssues });
}

let handle: ReturnType<typeof start> | undefined;
let failed = false;
/** The batches' chain, and the main thread's requests' chain. */
let batches: Promise<void> = Promise.resolve();
let requests: Promise<void> = Promise.resolve();
let productsEnded: () => void = () => {};
const ended = new Promise<void>((resolve) => { productsEnded = resolve; });

function reply(message: WorkerReply): void {
  port.postMessage(message);
}

function report(err: unknown): void {
  failed = true;
  reply({ type: 'error', error: encodeError(err) });
}

async function handleBatch(data: Uint8Array): Promise<void> {
  if (failed) return;
  try {
    handle ??= start();
    await handle.push(new Batch(Batch.decode(data)));
    init.products.postMessage({ type: 'ack' });
  } catch (err) {
    report(err);
  }
}

async function handleRequest(message: WorkerRequest): Promise<void> {
  try {
    handle ??= start();
    switch (message.type) {
      case 'finish':
        await ended;
        await batches;
        if (failed) return;
        reply({ type: 'finished', finished: await handle.finish() });
        break;
      case 'settle':
        reply({ type: 'settled', settled: await handle.settle(message.decisions) });
        break;
      case 'close':
        failed = true; // no more batches
        await batches;
        await handle.close();
        reply({ type: 'closed' });
        init.products.close();
        port.close();
        break;
    }
  } catch (err) {
    report(err);
  }
}

port.on('message', (message: WorkerRequest) => {
  requests = requests.then(() => handleRequest(message));
});

init.products.on('message', (message: ProductMessage) => {
  if (message.type === 'end') batches = batches.then(productsEnded);
  else batches = batches.then(() => handleBatch(message.data));
});
