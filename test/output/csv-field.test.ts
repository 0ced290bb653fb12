import { describe, expect, it } from 'vitest';
import {
  createCsvFieldFormatter,
  formatCsvField,
  formatCsvRow,
  isNumericText,
  needsNeutralising,
  neutraliseFormula,
  quoteCsvField,
  replaceLineBreaks,
} from '../../src/output/csv-field.js';

describe('quoteCsvField (RFC 4180)', () => {
  it('leaves plain values alone', () => {
    expect(quoteCsvField('Organic Tee')).toBe('Organic Tee');
    expect(quoteCsvField('')).toBe('');
  });
  it('doubles quotes inside a quoted field', () => {
    expect(quoteCsvField('He said "Hello"')).toBe('"He said ""Hello"""');
  });
  it('quotes the delimiter, and only the configured one', () => {
    expect(quoteCsvField('a,b')).toBe('"a,b"');
    expect(quoteCsvField('a,b', ';')).toBe('a,b');
    expect(quoteCsvField('a;b', ';')).toBe('"a;b"');
    expect(quoteCsvField('a\tb', '\t')).toBe('"a\tb"');
  });
  it('quotes CR, LF and CRLF', () => {
    expect(quoteCsvField('a\nb')).toBe('"a\nb"');
    expect(quoteCsvField('a\r\nb')).toBe('"a\r\nb"');
    expect(quoteCsvField('a\rb')).toBe('"a\rb"');
  });
});

describe('formula neutralisation', () => {
  it.each(['=1+1', '+1', '-5', '@SUM(A1)', '\tcmd', '\rcmd', '\0x', '=HYPERLINK("http://evil","x")'])('prefixes %j in text', (value) => {
    expect(formatCsvField(value, { kind: 'text' }).replace(/^"/, '').startsWith("'")).toBe(true);
  });
  it('never touches a number in a numeric column', () => {
    expect(formatCsvField('-5', { kind: 'numeric' })).toBe('-5');
    expect(formatCsvField('+3.50', { kind: 'numeric' })).toBe('+3.50');
    expect(formatCsvField('19.99', { kind: 'numeric' })).toBe('19.99');
  });
  it('prefixes -5 in a text column', () => {
    expect(formatCsvField('-5', { kind: 'text' })).toBe("'-5");
    expect(formatCsvField('-5')).toBe("'-5");
  });
  it('guards a numeric column that holds no number', () => {
    expect(formatCsvField('=1+1', { kind: 'numeric' })).toBe("'=1+1");
    expect(formatCsvField('-1-cmd', { kind: 'numeric' })).toBe("'-1-cmd");
  });
  it('guards url columns like text (a valid URL never starts with a trigger)', () => {
    expect(formatCsvField('https://x.example/a.jpg', { kind: 'url' })).toBe('https://x.example/a.jpg');
    expect(formatCsvField('=IMPORTXML(1)', { kind: 'url' })).toBe("'=IMPORTXML(1)");
  });
  it('is idempotent and leaves safe text alone', () => {
    expect(neutraliseFormula(neutraliseFormula('=x'))).toBe("'=x");
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula(' =x')).toBe(' =x');
  });
  it('neutralises and then quotes: =HYPERLINK with commas and quotes', () => {
    expect(formatCsvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
  });
  it('can be turned off', () => {
    expect(formatCsvField('=1+1', { formulaGuard: false })).toBe('=1+1');
  });
  it('needsNeutralising and isNumericText agree with the writer', () => {
    expect(isNumericText('-5')).toBe(true);
    expect(isNumericText('.5')).toBe(true);
    expect(isNumericText('1e5')).toBe(false);
    expect(isNumericText('')).toBe(false);
    expect(needsNeutralising('-5', 'numeric')).toBe(false);
    expect(needsNeutralising('-5', 'text')).toBe(true);
  });
});

describe('line breaks', () => {
  it('keeps them quoted by default', () => {
    expect(formatCsvField('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
  });
  it('replaces each break with one space when asked', () => {
    expect(replaceLineBreaks('a\r\nb\nc\rd')).toBe('a b c d');
    expect(formatCsvField('a\r\nb', { newlines: 'replace' })).toBe('a b');
  });
  it('a replaced leading CR is no longer a trigger, a replaced value is still quoted for the delimiter', () => {
    expect(formatCsvField('\r\n=1', { newlines: 'replace' })).toBe(' =1');
    expect(formatCsvField('a,\nb', { newlines: 'replace' })).toBe('"a, b"');
  });
});

describe('formatCsvRow', () => {
  it('joins fields with the delimiter, applying kinds per column', () => {
    expect(formatCsvRow(['SKU-1', '-5', '-5', 'a;b'], { delimiter: ';', kinds: ['text', 'numeric', 'text', 'text'] })).toBe("SKU-1;-5;'-5;\"a;b\"");
  });
  it('writes empty fields as nothing', () => {
    expect(formatCsvRow(['', 'x', ''])).toBe(',x,');
  });
});

describe('createCsvFieldFormatter', () => {
  /** The composition the formatter must equal: replace, neutralise, quote. */
  function reference(value: string, delimiter: string, newlines: 'keep' | 'replace', kind: 'text' | 'numeric' | 'url'): string {
    let text = newlines === 'replace' ? replaceLineBreaks(value) : value;
    if (needsNeutralising(text, kind)) text = `'${text}`;
    return quoteCsvField(text, delimiter);
  }
  const values = ['', 'plain', 'a,b', 'a;b', 'a\tb', 'a b', 'say "hi"', '"', 'x\r\ny', '\r\n=1', '\n', '=1', '-5', '-5x', '+3.50', "'q", '😀x', 'a😀b', '\u00e9,\u00e9',
    // fast path (nothing to replace or quote) next to the slow one: triggers with and without a delimiter or break after them
    '\r=1', '\r', '\0', '@x', '\t1', '=a;b', '=a\tb', "='", '-5\n', '-', '.5', '+', 'x\r'];
  it.each([',', ';', '\t', ' ', '|', "'", '😀', '\\', ']', '^', '-'])('matches the reference composition for delimiter %j', (delimiter) => {
    for (const newlines of ['keep', 'replace'] as const) {
      const field = createCsvFieldFormatter({ delimiter, newlines });
      for (const kind of ['text', 'numeric', 'url'] as const) {
        for (const value of values) expect([value, field(value, kind)]).toEqual([value, reference(value, delimiter, newlines, kind)]);
      }
    }
  });
  it('leaves text alone when the guard is off', () => {
    expect(createCsvFieldFormatter({ formulaGuard: false })('=1,2')).toBe('"=1,2"');
  });
});
