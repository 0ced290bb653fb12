/**
 * A tolerant, incremental tokenizer for Google TSV feeds. Pure (text in, rows out).
 *
 * Google's "quoted fields" rule: a cell wrapped in `"..."` is one value even across tabs and line
 * breaks, with `""` for a literal quote. But a multi-value cell may also quote each value
 * (`"https://a/1,2.jpg","https://a/3.jpg"`), which is not a quoted field. So a cell is read as
 * quoted only when its closing quote is followed by a tab, a line end or the end of the text;
 * otherwise the cell is taken as written, up to the next tab or line end.
 *
 * csv-parse is not used here: it rejects the per-value quoting above, and it is the slow step
 * (about 15k rows/s on this machine) where this reads a 1M-row feed several times.
 */

export interface TsvRow {
  cells: string[];
  /** `quoted[i]`: cell i was a quoted field and `cells[i]` is its unquoted content. */
  quoted: boolean[];
}

/** A quoted field longer than this without its closing quote is taken as written. */
const MAX_QUOTED = 8 * 1024 * 1024;

export class TsvTokenizer {
  private text = '';

  /** Rows completed by this chunk. */
  push(chunk: string): TsvRow[] {
    this.text = this.text === '' ? chunk : this.text + chunk;
    return this.drain(false);
  }

  /** Rows left at the end of the text. */
  end(): TsvRow[] {
    return this.drain(true);
  }

  private drain(final: boolean): TsvRow[] {
    const rows: TsvRow[] = [];
    const text = this.text;
    let pos = 0;
    while (pos < text.length) {
      const next = readRow(text, pos, final);
      if (next === undefined) break;
      pos = next.end;
      const row = next.row;
      if (row.cells.length > 1 || row.cells[0] !== '' || row.quoted[0]) rows.push(row);
    }
    this.text = pos >= text.length ? '' : text.slice(pos);
    return rows;
  }
}

/** One row from `start`, or `undefined` when the text ends before the row does (and more may come). */
function readRow(text: string, start: number, final: boolean): { row: TsvRow; end: number } | undefined {
  const cells: string[] = [];
  const quoted: boolean[] = [];
  let pos = start;
  let lineEnd = text.indexOf('\n', pos);
  for (;;) {
    let cellEnd: number;
    let value: string | undefined;
    if (text.charCodeAt(pos) === 34 /* " */) {
      const q = readQuoted(text, pos, final);
      if (q === 'more') return undefined;
      if (q !== undefined) {
        value = q.value;
        cellEnd = q.end;
        if (cellEnd > lineEnd) lineEnd = text.indexOf('\n', cellEnd);
      } else cellEnd = -1;
    } else cellEnd = -1;
    if (value === undefined) {
      if (lineEnd === -1 && !final) return undefined;
      const limit = lineEnd === -1 ? text.length : lineEnd;
      const tab = text.indexOf('\t', pos);
      cellEnd = tab !== -1 && tab < limit ? tab : limit;
      let valueEnd = cellEnd;
      if (cellEnd === lineEnd && valueEnd > pos && text.charCodeAt(valueEnd - 1) === 13 /* \r */) valueEnd--;
      value = text.slice(pos, valueEnd);
      quoted.push(false);
    } else quoted.push(true);
    cells.push(value);
    const sep = text.charCodeAt(cellEnd);
    if (sep === 9 /* \t */) {
      pos = cellEnd + 1;
      continue;
    }
    if (sep === 13 && text.charCodeAt(cellEnd + 1) === 10) return { row: { cells, quoted }, end: cellEnd + 2 };
    if (sep === 13 && cellEnd + 1 >= text.length && !final) return undefined;
    return { row: { cells, quoted }, end: Number.isNaN(sep) ? text.length : cellEnd + 1 };
  }
}

/** A quoted field at `start`; `undefined` when the cell is not one; 'more' when the text ends first. */
function readQuoted(text: string, start: number, final: boolean): { value: string; end: number } | undefined | 'more' {
  let value = '';
  let from = start + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q === -1) {
      if (final || text.length - start > MAX_QUOTED) return undefined;
      return 'more';
    }
    value += text.slice(from, q);
    if (q + 1 >= text.length) {
      if (!final) return 'more';
      return { value, end: q + 1 };
    }
    const after = text.charCodeAt(q + 1);
    if (after === 34) {
      value += '"';
      from = q + 2;
      continue;
    }
    if (after === 9 || after === 10 || after === 13) return { value, end: q + 1 };
    return undefined;
  }
}
