/**
 * Messages between the build's threads. With workers, the main thread only coordinates: the first
 * channel worker also reads the catalog, runs its own instances on the products and sends product
 * batches straight to the other channel workers over their own message ports (with back-pressure);
 * the main thread asks every worker to finish, commit or abort. Everything is structured-cloneable.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CatalogOptions } from '../catalog/read-catalog.js';
import type { LoadedConfig } from '../config/types.js';
import { AbortError, type ExitCode } from '../errors.js';
import type { ManifestEntry } from '../output/manifest.js';
import type { CatalogTotals } from './feed-catalog.js';
import type { BatchPayload } from './batch.js';
import type { Decision, Finished } from './run-handle.js';

/**
 * Unacknowledged product batches per channel worker (back-pressure): 512 products of slack, so a
 * collection or a slow write on one thread does not stall the other at once (at 128 each thread idled
 * 2-3 points more). What is in flight is a few hundred KB of queued product messages.
 */
export const MAX_IN_FLIGHT = 16;

export interface WorkerInit {
  loaded: LoadedConfig;
  instances: string[];
  outDir: string;
  dryRun: boolean;
  offerOnly: boolean;
  /** ISO time: the run's clock, shared by every thread. */
  now: string;
  maxIssues: number | undefined;
  /** Where this worker's products come from: batches from the reading worker, or the catalog itself. */
  source: { products: MessagePort } | { read: ReaderInit };
}

export interface ReaderInit {
  catalog: CatalogOptions;
  progressEvery: number;
  /** One port per other channel worker (transferred). */
  ports: MessagePort[];
}

export type WorkerRequest =
  | { type: 'finish' }
  | { type: 'settle'; decisions: Record<string, Decision> }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'finished'; finished: Finished }
  | { type: 'settled'; settled: Record<string, { files: string[]; manifest: Record<string, ManifestEntry> }> }
  | { type: 'closed' }
  | { type: 'error'; error: WorkerError };

/** What the reading worker says on its own, not in answer to a request. */
export type ReaderEvent =
  | { type: 'progress'; productsRead: number }
  | { type: 'read'; totals: CatalogTotals };

/**
 * On a channel worker's products port: batches from the reading worker (see Batch.payload), then
 * `end`; an ack goes back for each batch handled.
 */
export type ProductMessage = { type: 'batch'; data: BatchPayload } | { type: 'end' };

export interface WorkerError {
  message: string;
  stack?: string | undefined;
  abort?: { hint?: string | undefined; exitCode: ExitCode; code: string } | undefined;
}

/** An error as it crosses threads: an AbortError keeps its hint, exit code and code. */
export function encodeError(err: unknown): WorkerError {
  const e = err instanceof Error ? err : new Error(String(err));
  return {
    message: e.message,
    stack: e.stack,
    abort: err instanceof AbortError ? { hint: err.hint, exitCode: err.exitCode, code: err.code } : undefined,
  };
}

export function decodeError({ message, abort, stack }: WorkerError): Error {
  return abort ? new AbortError(message, abort.hint, abort.exitCode, abort.code) : Object.assign(new Error(message), { stack });
}
