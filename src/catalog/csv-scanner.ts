/**
 * A streaming RFC 4180 scanner: a pure state machine fed string chunks (`push`, then `end`), plus a thin
 * adapter over byte chunks. It reports each record with the 1-based line it starts on, and recovers from
 * malformed quoting without losing the rows after it:
 *
 * - a closing quote followed by anything but a delimiter or a line break (`"bad"x`), or a quote inside an
 *   unquoted field (CSV only; TSV keeps it as a literal) -> the row is reported and scanning resumes at
 *   the line after the one where the faulty field starts;
 * - a quoted field still open after `maxQuotedChars` characters or `maxQuotedLines` line breaks, or at the
 *   end of the input -> reported as an unterminated quote; scanning resumes at the line after the one
 *   holding the opening quote, re-reading the text it had buffered;
 * - a record longer than `maxRecordChars` (no line break in 16 MiB: not a CSV file?) -> reported and skipped
 *   to the next line, so the buffer never grows without bound.
 *
 * With `relaxQuotes` (TSV) a quote inside an unquoted field is literal, and so is a quoted field followed by
 * more text on its line (`"6" ruler`), as csv-parse's relax_quotes reads them.
 *
 * Speed comes from scanning with indexOf over large chunks and caching the next position of each special
 * character, so every character is looked at about once. Results do not depend on where chunks are split.
 */

export type CsvErrorCode = 'CSV_INVALID_CLOSING_QUOTE' | 'CSV_INVALID_OPENING_QUOTE' | 'CSV_QUOTE_NOT_CLOSED' | 'CSV_RECORD_TOO_LONG';

export interface CsvRecord {
  kind: 'record';
  /** 1-based line the record starts on. */
  line: number;
  /** Field values. They may share memory with the decoded chunk: `detach` the ones you keep. */
  fields: string[];
}

export interface CsvProblem {
  kind: 'error';
  code: CsvErrorCode;
  /** 1-based line the faulty record starts on. */
  line: number;
  /** Where the fault was found: 1-based physical line and column (in UTF-16 code units). */
  errorLine: number;
  column: number;
  /** 0-based index of the faulty field within its record. */
  fieldIndex: number;
  message: string;
}

export type ScanItem = CsvRecord | CsvProblem;

export interface ScanOptions {
  /** Field delimiter (one or more characters); default ",". */
  delimiter?: string | undefined;
  /** A quote inside an unquoted field is literal (TSV) instead of an error. */
  relaxQuotes?: boolean | undefined;
  /** A quoted field longer than this (characters between the quotes) is treated as unterminated. */
  maxQuotedChars?: number | undefined;
  /** A quoted field holding more line breaks than this is treated as unterminated. */
  maxQuotedLines?: number | undefined;
  /** A record longer than this is reported and skipped to the next line (a binary file, a missing line break). */
  maxRecordChars?: number | undefined;
}

export const DEFAULT_MAX_QUOTED_CHARS = 64 * 1024;
/**
 * A long HTML description keeps a line break per tag: a few hundred lines are ordinary. The bound only
 * limits how many rows an unclosed quote can swallow before the field is read as unterminated.
 */
export const DEFAULT_MAX_QUOTED_LINES = 1000;
export const DEFAULT_MAX_RECORD_CHARS = 16 * 1024 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Returned by lineAfter: the buffer may not hold the line break yet. */
const NEED_MORE = -1;

export class CsvScanner {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly relaxQuotes: boolean;
  private readonly maxQuotedChars: number;
  private readonly maxQuotedLines: number;
  private readonly maxRecordChars: number;
  /** Unscanned text; always starts at the beginning of a record. */
  private buffer = '';
  /** Line number of the first character of `buffer`. */
  private bufferLine = 1;
  private started = false;
  /** After an over-long record: dropping text up to the next line break (`cr`: a CR ended the last chunk). */
  private skipping: false | 'line' | 'cr' = false;

