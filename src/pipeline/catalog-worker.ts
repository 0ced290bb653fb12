/**
 * Worker thread entry: reads the catalog and sends product batches straight to the channel workers
 * (one port each), at most MAX_IN_FLIGHT unacknowledged batches per port. Reading in a worker lets
 * every busy thread of a build run under a heap limit (see worker-handle.ts); the main thread only
 * coordinates. Reports progress, then its totals, to the main thread.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { feedCatalog } from './feed-catalog.js';
import type { Batch } from './batch.js';
import { encodeError, MAX_IN_FLIGHT, type CatalogReply, type CatalogWorkerInit, type ProductMessage } from './worker-protocol.js';

const init = workerData as CatalogWorkerInit;
const parent = parentPort!;
const reply = (message: CatalogReply) => parent.postMessage(message);

/** A channel worker's port with a count of batches it has not acknowledged yet. */
class Outlet {
  private inFlight = 0;
  private wake: (() => void) | undefined;

  constructor(private readonly port: MessagePort) {
    port.on('message', () => {
      this.inFlight--;
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    });
  }

  async send(data: Uint8Array): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => { this.wake = resolve; });
    this.inFlight++;
    this.port.postMessage({ type: 'batch', data } satisfies ProductMessage);
  }

  end(): void {
    this.port.postMessage({ type: 'end' } satisfies ProductMessage);
    // Not close(): that could drop what is still queued. Late acks no longer keep this thread alive.
    this.port.unref();
  }
}

async function run(): Promise<void> {
  const outlets = init.ports.map((port) => new Outlet(port));
  const push = async (batch: Batch) => {
    const data = batch.encoded();
    await Promise.all(outlets.map((outlet) => outlet.send(data)));
  };
  // Every batch is serialised (copied) at once, so the values need not be copied out of their chunks first.
  const totals = await feedCatalog({ ...init.catalog, copyValues: false }, push, {
    maxIssues: init.maxIssues,
    progressEvery: init.progressEvery,
    onProgress: (productsRead) => reply({ type: 'progress', productsRead }),
  });
  for (const outlet of outlets) outlet.end();
  reply({ type: 'done', totals });
}

run().catch((err: unknown) => reply({ type: 'error', error: encodeError(err) }));
