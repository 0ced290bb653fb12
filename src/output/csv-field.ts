/**
 * One CSV field, safe twice over: RFC 4180 quoting keeps the file parseable (§2.6, §2.7), and
 * formula neutralisation keeps a spreadsheet from executing it (OWASP ASVS 1.2.10, CWE-1236).
 * Pure functions; the writers compose them per column.
 */

/** How a column's values are read: numeric columns are never neutralised (`-5` stays a number). */
export type CsvColumnKind = 'text' | 'numeric' | 'url';

/** `keep`: line breaks stay inside the (quoted) field; `replace`: each break becomes a space. */
export type NewlinePolicy = 'keep' | 'replace';

export interface CsvFieldOptions {
  /** One character; `,` unless told. */
  delimiter?: string;
  kind?: CsvColumnKind;
  newlines?: NewlinePolicy;
  /** Prefix `'` to text that starts with a formula trigger (default true). */
  formulaGuard?: boolean;
}

/** First characters a spreadsheet reads as the start of a formula (or that hide one). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', '\0'];

const NUMBER_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const LINE_BREAK_RE = /\r\n|\r|\n/g;

/** A plain decimal number (`12`, `-5`, `19.99`): what a numeric column may hold. */
export function isNumericText(value: string): boolean {
  return NUMBER_RE.test(value);
}

export function startsWithFormulaTrigger(value: string): boolean {
  return value.length > 0 && FORMULA_TRIGGERS.includes(value[0]!);
}

/** `=HYPERLINK(...)` -> `'=HYPERLINK(...)`. Idempotent: `'` itself is no trigger. */
export function neutraliseFormula(value: string): string {
  return startsWithFormulaTrigger(value) ? `'${value}` : value;
}

/** Every CR, LF or CRLF becomes `replacement` (a space by default). */
export function replaceLineBreaks(value: string, replacement = ' '): string {
  return value.replace(LINE_BREAK_RE, replacement);
}

/** Whether a spreadsheet would see a formula in this cell: numbers in numeric columns are data. */
export function needsNeutralising(value: string, kind: CsvColumnKind = 'text'): boolean {
  if (kind === 'numeric' && isNumericText(value)) return false;
  return startsWithFormulaTrigger(value);
}

/** RFC 4180: fields holding the delimiter, `"`, CR or LF are quoted, inner quotes doubled. */
export function quoteCsvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * The text written for one cell: line breaks replaced when asked, then neutralised unless it is
 * a number in a numeric column (a numeric column holding anything else is guarded like text),
 * then quoted.
 */
export function formatCsvField(value: string, options: CsvFieldOptions = {}): string {
  let text = options.newlines === 'replace' ? replaceLineBreaks(value) : value;
  if ((options.formulaGuard ?? true) && needsNeutralising(text, options.kind)) text = `'${text}`;
  return quoteCsvField(text, options.delimiter ?? ',');
}

/** One row without its line ending. `kinds[i]` applies to `values[i]` (text when absent). */
export function formatCsvRow(
  values: readonly string[],
  options: Omit<CsvFieldOptions, 'kind'> & { kinds?: readonly CsvColumnKind[] } = {},
): string {
  const delimiter = options.delimiter ?? ',';
  return values
    .map((value, i) => formatCsvField(value, { ...options, delimiter, kind: options.kinds?.[i] ?? 'text' }))
    .join(delimiter);
}