  constructor(options: ScanOptions = {}) {
    this.delimiter = options.delimiter ?? ',';
    if (this.delimiter === '' || /["\r\n]/.test(this.delimiter)) {
      throw new TypeError(`invalid CSV delimiter ${JSON.stringify(this.delimiter)}`);
    }
    this.delimiterCode = this.delimiter.length === 1 ? this.delimiter.charCodeAt(0) : -1;
    this.relaxQuotes = options.relaxQuotes ?? false;
    this.maxQuotedChars = options.maxQuotedChars ?? DEFAULT_MAX_QUOTED_CHARS;
    this.maxQuotedLines = options.maxQuotedLines ?? DEFAULT_MAX_QUOTED_LINES;
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  /** Feed the next piece of text; returns the records and problems it completed. */
  push(chunk: string): ScanItem[] {
    if (!this.started && chunk !== '') {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.skipping) chunk = this.skipLine(chunk);
    this.buffer = this.buffer === '' ? chunk : this.buffer + chunk;
    return this.scan(false);
  }

  /** Characters of an unfinished record held back for the next chunk. */
  get carried(): number {
    return this.buffer.length;
  }

  /** The line that character `offset` of the next chunk to be pushed will be on. */
  lineAt(next: string, offset: number): number {
    return this.bufferLine + countLineBreaks(this.buffer, 0, this.buffer.length) + countLineBreaks(next, 0, offset);
  }

  /** The input is complete: returns what is left (a last row without a line break, an open quote). */
  finish(): ScanItem[] {
    const out = this.scan(true);
    this.buffer = '';
    return out;
  }

  private scan(final: boolean): ScanItem[] {
    const out: ScanItem[] = [];
    const text = this.buffer;
    const n = text.length;
    const delimiter = this.delimiter;
    const dlen = delimiter.length;
    const delimiterCode = this.delimiterCode;
    const strictQuotes = !this.relaxQuotes;
    const maxChars = this.maxQuotedChars;
    const maxLines = this.maxQuotedLines;
    let pos = 0;
    let line = this.bufferLine;
    // Everything before `consumed` is done with; a record cut off by the end of the buffer restarts there.
    let consumed = 0;
    let consumedLine = line;
    // Next position (>= pos) of each special character, or n when there is none; -1 = not looked up yet.
    let nD = -1;
    let nL = -1;
    let nC = -1;
    let nQ = -1;

    records: while (pos < n) {
      const recordStart = pos;
      const recordLine = line;
      const fields: string[] = [];
      let onlyEmpty = true;
      for (;;) {
        const fieldStart = pos;
        const fieldLine = line;
        let code: CsvErrorCode | undefined;
        let at = 0;
        let errorLine = line;
        const startsQuoted = text.charCodeAt(pos) === QUOTE;
        let literal = false;
        if (startsQuoted) {
          // Quoted field: find the closing quote, skipping doubled ones.
          let value: string | undefined;
          let segment = pos + 1;
          let q = pos + 1;
          let closed = false;
          for (;;) {
            if (nQ < q) { nQ = text.indexOf('"', q); if (nQ === -1) nQ = n; }
            q = nQ;
            if (q === n || (q + 1 === n && !final)) {
              // No closing quote in the buffer (yet): wait for more text unless it is already too long.
              if (final || this.overflows(text, pos + 1, q)) break;
              break records;
            }
            if (text.charCodeAt(q + 1) === QUOTE) {
              value = value === undefined ? text.slice(segment, q + 1) : value + text.slice(segment, q + 1);
              segment = q + 2;
              q += 2;
              continue;
            }
            closed = true;
            break;
          }
          let breaks = 0;
          if (closed) {
            if (nL <= pos) { nL = text.indexOf('\n', pos); if (nL === -1) nL = n; }
            while (nL < q) { breaks++; nL = text.indexOf('\n', nL + 1); if (nL === -1) nL = n; }
            if (nC <= pos) { nC = text.indexOf('\r', pos); if (nC === -1) nC = n; }
            while (nC < q) { if (text.charCodeAt(nC + 1) !== LF) breaks++; nC = text.indexOf('\r', nC + 1); if (nC === -1) nC = n; }
          }
          if (!closed || q - pos - 1 > maxChars || breaks > maxLines) {
            code = 'CSV_QUOTE_NOT_CLOSED';
            at = fieldStart;
          } else {
            line += breaks;
            fields.push(value === undefined ? text.slice(segment, q) : value + text.slice(segment, q));
            onlyEmpty = false;
            const after = q + 1;
            if (after === n) { pos = n; break; } // final: last field of the input
            const c = text.charCodeAt(after);
            if (delimiterCode === -1 ? text.startsWith(delimiter, after) : c === delimiterCode) { pos = after + dlen; continue; }
            if (c === LF) { pos = after + 1; line++; break; }
            if (c === CR) {
              if (after + 1 === n && !final) break records;
              pos = text.charCodeAt(after + 1) === LF ? after + 2 : after + 1;
              line++;
              break;
            }
            if (strictQuotes || breaks > 0) {
              code = 'CSV_INVALID_CLOSING_QUOTE';
              at = q;
              errorLine = line;
            } else {
              // Relaxed (TSV): `"12" pan` is literal text, read as an unquoted field (as csv-parse's relax_quotes does).
              fields.pop();
              literal = true;
            }
          }
        }
        if (!startsQuoted || literal) {
          // Unquoted field: ends at the nearest delimiter, LF or CR.
          if (nD < pos) { nD = text.indexOf(delimiter, pos); if (nD === -1) nD = n; }
          if (nL < pos) { nL = text.indexOf('\n', pos); if (nL === -1) nL = n; }
          if (nC < pos) { nC = text.indexOf('\r', pos); if (nC === -1) nC = n; }
          let stop = nD < nL ? nD : nL;
          if (nC < stop) stop = nC;
          if (strictQuotes) {
            if (nQ < pos) { nQ = text.indexOf('"', pos); if (nQ === -1) nQ = n; }
            if (nQ < stop) {
              code = 'CSV_INVALID_OPENING_QUOTE';
              at = nQ;
            }
          }
          if (code === undefined) {
            if (stop === n && !final) break records;
            fields.push(text.slice(pos, stop));
            if (stop === n) { pos = n; break; }
            if (stop === nD) { pos = stop + dlen; onlyEmpty = false; continue; }
            if (stop !== pos) onlyEmpty = false;
            if (stop === nL) { pos = stop + 1; line++; break; }
            if (stop + 1 === n && !final) break records; // a CR: an LF may follow
            pos = text.charCodeAt(stop + 1) === LF ? stop + 2 : stop + 1;
            line++;
            break;
          }
        }
        // Malformed: report the record, then resume at the line after the one the faulty field starts on.
        if (code === undefined) throw new Error('csv-scanner: fell through without a field or an error (bug)');
        const resume = this.lineAfter(text, fieldStart, final);
        if (resume === NEED_MORE) break records;
        out.push(this.problem(text, code, recordLine, errorLine, at, fields.length - (code === 'CSV_INVALID_CLOSING_QUOTE' ? 1 : 0)));
        pos = consumed = resume;
        line = consumedLine = fieldLine + 1;
        nD = nL = nC = nQ = -1;
        continue records;
      }
      // An empty line is no record.
      if (pos - recordStart > this.maxRecordChars) {
        out.push(this.tooLong(recordLine));
      } else if (!(onlyEmpty && fields.length === 1 && fields[0] === '')) {
        out.push({ kind: 'record', line: recordLine, fields });
      }
      consumed = pos;
      consumedLine = line;
    }
    if (!final && n - consumed > this.maxRecordChars) {
      // An unfinished record already too long: report it, drop it, and skip to the end of its line.
      out.push(this.tooLong(consumedLine));
      this.bufferLine = consumedLine + countLineBreaks(text, consumed, n);
      this.buffer = '';
      this.skipping = text.charCodeAt(n - 1) === CR ? 'cr' : 'line';
      if (this.skipping === 'cr') this.bufferLine--; // the CR is the line break we were looking for
      return out;
    }
    this.buffer = consumed === 0 ? text : text.slice(consumed);
    this.bufferLine = consumedLine;
    return out;
  }

  /** While skipping an over-long record: the part of `chunk` after the next line break ('' if none yet). */
  private skipLine(chunk: string): string {
    if (this.skipping === 'cr') {
      this.skipping = false;
      this.bufferLine++;
      return chunk.charCodeAt(0) === LF ? chunk.slice(1) : chunk;
    }
    const lf = chunk.indexOf('\n');
    const cr = chunk.indexOf('\r');
    const at = cr === -1 ? lf : lf === -1 ? cr : Math.min(lf, cr);
    if (at === -1) return '';
    if (at === chunk.length - 1 && chunk.charCodeAt(at) === CR) {
      this.skipping = 'cr';
      return '';
    }
    this.skipping = false;
    this.bufferLine++;
    return chunk.slice(chunk.charCodeAt(at) === CR && chunk.charCodeAt(at + 1) === LF ? at + 2 : at + 1);
  }

  private tooLong(line: number): CsvProblem {
    return {
      kind: 'error', code: 'CSV_RECORD_TOO_LONG', line, errorLine: line, column: 1, fieldIndex: 0,
      message: `record is longer than ${this.maxRecordChars} characters (a missing line break, or not a CSV file?)`,
    };
  }

  /** Whether an open quoted field whose text runs from `from` to `to` is already past the bounds. */
  private overflows(text: string, from: number, to: number): boolean {
    if (to - from > this.maxQuotedChars) return true;
    let breaks = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      // A CR right at `to` may be the first half of a CRLF: not counted yet.
      if (c === LF || (c === CR && i + 1 < to && text.charCodeAt(i + 1) !== LF)) breaks++;
    }
    return breaks > this.maxQuotedLines;
  }

  /** The index just past the first line break at or after `from`, or NEED_MORE if the buffer may not hold it yet. */
  private lineAfter(text: string, from: number, final: boolean): number {
    const n = text.length;
    let lf = text.indexOf('\n', from);
    let cr = text.indexOf('\r', from);
    if (lf === -1) lf = n;
    if (cr === -1) cr = n;
    if (lf < cr) return lf + 1;
    if (cr < n) {
      if (cr + 1 === n) return final ? n : NEED_MORE;
      return text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
    }
    return final ? n : NEED_MORE;
  }

  private problem(text: string, code: CsvErrorCode, line: number, errorLine: number, at: number, fieldIndex: number): CsvProblem {
    let lineStart = at;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== LF && text.charCodeAt(lineStart - 1) !== CR) lineStart--;
    const column = at - lineStart + 1;
    const what =
      code === 'CSV_QUOTE_NOT_CLOSED' ? 'quoted field is not closed'
      : code === 'CSV_INVALID_CLOSING_QUOTE' ? `a closing quote must be followed by the delimiter or a line break, found ${JSON.stringify(text[at + 1])}`
      : 'a quote inside an unquoted field; quote the whole field and double the quotes inside it';
    const where = errorLine === line ? `column ${column}` : `line ${errorLine}, column ${column}`;
    return { kind: 'error', code, line, errorLine, column, fieldIndex, message: `${what}, at ${where} of field ${fieldIndex + 1}` };
  }
}

