/**
 * Find, read and validate omnifeed.config.json: the base schema (channel-schemas/config.schema.json),
 * then each channels.<name> block against its channel type's config schema. Every error names the key.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { findChannel, channels } from '../channels/registry.js';
import { ConfigError } from '../errors.js';
import { compileSchemaFile, describeError, errorPath } from '../validate/ajv.js';
import { substituteEnv } from './env.js';
import type { LoadedConfig, OmnifeedConfig } from './types.js';

export const CONFIG_FILE = 'omnifeed.config.json';

export async function loadConfig(options: { path?: string | undefined; cwd: string; env: Record<string, string | undefined> }): Promise<LoadedConfig> {
  const path = resolve(options.cwd, options.path ?? CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(
      missing ? `no config file at ${path}` : `cannot read ${path}: ${(err as Error).message}`,
      options.path ? 'Check the --config path.' : `Create ${CONFIG_FILE} here or pass --config FILE (see fixtures/demo/omnifeed.config.json).`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  const { value, secrets } = substituteEnv(raw, options.env);
  const config = validateConfig(value);
  return { config, path, dir: dirname(path), secrets };
}

/** Validate a parsed config object; throws ConfigError listing every problem with its key path. */
export function validateConfig(value: unknown): OmnifeedConfig {
  const problems: string[] = [];
  const base = compileSchemaFile('config.schema.json');
  if (!base(value)) {
    for (const err of base.errors ?? []) {
      if (err.keyword === 'oneOf' || err.keyword === 'if') continue;
      problems.push(`${errorPath(err) || '(root)'}: ${describeError(err)}`);
    }
    throw configProblems(problems);
  }
  const config = value as OmnifeedConfig;
  for (const [name, block] of Object.entries(config.channels)) {
    const type = block.type ?? name;
    const channel = findChannel(type);
    if (!channel) {
      problems.push(`channels.${name}${block.type ? '.type' : ''}: unknown channel type "${type}" (known: ${Object.keys(channels).join(', ')})`);
      continue;
    }
    if (!channel.configSchema) continue;
    const check = compileSchemaFile(channel.configSchema);
    if (!check(block)) {
      for (const err of check.errors ?? []) {
        if (err.keyword === 'oneOf' || err.keyword === 'if' || err.keyword === 'anyOf') continue;
        const at = errorPath(err);
        problems.push(`channels.${name}${at ? `.${at}` : ''}: ${describeError(err)}`);
      }
    }
  }
  if (problems.length > 0) throw configProblems(problems);
  return config;
}

function configProblems(problems: string[]): ConfigError {
  const unique = [...new Set(problems)];
  return new ConfigError(unique.length === 1 ? `config: ${unique[0]}` : `config has ${unique.length} problems:\n  ${unique.join('\n  ')}`);
}
