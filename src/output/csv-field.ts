/**
 * One CSV field, safe twice over: RFC 4180 quoting keeps the file parseable (§2.6, §2.7), and
 * formula neutralisation keeps a spreadsheet from executing it (OWASP ASVS 1.2.10, CWE-1236).
 * Pure functions; the writers compose them per column, through `createCsvFieldFormatter`, which
 * reads the options once and tests a value with one regex pass before touching it.
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
const QUOTE_RE = /"/g;

/** Char codes of FORMULA_TRIGGERS (all below 128). */
const TRIGGER_CODES = new Uint8Array(128);
for (const trigger of FORMULA_TRIGGERS) TRIGGER_CODES[trigger.charCodeAt(0)] = 1;

/** A plain decimal number (`12`, `-5`, `19.99`): what a numeric column may hold. */
export function isNumericText(value: string): boolean {
  return NUMBER_RE.test(value);
}

export function startsWithFormulaTrigger(value: string): boolean {
  const code = value.charCodeAt(0); // NaN for '', which indexes nothing
  return code < 128 && TRIGGER_CODES[code] === 1;
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
  if (!startsWithFormulaTrigger(value)) return false;
  return !(kind === 'numeric' && isNumericText(value));
}

/** RFC 4180: fields holding the delimiter, `"`, CR or LF are quoted, inner quotes doubled. */
export function quoteCsvField(value: string, delimiter = ','): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(QUOTE_RE, '""')}"`;
  return value;
}

function hasLineBreak(value: string): boolean {
  return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
}

/** Formats one cell of a given kind with options fixed for a whole file. */
export type CsvFieldFormatter = (value: string, kind?: CsvColumnKind) => string;

/**
 * The text written for one cell: line breaks replaced when asked, then neutralised unless it is
 * a number in a numeric column (a numeric column holding anything else is guarded like text),
 * then quoted. Options are read once here, not per cell.
 */
export function createCsvFieldFormatter(options: Omit<CsvFieldOptions, 'kind'> = {}): CsvFieldFormatter {
  const delimiter = options.delimiter ?? ',';
  const replace = options.newlines === 'replace';
  const guard = options.formulaGuard ?? true;
  // One regex pass tells whether a value needs quoting; a delimiter of two UTF-16 units is found by includes.
  const special = delimiter.length === 1 ? new RegExp(`[\\r\\n"\\u${delimiter.charCodeAt(0).toString(16).padStart(4, '0')}]`) : /["\r\n]/;
  const delimiterOutside = delimiter.length !== 1;
  // A `'` prefix needs no quoting unless the delimiter holds a `'` (settings forbid it; this module does not).
  const prefixIsPlain = !delimiter.includes("'");
  return (value, kind = 'text') => {
    // Fast path, most cells: nothing to replace or quote, so at most the guard's prefix changes the value.
    if (prefixIsPlain && !special.test(value) && !(delimiterOutside && value.includes(delimiter))) {
      return guard && needsNeutralising(value, kind) ? `'${value}` : value;
    }
    let text = replace && hasLineBreak(value) ? value.replace(LINE_BREAK_RE, ' ') : value;
    if (guard && needsNeutralising(text, kind)) text = `'${text}`;
    if (!special.test(text) && !(delimiterOutside && text.includes(delimiter))) return text;
    return text.includes('"') ? `"${text.replace(QUOTE_RE, '""')}"` : `"${text}"`;
  };
}

/** One cell's text; see `createCsvFieldFormatter` (which writers use, to read the options once). */
export function formatCsvField(value: string, options: CsvFieldOptions = {}): string {
  return createCsvFieldFormatter(options)(value, options.kind);
}

/** One row without its line ending. `kinds[i]` applies to `values[i]` (text when absent). */
export function formatCsvRow(
  values: readonly string[],
  options: Omit<CsvFieldOptions, 'kind'> & { kinds?: readonly CsvColumnKind[] } = {},
): string {
  const delimiter = options.delimiter ?? ',';
  const field = createCsvFieldFormatter(options);
  let row = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) row += delimiter;
    row += field(values[i]!, options.kinds?.[i] ?? 'text');
  }
  return row;
}