export interface ByteScanOptions extends ScanOptions {
  encoding?: 'utf8' | 'latin1' | undefined;
  /**
   * Called once, with the line it is on, when UTF-8 decoding meets bytes that are not UTF-8 (they
   * become U+FFFD): usually a Windows or spreadsheet export that needs `encoding: 'latin1'`.
   */
  onInvalidUtf8?: ((line: number) => void) | undefined;
}

/**
 * Bytes decoded and scanned at a time. Small on purpose: a chunk's text and the records scanned from it
 * live until the channels have handled those rows. A 1 MiB chunk (a 2 MiB string, ~850 rows) lived through
 * several young-generation collections and was promoted with its records, so full collections ran about
 * every 100 ms in the reading thread; at 64 KiB (~55 rows) both die young, and the reader allocates a
 * third less (a long text also costs a copy when the carried-over record is joined to it).
 */
const DECODE_CHUNK = 64 * 1024;

/**
 * The scanner over a byte stream: decodes with TextDecoder DECODE_CHUNK bytes at a time (a big read is
 * sliced, small chunks, as from gunzip, are gathered) and yields what each slice completed. A record longer than a chunk waits
 * for as many bytes again as it holds, so a very long record is rescanned a few times, not once per chunk.
 */
export async function* scanBytes(input: AsyncIterable<Uint8Array>, options: ByteScanOptions = {}): AsyncGenerator<ScanItem[]> {
  // WHATWG 'latin1' is windows-1252: the same as ISO-8859-1 except 0x80-0x9F, which become € „ “ ” and friends.
  const decoder = new TextDecoder(options.encoding === 'latin1' ? 'latin1' : 'utf-8');
  const scanner = new CsvScanner(options);
  let onInvalid = options.encoding === 'latin1' ? undefined : options.onInvalidUtf8;
  /** The decoded text, after a look for U+FFFD until the first is found (one native search per chunk). */
  const checked = (text: string): string => {
    if (onInvalid !== undefined) {
      const at = text.indexOf('\uFFFD');
      if (at >= 0) { onInvalid(scanner.lineAt(text, at)); onInvalid = undefined; }
    }
    return text;
  };
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const chunk of input) {
    // A big read is decoded a slice at a time; small ones are gathered.
    for (let at = 0; at < chunk.length; ) {
      const wanted = Math.max(DECODE_CHUNK, scanner.carried);
      const piece = at === 0 && chunk.length <= wanted - pendingBytes ? chunk : chunk.subarray(at, at + wanted - pendingBytes);
      at += piece.length;
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes < wanted) continue;
      const bytes = joined(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      const items = scanner.push(checked(decoder.decode(bytes, { stream: true })));
      if (items.length > 0) yield items;
    }
  }
  const rest = pending.length === 0 ? '' : decoder.decode(joined(pending, pendingBytes), { stream: true });
  const items = scanner.push(checked(rest + decoder.decode()));
  if (items.length > 0) yield items;
  const last = scanner.finish();
  if (last.length > 0) yield last;
}

/** The gathered pieces as one run of bytes (no copy for a single piece). */
function joined(pieces: Uint8Array[], bytes: number): Uint8Array {
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, bytes);
}

/** Line breaks (LF, CRLF or a lone CR) in text[from, to); a CR at `to - 1` counts. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * A copy of `value` that does not keep the decoded chunk it was sliced from alive. V8 shares memory for
 * substrings of 13 characters or more, so one kept title would pin its whole chunk (with 1 MiB chunks, keeping one
 * value per 1000 rows pinned 2.4 GB on the 1M-row bench). Concatenating and slicing again forces a flat copy.
 * Shorter substrings are copies already. Copy where the row is consumed, not when the batch is built: copies
 * made early live through several young-generation collections while the batch waits, which cost ~5 s per
 * 1M rows in the reader; made just in time they die young.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (value + ' ').slice(0, -1);
}
