/**
 * Description clean-up for Google in two passes instead of five: markup removal (a scan from `<` to
 * `<`, the same matches as stripHtml's regex), then one scan that decodes entities, collapses
 * whitespace runs and drops characters XML 1.0 forbids. Same result as `removeXmlForbidden(stripHtml(html))` from model/text.ts, which
 * the differential test in test/channels/google/clean-text.test.ts holds it to.
 */
import { HTML_ENTITIES, isLineBreak, isSpace } from '../../model/text.js';

const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article',
  'header', 'footer', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl',
]);

/** A code unit that is kept as it is: not whitespace, `&`, `<`, a surrogate nor forbidden in XML. */
function isPlain(c: number): boolean {
  if (c < 0x7f) return c > 0x20 && c !== 38 && c !== 60;
  if (c < 0xa0) return true;
  if (c >= 0xd800) return c >= 0xe000 && c < 0xfffe && c !== 0xfeff;
  return !isSpace(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

function isAlpha(c: number): boolean {
  return (c | 0x20) >= 97 && (c | 0x20) <= 122;
}

/**
 * Whether `text` is already one clean line: nothing that removeXmlForbidden or collapseWhitespace
 * (and, with `entities`, decodeEntities) of model/text.ts would change. Plain characters, surrogate
 * pairs, single spaces between them and, with `entities`, only `&`s that start no entity. One scan
 * instead of two or three passes for the usual short value; any other text takes those passes.
 */
export function isCleanLine(text: string, entities: boolean): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x7f) {
      if (c > 0x20) {
        if (c === 38 && entities && parseEntity(text, i, n)) return false;
      } else if (c !== 32 || i === 0 || i + 1 === n || text.charCodeAt(i + 1) === 32) {
        return false; // a control, or a space at either end or before another one
      }
    } else if (c >= 0xd800) {
      if (c <= 0xdbff) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next < 0xdc00 || next > 0xdfff) return false;
        i++; // a pair
      } else if (c <= 0xdfff || c >= 0xfffe || c === 0xfeff) {
        return false; // a lone low surrogate, U+FFFE, U+FFFF, U+FEFF (whitespace)
      }
    } else if (c >= 0xa0 && isSpace(c)) {
      return false;
    }
  }
  return true;
}

/** Where the last entity parsed by parseEntity ends, and its code point (-1: decodes to nothing). */
let entityEnd = 0;
let entityCode = 0;

/**
 * The entity `&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});` at `i` (a `&`):
 * false when there is none or its name is unknown (then it stays as written, as in decodeEntities).
 */
function parseEntity(text: string, i: number, n: number): boolean {
  let j = i + 1;
  if (j >= n) return false;
  const c = text.charCodeAt(j);
  if (c === 35) {
    j++;
    if (j >= n) return false;
    const d = text.charCodeAt(j);
    let start: number;
    let radix: number;
    if (isDigit(d)) {
      start = j;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      if (j - start > 7) return false;
      radix = 10;
    } else if (d === 120 || d === 88) {
      start = ++j;
      while (j < n && isHexDigit(text.charCodeAt(j))) j++;
      if (j === start || j - start > 6) return false;
      radix = 16;
    } else {
      return false;
    }
    if (j >= n || text.charCodeAt(j) !== 59) return false;
    const cp = parseInt(text.slice(start, j), radix);
    entityCode = cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? -1 : cp;
    entityEnd = j + 1;
    return true;
  }
  if (!isAlpha(c)) return false;
  j++;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (!isAlpha(d) && !isDigit(d)) break;
    j++;
  }
  const length = j - i - 1;
  if (length < 2 || length > 32 || j >= n || text.charCodeAt(j) !== 59) return false;
  const cp = HTML_ENTITIES.get(text.slice(i + 1, j));
  if (cp === undefined) return false;
  entityCode = cp;
  entityEnd = j + 1;
  return true;
}

/**
 * `removeXmlForbidden(collapseSpaceRuns(decodeEntities(text), true))` in one scan: entities
 * decoded, each whitespace run (raw or decoded) one space or, when it holds a line break, one line
 * feed, runs at either end dropped, then characters XML 1.0 forbids removed (they still count as
 * text for the whitespace rule, as they would before their removal). Unchanged stretches are copied
 * in large slices.
 */
