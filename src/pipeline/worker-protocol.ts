/** Messages between the build (main thread) and a channel worker. Everything is structured-cloneable. */
import type { LoadedConfig } from '../config/types.js';
import type { ExitCode } from '../errors.js';
import type { ManifestEntry } from '../output/manifest.js';
import type { Decision, Finished } from './run-handle.js';

export interface WorkerInit {
  loaded: LoadedConfig;
  instances: string[];
  outDir: string;
  dryRun: boolean;
  offerOnly: boolean;
  /** ISO time: the run's clock, shared by every thread. */
  now: string;
  maxIssues: number | undefined;
}

export type WorkerRequest =
  /** Products encoded by Batch.encoded(). */
  | { type: 'batch'; data: Uint8Array }
  | { type: 'finish' }
  | { type: 'settle'; decisions: Record<string, Decision> }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'ack' }
  | { type: 'finished'; finished: Finished }
  | { type: 'settled'; settled: Record<string, { files: string[]; manifest: Record<string, ManifestEntry> }> }
  | { type: 'closed' }
  | { type: 'error'; error: { message: string; stack?: string | undefined; abort?: { hint?: string | undefined; exitCode: ExitCode; code: string } | undefined } };
