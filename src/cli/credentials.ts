/**
 * Credentials come from the environment or from a credentials file, never from the command line.
 * The file is JSON with environment-variable names as keys (`{ "LWA_CLIENT_ID": "...", ... }`), read
 * from $OMNIFEED_CREDENTIALS, else ~/.config/omnifeed/credentials.json ($XDG_CONFIG_HOME respected).
 * The environment wins over the file. A file others can read is refused, as ssh refuses such keys.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { CliIo } from './io.js';

export function credentialsPath(env: Record<string, string | undefined>): string | undefined {
  if (env['OMNIFEED_CREDENTIALS']) return env['OMNIFEED_CREDENTIALS'];
  const base = env['XDG_CONFIG_HOME'] || (env['HOME'] ? join(env['HOME'], '.config') : undefined);
  return base ? join(base, 'omnifeed', 'credentials.json') : undefined;
}

/** The environment with the credentials file's values filled in where the environment has none. */
export async function withCredentialsFile(io: CliIo): Promise<CliIo> {
  const path = credentialsPath(io.env);
  if (!path) return io;
  let info;
  try {
    info = await stat(path);
  } catch {
    if (io.env['OMNIFEED_CREDENTIALS']) throw new ConfigError(`credentials file ${path} (from OMNIFEED_CREDENTIALS) cannot be read`, 'Fix the path or unset OMNIFEED_CREDENTIALS.');
    return io;
  }
  if ((info.mode & 0o077) !== 0) {
    throw new ConfigError(`credentials file ${path} can be read by other users`, `Run: chmod 600 ${path}`);
  }
  let values: unknown;
  try {
    values = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`credentials file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new ConfigError(`credentials file ${path}: expected an object of NAME: "value" pairs`);
  }
  const env = { ...io.env };
  for (const [name, value] of Object.entries(values as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new ConfigError(`credentials file ${path}: ${name}: must be a string`);
    if (!env[name]) env[name] = value;
  }
  return { ...io, env };
}
