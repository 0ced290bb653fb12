/** Pieces every command shares: loading config with CLI overrides, printing errors, exit codes. */
import { resolve } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { LoadedConfig } from '../config/types.js';
import { AbortError, EXIT, exitCodeFor, type ExitCode } from '../errors.js';
import type { CliIo } from './io.js';
import { redact, secretsFromEnv } from './redact.js';

export async function loadConfigFor(io: CliIo, configPath: string | undefined): Promise<LoadedConfig> {
  return loadConfig({ path: configPath, cwd: io.cwd, env: io.env });
}

export function resolveFromCwd(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

/** Print an error the user can act on (message, hint; a stack only for bugs or --debug) and return its exit code. */
export function reportError(io: CliIo, err: unknown, secrets: string[] = [], debug = false): ExitCode {
  const all = [...secrets, ...secretsFromEnv(io.env)];
  const code = exitCodeFor(err);
  if (err instanceof AbortError) {
    io.stderr(redact(`omnifeed: ${err.message}\n`, all));
    if (err.hint) io.stderr(redact(`  → ${err.hint}\n`, all));
    if (debug && err.stack) io.stderr(redact(`${err.stack}\n`, all));
  } else {
    const e = err instanceof Error ? err : new Error(String(err));
    io.stderr(redact(`omnifeed: unexpected error: ${e.message}\n${e.stack ?? ''}\n  → This is a bug in omnifeed; please report it with the command you ran.\n`, all));
  }
  return code === EXIT.ok ? EXIT.bug : code;
}

export function splitList(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
