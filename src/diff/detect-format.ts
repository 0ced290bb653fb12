/** Which feed format a file holds, decided from its first bytes (not its name). Pure. */
import type { DiffFormat } from './types.js';

export interface Detected {
  format: DiffFormat;
  /** Field delimiter for `csv` (`,`, `;` or a tab). */
  delimiter?: string;
}

/** `undefined` when the text is none of the formats omnifeed writes. */
export function detectFormat(head: string): Detected | undefined {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  if (text.includes('\u0000')) return undefined;
  const start = text.trimStart();
  if (start.startsWith('<')) {
    return /<rss[\s>]|<item[\s>]/.test(start) ? { format: 'google-xml' } : undefined;
  }
  if (start.startsWith('{')) {
    return /"(messages|header)"\s*:/.test(start) ? { format: 'amazon-json' } : undefined;
  }
  const header = firstHeaderLine(text);
  if (header === undefined) return undefined;
  const delimiter = guessDelimiter(header);
  if (delimiter === '\t' && splitSimple(header, '\t').some((cell) => cell.trim().toLowerCase() === 'id')) {
    return { format: 'google-tsv' };
  }
  return { format: 'csv', delimiter };
}

/** The first non-empty line that is not an eBay `Info,...` preamble row. */
function firstHeaderLine(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || /^"?Info"?[,;\t]/.test(line)) continue;
    return line;
  }
  return undefined;
}

function guessDelimiter(header: string): string {
  let best = ',';
  let bestCount = 0;
  for (const delimiter of ['\t', ',', ';']) {
    const count = splitSimple(header, delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Split outside double quotes; good enough for a header row. */
function splitSimple(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
