/** What a catalog reader yields: a parsed row with its source line, or a problem with one. */
import { warning, type Issue } from '../validate/issue.js';

export type SourceItem =
  | { kind: 'row'; line: number; record: Record<string, string> }
  | { kind: 'issue'; issue: Issue }
  /** A CSV/TSV file's column names (trimmed), before its first row; JSON Lines has none. */
  | { kind: 'header'; line: number; names: string[] };

export type CatalogFormat = 'csv' | 'tsv' | 'jsonl';

export interface ReadOptions {
  format?: CatalogFormat | undefined;
  /** CSV delimiter; sniffed among `,` `;` tab `|` when absent. */
  delimiter?: string | undefined;
  encoding?: 'utf8' | 'latin1' | undefined;
  /**
   * Copy each CSV value out of the decoded chunk it was sliced from (see `detach`), so keeping a value
   * does not keep its decoded chunk alive. Default true; a consumer that drops each row's values soon
   * (a reading thread that runs no channel itself serialises every batch straight away) can skip the copy.
   */
  copyValues?: boolean | undefined;
}

export function formatFromPath(path: string): CatalogFormat {
  const lower = path.toLowerCase().replace(/\.gz$/, '');
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.tsv') || lower.endsWith('.tab')) return 'tsv';
  return 'csv';
}

/** Bytes that are not UTF-8 in a file read as UTF-8: they come out as U+FFFD in every feed. Said once per file. */
export function invalidUtf8Warning(line: number): Issue {
  return warning(
    'catalog-encoding',
    `line ${line}: bytes that are not UTF-8 (written as \uFFFD); if the file comes from Excel or an older system, set catalog.encoding to "latin1"`,
    { line },
  );
}
