import { readDelimited } from './csv-reader.js';
import { readJsonLines } from './jsonl-reader.js';
import { formatFromPath, type ReadOptions, type SourceItem } from './source.js';

/** Rows of a CSV, TSV or JSON Lines file, streamed. */
export function readSource(path: string, options: ReadOptions = {}): AsyncGenerator<SourceItem> {
  const format = options.format ?? formatFromPath(path);
  return format === 'jsonl' ? readJsonLines(path, options) : readDelimited(path, { ...options, format });
}
