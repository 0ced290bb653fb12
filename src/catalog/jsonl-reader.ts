/** Streaming JSON Lines reader: one object per line; nested arrays become `|`-separated values. */
import { createInterface } from 'node:readline';
import { error } from '../validate/issue.js';
import { openInput } from './open.js';
import { invalidUtf8Warning, type ReadOptions, type SourceItem } from './source.js';

export async function* readJsonLines(path: string, options: ReadOptions): AsyncGenerator<SourceItem> {
  const input = await openInput(path);
  input.setEncoding(options.encoding ?? 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  let checkUtf8 = (options.encoding ?? 'utf8') === 'utf8';
  for await (const raw of lines) {
    line++;
    if (checkUtf8 && raw.includes('\uFFFD')) {
      checkUtf8 = false;
      yield { kind: 'issue', issue: invalidUtf8Warning(line) };
    }
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      yield { kind: 'issue', issue: error('catalog-malformed-row', `line ${line}: not valid JSON (${(err as Error).message}); row skipped`, { line }) };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { kind: 'issue', issue: error('catalog-malformed-row', `line ${line}: expected a JSON object; row skipped`, { line }) };
      continue;
    }
    yield { kind: 'row', line, record: flatten(value as Record<string, unknown>) };
  }
}

function flatten(object: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    const text = cell(value);
    if (text !== '') out[key] = text;
  }
  return out;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cell).filter((v) => v !== '').join('|');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
