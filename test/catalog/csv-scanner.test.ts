import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error -- plain JavaScript bench helper without type declarations
import { createRandom, generateLines } from '../../bench/generate-catalog.mjs';
import { readDelimited } from '../../src/catalog/csv-reader.js';
import { CsvScanner, scanBytes, type ScanItem, type ScanOptions } from '../../src/catalog/csv-scanner.js';
import type { SourceItem } from '../../src/catalog/source.js';

/** Scan `text` fed in the given pieces. */
function scan(pieces: string[], options?: ScanOptions): ScanItem[] {
  const scanner = new CsvScanner(options);
  const out: ScanItem[] = [];
  for (const piece of pieces) out.push(...scanner.push(piece));
  out.push(...scanner.finish());
  return out;
}
const records = (items: ScanItem[]) => items.flatMap((i) => (i.kind === 'record' ? [[i.line, ...i.fields]] : []));
const problems = (items: ScanItem[]) => items.flatMap((i) => (i.kind === 'error' ? [[i.code, i.line]] : []));

async function scanBuffer(bytes: Buffer, options: Parameters<typeof scanBytes>[1]): Promise<ScanItem[]> {
  const out: ScanItem[] = [];
  for await (const batch of scanBytes(Readable.from([bytes]), options)) out.push(...batch);
  return out;
}

const BRIEF_EXAMPLE = 'id;title;price\n1;"A; quoted\nmulti";10\n2;B;"bad"x;3\n3;C\n4;D;5,00 EUR\n5;"unterminated;7\n6;F;8\n';

