import { describe, expect, it } from 'vitest';
import { cleanDescription, decodeCollapseClean, isCleanLine } from '../../../src/channels/google/clean-text.js';
import { escapeXml } from '../../../src/channels/google/xml-format.js';
import { collapseWhitespace, decodeEntities, removeXmlForbidden, stripHtml, stripMarkup } from '../../../src/model/text.js';
import { stripMarkupByRegex } from '../../support/markup-oracle.js';
import { randomStrings } from '../../support/random.js';

/** The regex escape escapeXml replaced, kept as the oracle the loop is held to. */
const ORACLE_ESCAPE_RE = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const ORACLE_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
function escapeXmlOracle(text: string): string {
  return text.replace(ORACLE_ESCAPE_RE, (c) => ORACLE_ENTITY[c] ?? '');
}


/** The oracle: the five-pass clean-up the description used before (model/text.ts). */
function oracle(text: string): string {
  return removeXmlForbidden(stripHtml(text));
}

function expectSame(inputs: Iterable<string>): void {
  const wrong: string[] = [];
  for (const input of inputs) {
    if (cleanDescription(input) !== oracle(input)) wrong.push(input);
    if (stripMarkup(input) !== stripMarkupByRegex(input)) wrong.push(input);
    // Without `<` stripHtml is entity decoding + whitespace collapse, which decodeCollapseClean replaces.
    if (!input.includes('<') && decodeCollapseClean(input) !== oracle(input)) wrong.push(input);
    if (wrong.length >= 5) break;
  }
  expect(wrong.map((w) => JSON.stringify(w))).toEqual([]);
}


const TOKENS = [
  'a', 'b', 'Z', '9', '0', ' ', '  ', '\n', '\r\n', '\t', '\x0B', '\x0C', '\u00A0', '\u2028', '\u2029', '\u3000', '\uFEFF',
  '\u0085', '\u200B', '\x00', '\x01', '\x1F', '\x7F', '\uFFFE', '\uFFFF', '\uFFFD', '\uD83D', '\uDE00', '\uD83D\uDE00',
  '\uDBFF', '\uDC00', 'é', '日', '&', ';', '#', 'x', 'X', 'amp', 'nbsp', '&amp;', '&AMP;', '&lt;', '&gt;', '&quot;',
  '&apos;', '&nbsp;', '&ensp;', '&emsp;', '&thinsp;', '&zwnj;', '&eacute;', '&Eacute;', '&euro;', '&unknown;',
  '&#32;', '&#10;', '&#13;', '&#9;', '&#11;', '&#0;', '&#1;', '&#31;', '&#65279;', '&#x2028;', '&#xA0;', '&#xFFFE;',
  '&#xFFFF;', '&#xD800;', '&#xDFFF;', '&#x1F600;', '&#x10FFFF;', '&#x110000;', '&#1114111;', '&#1114112;',
  '&#1234567;', '&#12345678;', '&#x123456;', '&#x1234567;', '&#;', '&#x;', '&#0x41;', '&#65', '&#x41', '&amp',
  '&a;', '&ab;', '&' + 'a'.repeat(31) + ';', '&' + 'a'.repeat(32) + ';', '&a1;', '&1a;', '&am&amp;', '&&lt;',
  '<', '>', '/', '<b>', '</b>', '<B>', '<br>', '<BR/>', '<br/>', '<p>', '</p>', '<P class="x">', '<li>', '</li>',
  '<ul>', '<h1>', '<h7>', '<hr>', '<div\n>', '<span>', '<a href="&amp;">', '<b', '<b_x>', '<1>', '< b>', '<!--',
  '-->', '<!-- c -->', '<!-->', '<script>', '</script>', '<SCRIPT type="x">', '</Script >', '</script\n>',
  '<style>', '</style>', '<scripts>', '<script_x>', '<styles>', '&am<i>p;', 'p;', '<i>', '&#x3C;b&#x3E;', '&lt;p&gt;',
  '<script>x</script>', '</SCRIPT\t>', '</script \u00A0>', '<style a>', '</styl>', '<!---->', '<!--->', '<a_b>', '<a1>',
  '</>', '<//b>', '\u017Fcript', '<\u017Fcript>', '<STYLE>', '</STYLE>', '<Table>', '<TD>', '<blockquote >', '<scr', 'ipt>',
  '\u2000', '\u200A', '\u202F', '\u205F', '\u1680', '\u180E',
];


