import { describe, expect, it } from 'vitest';
import { randomStrings } from '../support/random.js';
import { stripMarkupByRegex } from '../support/markup-oracle.js';
import { HTML_ENTITIES, collapseWhitespace, decodeEntities, isLineBreak, isSpace, stripHtml, stripMarkup } from '../../src/model/text.js';

// The oracle of the whitespace fast paths: the loop they replaced.
function collapseByLoop(text: string, lineBreaks: boolean): string {
  const n = text.length;
  let out = '';
  let last = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) {
      i++;
      continue;
    }
    let breaks = lineBreaks && isLineBreak(c);
    let j = i + 1;
    for (; j < n; j++) {
      const d = text.charCodeAt(j);
      if (!isSpace(d)) break;
      if (lineBreaks && !breaks && isLineBreak(d)) breaks = true;
    }
    if (i === 0 || j === n) {
      out += text.slice(last, i);
      last = j;
    } else if (j !== i + 1 || (c !== 32 && !(lineBreaks && c === 10))) {
      out += text.slice(last, i) + (breaks ? '\n' : ' ');
      last = j;
    }
    i = j;
  }
  return last === 0 ? text : out + text.slice(last);
}

function decodeEntitiesByRegex(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return !Number.isInteger(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '' : String.fromCodePoint(cp);
    }
    const cp = HTML_ENTITIES.get(body);
    return cp === undefined ? whole : String.fromCharCode(cp);
  });
}

function stripHtmlOracle(html: string): string {
  return collapseByLoop(decodeEntitiesByRegex(html.includes('<') ? stripMarkupByRegex(html) : html), true);
}

function expectSame(inputs: Iterable<string>): void {
  const wrong: string[] = [];
  for (const input of inputs) {
    if (stripHtml(input) !== stripHtmlOracle(input)) wrong.push(`stripHtml ${JSON.stringify(input)}`);
    if (stripMarkup(input) !== stripMarkupByRegex(input)) wrong.push(`stripMarkup ${JSON.stringify(input)}`);
    if (collapseWhitespace(input) !== collapseByLoop(input, false)) wrong.push(`collapseWhitespace ${JSON.stringify(input)}`);
    if (decodeEntities(input) !== decodeEntitiesByRegex(input)) wrong.push(`decodeEntities ${JSON.stringify(input)}`);
    if (wrong.length >= 5) break;
  }
  expect(wrong).toEqual([]);
}


const TOKENS = [
  'a', 'b', 'Z', '9', ' ', '  ', '   ', '\n', '\n\n', '\r\n', '\r', '\t', '\x0B', '\x0C', '\u00A0', '\u2028', '\u2029',
  '\u3000', '\uFEFF', '\u0085', '\u200B', '\u2000', '\u200A', '\u202F', '\u205F', '\u1680', '\u180E', '\x00', 'é', '日',
  '\uD83D\uDE00', '&', '&amp;', '&nbsp;', '&#10;', '&#32;', '&#x2028;', '&#9;', '&lt;p&gt;', '<', '>', '/', '<b>', '</b>',
  '<B>', '<br>', '<BR/>', '<p>', '</p>', '<P class="x">', '<li>', '</li>', '<ul>', '<h7>', '<div\n>', '<span>', '<b',
  '<b_x>', '<1>', '< b>', '<!--', '-->', '<!-- c -->', '<!-->', '<script>', '</script>', '<SCRIPT type="x">', '</Script >',
  '</script\n>', '<style>', '</style>', '<scripts>', '<script_x>', '<styles>', '<i>', '</SCRIPT\t>', '</script \u00A0>',
  '<style a>', '</styl>', '<!---->', '<!--->', '<a_b>', '<a1>', '</>', '<//b>', '<\u017Fcript>', '<STYLE>', '</STYLE>',
  '<Table>', '<blockquote >', '<scr', 'ipt>', ';', '#', 'x', 'amp', '&AMP;', '&lt;', '&quot;', '&ensp;', '&eacute;', '&euro;',
  '&unknown;', '&#0;', '&#1;', '&#65279;', '&#xA0;', '&#xD800;', '&#x1F600;', '&#x10FFFF;', '&#x110000;', '&#1114111;',
  '&#1114112;', '&#1234567;', '&#12345678;', '&#x123456;', '&#x1234567;', '&#;', '&#x;', '&#0x41;', '&#65', '&#x41', '&amp',
  '&a;', '&ab;', '&' + 'a'.repeat(31) + ';', '&' + 'a'.repeat(32) + ';', '&a1;', '&1a;', '&am&amp;', '&&lt;', '&am<i>p;',
];


describe('stripHtml, stripMarkup and collapseWhitespace fast paths', () => {
  it('match the regex/loop oracles for every UTF-16 code unit, alone and in context', () => {
    const inputs: string[] = [];
    for (let u = 0; u < 0x10000; u++) {
      const ch = String.fromCharCode(u);
      inputs.push(ch, `&#${u};`, `&#x${u.toString(16)};`, `&a${ch};`, `&${ch}amp;`, `a${ch}b`, ` ${ch} `, `a ${ch} b`, `a${ch} b`, `a ${ch}b`, `x\n${ch}\ny`, `${ch}${ch}`, `<p>${ch}</p>`, `<b${ch}>t`, `</${ch}b>`);
    }
    expectSame(inputs);
  });

  it('match them on random HTML-ish strings', () => {
    for (let seed = 1; seed <= 4; seed++) expectSame(randomStrings(TOKENS, seed, 30_000, 12));
    expectSame(randomStrings(TOKENS, 5, 10_000, 60));
  });

  it('match them on every pair of tokens', () => {
    const inputs: string[] = [];
    for (const a of TOKENS) for (const b of TOKENS) inputs.push(a + b, `x${a}y${b}z`, `${a} ${b}`, ` ${a}\n${b} `);
    expectSame(inputs);
  });

  it('strip, decode and collapse (spot checks)', () => {
    expect(stripHtml('<p>Tom &amp; Jerry</p><p> two&nbsp;&nbsp;words </p>')).toBe('Tom & Jerry\ntwo words');
    expect(stripHtml('a<ul><li>one</li><li>two</li></ul>, b')).toBe('a\none\ntwo\n, b');
    expect(stripHtml('  <script>x</script> lead  \r\n trail ')).toBe('lead\ntrail');
    expect(stripHtml('')).toBe('');
    expect(stripHtml(' \n ')).toBe('');
    expect(collapseWhitespace('a\n b\t\tc ')).toBe('a b c');
    const plain = 'Already clean text, with single spaces';
    expect(collapseWhitespace(plain)).toBe(plain);
  });
});