describe('CsvScanner', () => {
  it('reports a bad closing quote and an unterminated quote with their lines and keeps every other row', () => {
    const items = scan([BRIEF_EXAMPLE], { delimiter: ';' });
    expect(records(items)).toEqual([
      [1, 'id', 'title', 'price'],
      [2, '1', 'A; quoted\nmulti', '10'],
      [5, '3', 'C'],
      [6, '4', 'D', '5,00 EUR'],
      [8, '6', 'F', '8'],
    ]);
    expect(items.filter((i) => i.kind === 'error')).toEqual([
      expect.objectContaining({ code: 'CSV_INVALID_CLOSING_QUOTE', line: 4, errorLine: 4, column: 9, fieldIndex: 2 }),
      expect.objectContaining({ code: 'CSV_QUOTE_NOT_CLOSED', line: 7, errorLine: 7, column: 3, fieldIndex: 1 }),
    ]);
  });

  it('resyncs when an open quote is "closed" by a quote on a later row', () => {
    const items = scan(['id,v\n5,"unterminated\n6,F\n7,"ok"\n8,G\n']);
    expect(problems(items)).toEqual([['CSV_INVALID_CLOSING_QUOTE', 2]]);
    expect(records(items)).toEqual([[1, 'id', 'v'], [3, '6', 'F'], [4, '7', 'ok'], [5, '8', 'G']]);
  });

  it('resyncs after a stray quote inside a multi-line field without losing the next row', () => {
    const items = scan(['id,d,n\n1,"para\nHe said "hi"\nend",5\n2,ok,6\n']);
    expect(records(items)).toEqual([[1, 'id', 'd', 'n'], [5, '2', 'ok', '6']]);
    expect(problems(items)[0]).toEqual(['CSV_INVALID_CLOSING_QUOTE', 2]);
    expect(problems(items).map(([, line]) => line)).toEqual([2, 3, 4]);
  });

  it('treats a quoted field past the line bound as unterminated and re-reads the lines after it', () => {
    const text = 'id,d\n1,"open\n2,a\n3,b\n4,c\n5,"x"\n';
    const items = scan([text], { maxQuotedLines: 2 });
    expect(problems(items)).toEqual([['CSV_QUOTE_NOT_CLOSED', 2]]);
    expect(records(items)).toEqual([[1, 'id', 'd'], [3, '2', 'a'], [4, '3', 'b'], [5, '4', 'c'], [6, '5', 'x']]);
  });

  it('reads a long HTML description of many lines as one field, up to the default line bound', () => {
    const html = (lines: number) => Array.from({ length: lines }, (_, i) => `<li>point ${i}</li>`).join('\n');
    const items = scan([`id,description,price\n1,"${html(900)}",5\n2,short,6\n`]);
    expect(problems(items)).toEqual([]);
    expect(records(items)).toEqual([[1, 'id', 'description', 'price'], [2, '1', html(900), '5'], [902, '2', 'short', '6']]);
    // Past the bound it is an unclosed quote, and the lines after its opening are read again.
    const over = scan([`id,description,price\n1,"${html(1002)}",5\n2,short,6\n`]);
    expect(problems(over)[0]).toEqual(['CSV_QUOTE_NOT_CLOSED', 2]);
  });

  it('treats a quoted field past the character bound as unterminated', () => {
    const items = scan([`id,d\n1,"${'x'.repeat(50)}\n2,a\n`], { maxQuotedChars: 20 });
    expect(problems(items)).toEqual([['CSV_QUOTE_NOT_CLOSED', 2]]);
    expect(records(items)).toEqual([[1, 'id', 'd'], [3, '2', 'a']]);
  });

  it('keeps line numbers right after embedded newlines, doubled quotes and delimiters in quotes', () => {
    const text = 'a,b,c\n"x\n\ny","say ""hi"", ok",1\n2,"",3\n"one\r\ntwo",4,"5"\nlast,row,here';
    expect(records(scan([text]))).toEqual([
      [1, 'a', 'b', 'c'],
      [2, 'x\n\ny', 'say "hi", ok', '1'],
      [5, '2', '', '3'],
      [6, 'one\r\ntwo', '4', '5'],
      [8, 'last', 'row', 'here'],
    ]);
  });

  it('accepts CRLF, CR and LF line endings, inside and outside quotes', () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n2,"p\rq"\r3,z\n4,"\n"\r\n5,e';
    expect(records(scan([text]))).toEqual([
      [1, 'a', 'b'],
      [2, '1', 'x\r\ny'],
      [4, '2', 'p\rq'],
      [6, '3', 'z'],
      [7, '4', '\n'],
      [9, '5', 'e'],
    ]);
  });

  it('skips a BOM and empty lines, and ends cleanly with or without a final line break', () => {
    expect(records(scan(['\uFEFFa,b\n\n1,2\n\n']))).toEqual([[1, 'a', 'b'], [3, '1', '2']]);
    expect(records(scan(['\uFEFF', 'a,b\n1,2']))).toEqual([[1, 'a', 'b'], [2, '1', '2']]);
    expect(records(scan(['a,b\r\n1,2\r\n\r\n']))).toEqual([[1, 'a', 'b'], [2, '1', '2']]);
    expect(records(scan(['a\n""\n,\n']))).toEqual([[1, 'a'], [2, ''], [3, '', '']]);
    expect(scan([''])).toEqual([]);
  });

  it('reports a quote inside an unquoted CSV field, but keeps it literal in TSV', () => {
    const csv = scan(['id,t\n1,12" pan\n2,Lid\n']);
    expect(problems(csv)).toEqual([['CSV_INVALID_OPENING_QUOTE', 2]]);
    expect(records(csv)).toEqual([[1, 'id', 't'], [3, '2', 'Lid']]);
    const tsv = scan(['id\tt\n1\t12" pan\n2\t"quoted\ttab"\n3\t"6" ruler"\t\n'], { delimiter: '\t', relaxQuotes: true });
    expect(problems(tsv)).toEqual([]);
    expect(records(tsv)).toEqual([[1, 'id', 't'], [2, '1', '12" pan'], [3, '2', 'quoted\ttab'], [4, '3', '"6" ruler"', '']]);
  });

  it('reports an over-long record and goes on at the next line, wherever the input is split', () => {
    const text = `a,b\n${'x'.repeat(200)}\n1,2\n${'y'.repeat(80)}\r\n3,4\n"q",${'z'.repeat(100)}\r5,6`;
    const options = { maxRecordChars: 50 };
    const whole = scan([text], options);
    expect(problems(whole)).toEqual([['CSV_RECORD_TOO_LONG', 2], ['CSV_RECORD_TOO_LONG', 4], ['CSV_RECORD_TOO_LONG', 6]]);
    expect(records(whole)).toEqual([[1, 'a', 'b'], [3, '1', '2'], [5, '3', '4'], [7, '5', '6']]);
    for (let i = 0; i <= text.length; i++) {
      expect(scan([text.slice(0, i), text.slice(i)], options), `split at ${i}`).toEqual(whole);
    }
    expect(scan([...text], options)).toEqual(whole);
  });

  it('reads TSV quotes the way csv-parse with relax_quotes does', () => {
    const text = 'id\tt\tu\n1\t12" pan\t"a\tb"\n2\t"6" ruler"\t""\n3\ta "b" c\t"x ""y"""\n4\t"multi\nline"\t"z"\n';
    const expected = parse(text, { delimiter: '\t', relax_quotes: true, relax_column_count: true }) as string[][];
    expect(records(scan([text], { delimiter: '\t', relaxQuotes: true })).map((r) => r.slice(1))).toEqual(expected);
  });

  it('supports a multi-character delimiter', () => {
    expect(records(scan(['a::b\n"x::y"::z\n'], { delimiter: '::' }))).toEqual([[1, 'a', 'b'], [2, 'x::y', 'z']]);
  });

  it('gives the same output wherever the input is split', () => {
    const inputs: Array<[string, ScanOptions]> = [
      ['\uFEFFid,"t"\r\n1,"a ""b""\r\nc",x\r\n\r\n2,,"y"\n3,"\r",z\r4,q,"end"', {}],
      [BRIEF_EXAMPLE, { delimiter: ';' }],
      ['id,d\n1,"open\n2,a\n3,"b\n4,c\n', { maxQuotedLines: 1 }],
      ['id,d\n1,"abcdefghij\n2,a\n3,b""\n', { maxQuotedChars: 8 }],
      ['a||b\n"x||y"||"z"\n1||2', { delimiter: '||' }],
      ['a\tb\n1\t2"\n"3\t4\n"5"x\t"6"\r\n"7\n8"y\t9\n', { delimiter: '\t', relaxQuotes: true }],
    ];
    for (const [text, options] of inputs) {
      const whole = scan([text], options);
      for (let i = 0; i <= text.length; i++) {
        expect(scan([text.slice(0, i), text.slice(i)], options), `split at ${i} of ${JSON.stringify(text)}`).toEqual(whole);
      }
      expect(scan([...text], options), 'one character at a time').toEqual(whole);
    }
  });

  it('reads the same rows as csv-parse from a generated catalog full of quotes, newlines, HTML and emoji', () => {
    const random = createRandom(7) as () => number;
    const nasty = ['""', '","', '"a""', ' x ', '\r', '\r\n', '\n\n', '😀"', '<p class="x">', ',,', 'é', '"'];
    let text = '';
    let i = 0;
    for (const line of generateLines(3000, 11) as Iterable<string>) {
      text += line;
      if (++i % 7 === 0) {
        const fields = Array.from({ length: 24 }, () => nasty[Math.floor(random() * nasty.length)]!.repeat(1 + Math.floor(random() * 3)));
        text += fields.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f)).join(',') + '\n';
      }
    }
    const viaCsvParse = (input: string) =>
      (parse(input, { info: true, bom: true, relax_column_count: true, skip_empty_lines: true }) as Array<{ record: string[]; info: { lines: number } }>)
        .map(({ record, info }) => [info.lines - (record.join('').split('\n').length - 1), ...record]);
    const viaScanner = (input: string) => {
      const chunks: string[] = [];
      for (let at = 0; at < input.length; at += 4093) chunks.push(input.slice(at, at + 4093));
      const items = scan(chunks);
      expect(problems(items)).toEqual([]);
      return records(items);
    };
    const expected = viaCsvParse(text);
    expect(expected.length).toBeGreaterThan(3000);
    // Same fields. (csv-parse's line count also counts a CR inside quotes, so compare lines without CRs.)
    expect(viaScanner(text).map((r) => r.slice(1))).toEqual(expected.map((r) => r.slice(1)));
    const withoutCr = text.replaceAll('\r', '');
    expect(viaScanner(withoutCr)).toEqual(viaCsvParse(withoutCr));
  });
});