describe('google description clean-up (cleanDescription)', () => {
  it('matches removeXmlForbidden(stripHtml(x)) for every UTF-16 code unit, alone and in context', () => {
    const inputs: string[] = [];
    for (let u = 0; u < 0x10000; u++) {
      const ch = String.fromCharCode(u);
      inputs.push(ch, `a${ch}b`, ` ${ch} `, `a ${ch} b`, `a${ch} b`, `x\n${ch}\ny`, `&amp;${ch}&amp;`, `${ch}\uDC00`,
        `\uD83D${ch}`, `\uD83D&#0;${ch}`, `${ch}&#x110000;\uDE00`, `&#${u};`, `&#x${u.toString(16)};`, `a &#${u}; b`, `<p>${ch}</p>`, `<b${ch}>t`);
    }
    expectSame(inputs);
  });

  it('matches it on random HTML-ish strings', () => {
    for (let seed = 1; seed <= 4; seed++) expectSame(randomStrings(TOKENS, seed, 40_000, 12));
    expectSame(randomStrings(TOKENS, 5, 10_000, 60));
  });

  it('matches it on every pair of tokens', () => {
    const inputs: string[] = [];
    for (const a of TOKENS) for (const b of TOKENS) inputs.push(a + b, `x${a}y${b}z`, `${a} ${b}`);
    expectSame(inputs);
  });

  it('matches it on the bench catalog descriptions style', () => {
    expectSame([
      'Gift-ready packaging — perfect for birthdays & holidays 🎁. Includes: 1 × unit, <ul><li>Zip pockets</li><li>Reflective trim</li></ul>, Wash at 30 °C.\nMade for everyday use 👍🏽\nSay "hello"',
      '<b>Limited edition</b> &amp; numbered, <p>Designed in Berlin; assembled in Porto.</p>, The "all-weather" finish',
      '   <p>  lead </p>\n\n<p>trail</p>   ',
      '',
    ]);
  });

  it('decodes, collapses and drops forbidden characters (spot checks)', () => {
    expect(cleanDescription('<p>Tom &amp; Jerry</p><p> two&nbsp;&nbsp;words </p>')).toBe('Tom & Jerry\ntwo words');
    expect(cleanDescription('a \x01 b')).toBe('a  b');
    expect(cleanDescription('\x01 a')).toBe(' a');
    expect(cleanDescription('&am<i>p; x')).toBe('& x');
    expect(cleanDescription('a\uD800b\uDC00c\uD83D\uDE00')).toBe('abc\uD83D\uDE00');
    expect(cleanDescription('\uD83D&#0;\uDE00')).toBe('\uD83D\uDE00');
  });
});

describe('XML escaping (escapeXml of model/text.ts, used by xml-format.ts)', () => {
  function expectSameEscape(inputs: Iterable<string>): void {
    const wrong: string[] = [];
    for (const input of inputs) {
      if (escapeXml(input) !== escapeXmlOracle(input)) wrong.push(JSON.stringify(input));
      if (wrong.length >= 5) break;
    }
    expect(wrong).toEqual([]);
  }

  it('matches the regex oracle for every UTF-16 code unit, alone and in context', () => {
    const inputs: string[] = [];
    for (let u = 0; u < 0x10000; u++) {
      const ch = String.fromCharCode(u);
      inputs.push(ch, `a${ch}b`, `&${ch}"`, `${ch}\uDC00`, `\uD83D${ch}`, `${ch}${ch}`, `<${ch}\uD83D\uDE00${ch}>`);
    }
    expectSameEscape(inputs);
  });

  it('matches it on random strings and on every pair of tokens', () => {
    for (let seed = 11; seed <= 13; seed++) expectSameEscape(randomStrings(TOKENS, seed, 30_000, 14));
    const inputs: string[] = [];
    for (const a of TOKENS) for (const b of TOKENS) inputs.push(a + b, `x${a}y${b}z`);
    expectSameEscape(inputs);
  });
});

describe('clean-line fast path (isCleanLine)', () => {
  /** The passes isCleanLine lets normalize.ts skip: a clean line must come out of them unchanged. */
  function expectFastPathSafe(inputs: Iterable<string>): number {
    const wrong: string[] = [];
    let clean = 0;
    for (const input of inputs) {
      if (isCleanLine(input, false)) {
        clean++;
        if (collapseWhitespace(removeXmlForbidden(input)) !== input) wrong.push(JSON.stringify(input));
      }
      if (isCleanLine(input, true)) {
        clean++;
        if (collapseWhitespace(removeXmlForbidden(decodeEntities(input))) !== input) wrong.push(JSON.stringify(input));
      }
      if (wrong.length >= 5) break;
    }
    expect(wrong).toEqual([]);
    return clean;
  }

  it('only passes text the slow passes leave unchanged, for every UTF-16 code unit in context', () => {
    const inputs: string[] = [];
    for (let u = 0; u < 0x10000; u++) {
      const ch = String.fromCharCode(u);
      inputs.push(ch, `a${ch}b`, ` ${ch}`, `${ch} `, `a ${ch} b`, `a${ch} b`, `${ch}\uDC00`, `\uD83D${ch}`, `&${ch}`, `&#${u};`, `&a${ch};`);
    }
    expect(expectFastPathSafe(inputs)).toBeGreaterThan(100_000);
  });

  it('only passes such text on random strings and every pair of tokens', () => {
    for (let seed = 21; seed <= 23; seed++) expectFastPathSafe(randomStrings(TOKENS, seed, 30_000, 8));
    const inputs: string[] = [];
    for (const a of TOKENS) for (const b of TOKENS) inputs.push(a + b, `x${a}y${b}z`, `${a} ${b}`);
    expect(expectFastPathSafe(inputs)).toBeGreaterThan(1000);
  });

  it('passes the usual values and rejects what needs work', () => {
    expect(isCleanLine('Bergström & Söhne Vintage Water Bottle, Sand 😀', true)).toBe(true);
    expect(isCleanLine('Apparel & Accessories > Clothing', false)).toBe(true);
    expect(isCleanLine('Tom &amp; Jerry', false)).toBe(true);
    expect(isCleanLine('Tom &amp; Jerry', true)).toBe(false);
    expect(isCleanLine('Tom &unknown; Jerry', true)).toBe(true);
    for (const text of [' a', 'a ', 'a  b', 'a\tb', 'a\nb', 'a\u00A0b', 'a\uFEFF', 'a\x01', '\uD83D', '\uDE00a', 'a\uFFFE']) {
      expect([JSON.stringify(text), isCleanLine(text, false)]).toEqual([JSON.stringify(text), false]);
    }
  });
});