export function decodeCollapseClean(text: string): string {
  return scanText(text, false)!;
}

/** Whether the entity-like text (`&`, then `#` and letters or digits) at `i` runs into a `<`. */
function entityMeetsMarkup(text: string, i: number, n: number): boolean {
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c !== 35 && !isAlpha(c) && !isDigit(c)) break;
    j++;
  }
  return j < n && text.charCodeAt(j) === 60;
}

/**
 * decodeCollapseClean, and with `markup` also stripMarkup in the same scan: a comment or
 * script/style element is a space, a block tag a line feed, another tag nothing. Undefined when
 * removing a tag could join what the decoding sees (`&am<i>p;`, a surrogate pair around a tag):
 * then the caller strips the markup first.
 */
function scanText(text: string, markup: boolean): string | undefined {
  const n = text.length;
  let out = '';
  let last = 0; // start of the text not yet copied to out (all of it kept as it is)
  let started = false; // some non-whitespace text came before (kept or dropped)
  let pending = 0; // whitespace run since the last text: 0 none, 1 a space, 2 a line break; only when started
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (pending === 0) {
      if (c < 0x7f ? c > 0x20 && c !== 38 && c !== 60 : c < 0xd800 ? c >= 0xa0 ? !isSpace(c) : true : c >= 0xe000 && c < 0xfffe && c !== 0xfeff) {
        i++;
        continue;
      }
      // A lone space or line feed between two plain characters stays in place.
      if ((c === 32 || c === 10) && i > last && i + 1 < n && isPlain(text.charCodeAt(i + 1))) {
        i += 2;
        continue;
      }
    }
    // 0: kept text of `size` units; 1: whitespace; 2: dropped text of `size` units; 3: decoded text
    let kind: number;
    let size = 1;
    let code = c;
    if (c === 60 && markup && matchMarkup(text, i, n)) {
      size = markupEnd - i;
      if (markupText === '') {
        // A tag that vanishes: as if absent.
        out += text.slice(last, i);
        if (i > last) started = true;
        last = i = markupEnd;
        continue;
      }
      kind = 1;
      code = markupText === '\n' ? 10 : 32;
    } else if (c === 38 && parseEntity(text, i, n)) {
      size = entityEnd - i;
      code = entityCode;
      if (code < 0) {
        // An entity that decodes to nothing: as if absent.
        out += text.slice(last, i);
        if (i > last) started = true;
        last = i = entityEnd;
        continue;
      }
      if (isSpace(code)) kind = 1;
      else if ((code < 0x20 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffe || code === 0xffff) kind = 2;
      else kind = 3;
    } else if (c === 38 && markup && entityMeetsMarkup(text, i, n)) {
      return undefined;
    } else if (isSpace(c)) {
      kind = 1;
    } else if (c < 0x20 || c === 0xfffe || c === 0xffff) {
      kind = 2;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate pairs with the next low one of the decoded text, so past entities that
      // decode to nothing (`\uD83D&#0;\uDE00` is a pair once decoded).
      let k = i + 1;
      if (c <= 0xdbff) {
        while (k < n && text.charCodeAt(k) === 38 && parseEntity(text, k, n) && entityCode < 0) k = entityEnd;
      }
      const next = c <= 0xdbff && k < n ? text.charCodeAt(k) : 0;
      if (next === 60 && markup) return undefined;
      if (next >= 0xdc00 && next <= 0xdfff) {
        if (k === i + 1) {
          kind = 0;
          size = 2;
        } else {
          kind = 3;
          code = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
          size = k + 1 - i;
        }
      } else {
        kind = 2; // a lone surrogate (a low one after a high one was taken with it)
      }
    } else {
      kind = 0;
    }
    if (kind === 1) {
      if (i > last) {
        out += text.slice(last, i);
        started = true;
      }
      if (started) {
        const breaks = isLineBreak(code) ? 2 : 1;
        if (breaks > pending) pending = breaks;
      }
      last = i = i + size;
      continue;
    }
    // Text: the pending whitespace run (if any) becomes its separator first.
    if (pending !== 0) {
      out += pending === 2 ? '\n' : ' ';
      pending = 0;
    }
    started = true;
    if (kind === 0) {
      i += size;
      continue;
    }
    out += text.slice(last, i);
    if (kind === 3) out += String.fromCodePoint(code);
    last = i = i + size;
  }
  if (last === 0) return text;
  return out + text.slice(last, i);
}

