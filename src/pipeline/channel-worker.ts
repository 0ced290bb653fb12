/**
 * Worker thread entry: runs some channel instances of a build. One worker reads the catalog: it sends
 * each product batch to the other workers (over their products ports, at most MAX_IN_FLIGHT
 * unacknowledged batches each) and runs its own instances on it. The others take batches from their
 * products port and acknowledge each once handled. The main thread then says finish, commit or
 * abort. Each stream of messages is handled strictly in order, and `finish` waits for the last batch.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { resolveInstances } from './instances.js';
import { Batch, type BatchPayload } from './batch.js';
import { feedCatalog } from './feed-catalog.js';
import { createLocalHandle } from './run-handle.js';
import {
  encodeError, MAX_IN_FLIGHT,
  type ProductMessage, type ReaderEvent, type ReaderInit, type WorkerInit, type WorkerReply, type WorkerRequest,
} from './worker-protocol.js';

const init = workerData as WorkerInit;
const port = parentPort!;

function start() {
  const instances = init.instances.length === 0 ? [] : resolveInstances(init.loaded, { only: init.instances, now: new Date(init.now), offerOnly: init.offerOnly });
  return createLocalHandle(instances, { outDir: init.outDir, dryRun: init.dryRun, maxIssues: init.maxIssues });
}

let handle: ReturnType<typeof start> | undefined;
let failed = false;
/** Settles when this worker has all its products: the last batch handled, or the catalog read. */
let products: Promise<void>;
/** Stops taking products (the build failed elsewhere): the reader between batches, a receiver at once. */
let stopReading: () => void = () => {};
let requests: Promise<void> = Promise.resolve();

function reply(message: WorkerReply | ReaderEvent): void {
  port.postMessage(message);
}

function report(err: unknown): void {
  failed = true;
  reply({ type: 'error', error: encodeError(err) });
}

class Stopped extends Error {}

/** Another channel worker's products port, with the count of batches it has not acknowledged yet. */
class Outlet {
  private inFlight = 0;
  private wake: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly port: MessagePort) {
    port.on('message', () => {
      this.inFlight--;
      this.resume();
    });
  }

  async send(data: BatchPayload): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT && !this.stopped) await new Promise<void>((resolve) => { this.wake = resolve; });
    if (this.stopped) throw new Stopped();
    this.inFlight++;
    this.port.postMessage({ type: 'batch', data } satisfies ProductMessage);
  }

  end(): void {
    this.port.postMessage({ type: 'end' } satisfies ProductMessage);
    // Not close(): that could drop what is still queued. Late acks no longer keep this thread alive.
    this.port.unref();
  }

  stop(): void {
    this.stopped = true;
    this.resume();
    this.port.close();
  }

  private resume(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

async function read(reader: ReaderInit): Promise<void> {
  const outlets = reader.ports.map((p) => new Outlet(p));
  let stopped = false;
  stopReading = () => {
    stopped = true;
    for (const outlet of outlets) outlet.stop();
  };
  const runsHere = init.instances.length > 0;
  try {
    const local = handle ??= start();
    const totals = await feedCatalog({
      ...reader.catalog,
      // Batches for other threads are copied when sent; only runs on this thread may keep values.
      copyValues: runsHere,
    }, async (batch) => {
      if (stopped || failed) throw new Stopped();
      if (outlets.length > 0) {
        const data = batch.payload(outlets.length);
        for (const outlet of outlets) await outlet.send(data);
      }
      if (runsHere) await local.push(batch);
    }, {
      maxIssues: init.maxIssues,
      progressEvery: reader.progressEvery,
      onProgress: (productsRead) => reply({ type: 'progress', productsRead }),
    });
    for (const outlet of outlets) outlet.end();
    reply({ type: 'read', totals });
  } catch (err) {
    if (!(err instanceof Stopped)) report(err);
  }
}

function receive(source: MessagePort): Promise<void> {
  let batches: Promise<void> = Promise.resolve();
  let ended: () => void = () => {};
  const all = new Promise<void>((resolve) => { ended = resolve; });
  source.on('message', (message: ProductMessage) => {
    if (message.type === 'end') batches = batches.then(ended);
    else batches = batches.then(() => handleBatch(source, message.data));
  });
  stopReading = () => { ended(); };
  return all.then(() => batches);
}

async function handleBatch(source: MessagePort, data: BatchPayload): Promise<void> {
  if (failed) return;
  try {
    handle ??= start();
    await handle.push(new Batch(Batch.decode(data)));
    source.postMessage({ type: 'ack' });
  } catch (err) {
    report(err);
  }
}

async function handleRequest(message: WorkerRequest): Promise<void> {
  try {
    handle ??= start();
    switch (message.type) {
      case 'finish':
        await products;
        if (failed) return;
        reply({ type: 'finished', finished: await handle.finish() });
        break;
      case 'settle':
        reply({ type: 'settled', settled: await handle.settle(message.decisions) });
        break;
      case 'close':
        failed = true; // no more batches
        stopReading();
        await products;
        await handle.close();
        reply({ type: 'closed' });
        if ('products' in init.source) init.source.products.close();
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

products = 'read' in init.source ? read(init.source.read) : receive(init.source.products);