describe('scanBytes', () => {
  it('decodes UTF-8 split inside a character and drops the BOM', async () => {
    const bytes = Buffer.from('\uFEFFid,t\n1,"Crème 😀"\n', 'utf8');
    const pieces = [bytes.subarray(0, 5), bytes.subarray(5, 18), bytes.subarray(18)];
    const out: ScanItem[] = [];
    for await (const batch of scanBytes(Readable.from(pieces))) out.push(...batch);
    expect(records(out)).toEqual([[1, 'id', 't'], [2, '1', 'Crème 😀']]);
  });

  it('reads a record far longer than a chunk, rescanning it a few times rather than once per chunk', async () => {
    const long = 'x'.repeat(4 * 1024 * 1024);
    const bytes = Buffer.from(`id,t\n1,${long}\n2,short\n`);
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += 16 * 1024) pieces.push(bytes.subarray(at, at + 16 * 1024));
    const push = vi.spyOn(CsvScanner.prototype, 'push');
    try {
      const out: ScanItem[] = [];
      for await (const batch of scanBytes(Readable.from(pieces))) out.push(...batch);
      expect(records(out)).toEqual([[1, 'id', 't'], [2, '1', long], [3, '2', 'short']]);
      // 64 KiB chunks: 64 pushes if each chunk were scanned on arrival; doubling needs about log2(64) + 2.
      expect(push.mock.calls.length).toBeLessThanOrEqual(10);
    } finally {
      push.mockRestore();
    }
  });

  it('decodes a big read a slice at a time, characters cut at slice edges included', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => [String(i + 2), `Crème ${'😀'.repeat(i % 7)} "${i}"`]);
    const text = `id,t\n${rows.map(([id, t]) => `${id},"${t!.replaceAll('"', '""')}"`).join('\n')}\n`;
    const bytes = Buffer.from(text);
    expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
    const push = vi.spyOn(CsvScanner.prototype, 'push');
    try {
      const out: ScanItem[] = [];
      for await (const batch of scanBytes(Readable.from([bytes]))) out.push(...batch);
      expect(records(out)).toEqual([[1, 'id', 't'], ...rows.map(([id, t], i) => [i + 2, id, t])]);
      expect(push.mock.calls.length).toBeGreaterThanOrEqual(4);
      expect(Math.max(...push.mock.calls.map(([chunk]) => chunk.length))).toBeLessThanOrEqual(64 * 1024);
    } finally {
      push.mockRestore();
    }
  });

  it('decodes latin1', async () => {
    const items = await scanBuffer(Buffer.from('id;t\n1;Caf\xe9 \xdcber\n', 'latin1'), { delimiter: ';', encoding: 'latin1' });
    expect(records(items)).toEqual([[1, 'id', 't'], [2, '1', 'Café Über']]);
  });
});

describe('readDelimited over the scanner', () => {
  it('turns the brief example into rows keyed by header and issues with lines and field names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'omnifeed-scan-'));
    writeFileSync(join(dir, 'c.csv'), BRIEF_EXAMPLE);
    const items: SourceItem[] = [];
    for await (const item of readDelimited(join(dir, 'c.csv'), { format: 'csv' })) items.push(item);
    expect(items.filter((i) => i.kind === 'row')).toEqual([
      { kind: 'row', line: 2, record: { id: '1', title: 'A; quoted\nmulti', price: '10' } },
      { kind: 'row', line: 6, record: { id: '4', title: 'D', price: '5,00 EUR' } },
      { kind: 'row', line: 8, record: { id: '6', title: 'F', price: '8' } },
    ]);
    const issues = items.flatMap((i) => (i.kind === 'issue' ? [i.issue] : []));
    expect(issues.map((i) => [i.code, i.line, i.field])).toEqual([
      ['catalog-malformed-row', 4, 'price'],
      ['catalog-column-count', 5, 'price'],
      ['catalog-malformed-row', 7, 'title'],
    ]);
    expect(issues[0]!.message).toMatch(/^line 4: .*CSV_INVALID_CLOSING_QUOTE.*row skipped$/);
  });
});