/** `[A-Za-z0-9_]`: what `\b` looks at (no `u` flag). */
function isWordChar(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c === 95;
}

/** Whether `text` at `at` holds `name` (lower-case ASCII letters), ignoring ASCII case. */
function hasNameAt(text: string, at: number, n: number, name: string): boolean {
  if (at + name.length > n) return false;
  for (let k = 0; k < name.length; k++) {
    if ((text.charCodeAt(at + k) | 0x20) !== name.charCodeAt(k)) return false;
  }
  return true;
}

/** Where the last markup matched by matchMarkup ends, and what replaces it. */
let markupEnd = 0;
let markupText = '';

/** `<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)` at `p` for one of the two names. */
function matchRawElement(text: string, p: number, n: number, name: string): boolean {
  const k = p + 1 + name.length;
  if (!hasNameAt(text, p + 1, n, name) || (k < n && isWordChar(text.charCodeAt(k)))) return false;
  const open = text.indexOf('>', k);
  if (open < 0) return false;
  let q = text.indexOf('<', open + 1);
  while (q >= 0) {
    if (q + 1 < n && text.charCodeAt(q + 1) === 47 && hasNameAt(text, q + 2, n, name)) {
      let r = q + 2 + name.length;
      while (r < n && isSpace(text.charCodeAt(r))) r++;
      if (r < n && text.charCodeAt(r) === 62) {
        markupEnd = r + 1;
        markupText = ' ';
        return true;
      }
    }
    q = text.indexOf('<', q + 1);
  }
  markupEnd = n;
  markupText = ' ';
  return true;
}

/** MARKUP_RE of stripHtml at `p` (a `<`): false when none of its three alternatives matches there. */
function matchMarkup(text: string, p: number, n: number): boolean {
  if (text.startsWith('<!--', p)) {
    const close = text.indexOf('-->', p + 4);
    markupEnd = close < 0 ? n : close + 3;
    markupText = ' ';
    return true;
  }
  if (matchRawElement(text, p, n, 'script') || matchRawElement(text, p, n, 'style')) return true;
  let start = p + 1;
  if (start < n && text.charCodeAt(start) === 47) start++;
  if (start >= n || !isAlpha(text.charCodeAt(start))) return false;
  let k = start + 1;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (!isAlpha(c) && !isDigit(c)) break;
    k++;
  }
  if (k < n && text.charCodeAt(k) === 95) return false; // no word boundary after the name
  const close = text.indexOf('>', k);
  if (close < 0) return false;
  markupEnd = close + 1;
  markupText = BLOCK_TAGS.has(text.slice(start, k).toLowerCase()) ? '\n' : '';
  return true;
}

/**
 * `html.replace(MARKUP_RE, replaceMarkup)` without a callback per tag: comments and script/style
 * elements become a space, block-level tags a line feed, other tags nothing.
 */
export function stripMarkup(html: string): string {
  const n = html.length;
  let out = '';
  let last = 0;
  let p = html.indexOf('<');
  while (p >= 0) {
    if (matchMarkup(html, p, n)) {
      out += html.slice(last, p) + markupText;
      last = markupEnd;
      p = last < n ? html.indexOf('<', last) : -1;
    } else {
      p = html.indexOf('<', p + 1);
    }
  }
  return last === 0 ? html : out + html.slice(last);
}

/** Plain text from a description: `removeXmlForbidden(stripHtml(html))` of model/text.ts. */
export function cleanDescription(html: string): string {
  if (!html.includes('<')) return scanText(html, false)!;
  return scanText(html, true) ?? scanText(stripMarkup(html), false)!;
}
