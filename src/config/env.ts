/**
 * `${VAR}` substitution in config strings. Substituted values are collected so every message the tool
 * prints can redact them (secrets come from the environment, never from argv or logs).
 */
import { ConfigError } from '../errors.js';

export interface Substituted {
  value: unknown;
  secrets: string[];
}

export function substituteEnv(value: unknown, env: Record<string, string | undefined>, path = ''): Substituted {
  const secrets: string[] = [];
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
        const found = env[name];
        if (found === undefined || found === '') {
          throw new ConfigError(`${at || '(root)'}: environment variable ${name} is not set`, `Set ${name} in the environment (or remove \${${name}} from the config).`);
        }
        secrets.push(found);
        return found;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${at}[${i}]`));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[key] = walk(child, at ? `${at}.${key}` : key);
      return out;
    }
    return node;
  };
  return { value: walk(value, path), secrets };
}

/** Replace every known secret in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}
