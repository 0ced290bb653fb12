/**
 * Text clean-up shared by channels and reports: characters XML 1.0 forbids, HTML in descriptions,
 * HTML entities, XML escaping. Pure string functions.
 */

/** C0 controls except tab/LF/CR, U+FFFE/U+FFFF and lone surrogates: not XML 1.0 `Char`s. */
export const XML_FORBIDDEN_RE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Whether the text holds a character XML_FORBIDDEN_RE matches. A charCode scan: most text holds
 * none, and this is far cheaper than running the regex.
 */
function hasXmlForbidden(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 9 && c !== 10 && c !== 13) return true;
    } else if (c >= 0xd800) {
      if (c <= 0xdbff) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next < 0xdc00 || next > 0xdfff) return true;
        i++; // a valid pair
      } else if (c <= 0xdfff || c >= 0xfffe) {
        return true; // a lone low surrogate (a paired one was skipped above), U+FFFE, U+FFFF
      }
    }
  }
  return false;
}

export function removeXmlForbidden(text: string): string {
  if (!hasXmlForbidden(text)) return text;
  XML_FORBIDDEN_RE.lastIndex = 0;
  return text.replace(XML_FORBIDDEN_RE, '');
}

/** `\s` (and what `String.prototype.trim` removes): Unicode White_Space plus line terminators and U+FEFF. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** U+000A, U+000D, U+2028, U+2029. */
export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Whitespace runs collapseSpaceRuns rewrites (away from the ends): two or more characters, or one other than a space (or a line feed, with `lineBreaks`). */
const REWRITTEN_RUN_LB_RE = /\s{2,}|[^\S \n]/g;
const REWRITTEN_RUN_RE = /\s{2,}|[^\S ]/g;

/**
 * Each whitespace run becomes one space, or one line break when `lineBreaks` is set and the run
 * holds one; runs at either end are dropped (so the result is trimmed). A lone space (or, with
 * `lineBreaks`, a lone line feed) is left in place, so typical text is returned as it is or
 * copied in a few large pieces rather than word by word. A regex finds the runs to rewrite (its
 * leftmost match starts a run: `\s{2,}` is tried first), which is about twice as fast as a charCode
 * loop over every character.
 */
function collapseSpaceRuns(text: string, lineBreaks: boolean): string {
  const n = text.length;
  let start = 0;
  while (start < n && isSpace(text.charCodeAt(start))) start++;
  if (start === n) return start === 0 ? text : '';
  let end = n;
  while (isSpace(text.charCodeAt(end - 1))) end--;
  const runs = lineBreaks ? REWRITTEN_RUN_LB_RE : REWRITTEN_RUN_RE;
  runs.lastIndex = start;
  let out = '';
  let last = start; // start of the text not yet copied to out
  for (let match = runs.exec(text); match !== null && match.index < end; match = runs.exec(text)) {
    const i = match.index;
    const j = i + match[0].length;
    let breaks = false;
    if (lineBreaks) {
      for (let k = i; k < j; k++) {
        if (isLineBreak(text.charCodeAt(k))) {
          breaks = true;
          break;
        }
      }
    }
    out += text.slice(last, i) + (breaks ? '\n' : ' ');
    last = j;
  }
  return last === 0 && end === n ? text : out + text.slice(last, end);
}

/** One line: every run of whitespace (including newlines and no-break spaces) becomes one space. */
export function collapseWhitespace(text: string): string {
  return collapseSpaceRuns(text, false);
}

/** HTML 4 Latin-1 entity names for U+00A0..U+00FF, in code point order. */
const LATIN1_NAMES = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const OTHER_ENTITIES: Record<string, number> = {
  amp: 38, lt: 60, gt: 62, quot: 34, apos: 39,
  OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207,
  ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222,
  dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243,
  lsaquo: 8249, rsaquo: 8250, euro: 8364, trade: 8482, larr: 8592, uarr: 8593, rarr: 8594, darr: 8595,
  harr: 8596, minus: 8722, infin: 8734, ne: 8800, le: 8804, ge: 8805, asymp: 8776,
};

export const HTML_ENTITIES: ReadonlyMap<string, number> = new Map([
  ...LATIN1_NAMES.map((name, i) => [name, 0xa0 + i] as [string, number]),
  ...Object.entries(OTHER_ENTITIES),
]);

export function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/** What the last parseEntity that returned true found: where it ends, and its code point (-1: none, it decodes to nothing). */
export const entityMatch = { end: 0, code: 0 };

/**
 * The entity `&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});` at `i` (a `&`):
 * false when there is none or its name is unknown (then it stays as written); else see entityMatch.
 */
export function parseEntity(text: string, i: number, n: number): boolean {
  let j = i + 1;
  if (j >= n) return false;
  const c = text.charCodeAt(j);
  if (c === 35) {
    j++;
    if (j >= n) return false;
    const d = text.charCodeAt(j);
    let start: number;
    let radix: number;
    if (isAsciiDigit(d)) {
      start = j;
      while (j < n && isAsciiDigit(text.charCodeAt(j))) j++;
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
    entityMatch.code = cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? -1 : cp;
    entityMatch.end = j + 1;
    return true;
  }
  if (!isAsciiLetter(c)) return false;
  j++;
  while (j < n) {
    const d = text.charCodeAt(j);
    if (!isAsciiLetter(d) && !isAsciiDigit(d)) break;
    j++;
  }
  const length = j - i - 1;
  if (length < 2 || length > 32 || j >= n || text.charCodeAt(j) !== 59) return false;
  const cp = HTML_ENTITIES.get(text.slice(i + 1, j));
  if (cp === undefined) return false;
  entityMatch.code = cp;
  entityMatch.end = j + 1;
  return true;
}

/**
 * `&eacute;`, `&#233;`, `&#xE9;` -> `é`. Unknown names stay as written (and are XML-escaped later).
 * A scan from `&` to `&` (the regex `&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`
 * as a replace, without a callback per entity).
 */
export function decodeEntities(text: string): string {
  let p = text.indexOf('&');
  if (p < 0) return text;
  const n = text.length;
  let out = '';
  let last = 0;
  while (p >= 0) {
    if (parseEntity(text, p, n)) {
      out += text.slice(last, p) + (entityMatch.code < 0 ? '' : String.fromCodePoint(entityMatch.code));
      last = entityMatch.end;
      p = last < n ? text.indexOf('&', last) : -1;
    } else {
      p = text.indexOf('&', p + 1);
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article',
  'header', 'footer', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl',
]);

export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 97 && (c | 0x20) <= 122;
}

/** `[A-Za-z0-9_]`: what `\b` looks at (no `u` flag). */
function isWordChar(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c) || c === 95;
}

/** Whether `text` at `at` holds `name` (lower-case ASCII letters), ignoring ASCII case. */
function hasNameAt(text: string, at: number, n: number, name: string): boolean {
  if (at + name.length > n) return false;
  for (let k = 0; k < name.length; k++) {
    if ((text.charCodeAt(at + k) | 0x20) !== name.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * What the last matchMarkup that returned true found: where the markup ends, and what replaces it
 * (a space for a comment or script/style, a line feed for a block-level tag, nothing for another tag).
 */
export const markupMatch = { end: 0, text: '' };

/** `<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)` (ignoring case) at `p` for one of the two names. */
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
        markupMatch.end = r + 1;
        markupMatch.text = ' ';
        return true;
      }
    }
    q = text.indexOf('<', q + 1);
  }
  markupMatch.end = n;
  markupMatch.text = ' ';
  return true;
}

/**
 * `/<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/i`
 * at `p` (a `<`): a comment, a script/style element with its content, or any other tag. False when
 * none of the three matches there; else see markupMatch.
 */
export function matchMarkup(text: string, p: number, n: number): boolean {
  if (text.startsWith('<!--', p)) {
    const close = text.indexOf('-->', p + 4);
    markupMatch.end = close < 0 ? n : close + 3;
    markupMatch.text = ' ';
    return true;
  }
  if (matchRawElement(text, p, n, 'script') || matchRawElement(text, p, n, 'style')) return true;
  let start = p + 1;
  if (start < n && text.charCodeAt(start) === 47) start++;
  if (start >= n || !isAsciiLetter(text.charCodeAt(start))) return false;
  let k = start + 1;
  while (k < n) {
    const c = text.charCodeAt(k);
    if (!isAsciiLetter(c) && !isAsciiDigit(c)) break;
    k++;
  }
  if (k < n && text.charCodeAt(k) === 95) return false; // no word boundary after the name
  const close = text.indexOf('>', k);
  if (close < 0) return false;
  markupMatch.end = close + 1;
  markupMatch.text = BLOCK_TAGS.has(text.slice(start, k).toLowerCase()) ? '\n' : '';
  return true;
}

/**
 * Comments and script/style elements become a space, block-level tags a line feed, other tags
 * vanish: the regex above as a replace, scanned from `<` to `<` without a callback per tag.
 */
export function stripMarkup(html: string): string {
  const n = html.length;
  let out = '';
  let last = 0;
  let p = html.indexOf('<');
  while (p >= 0) {
    if (matchMarkup(html, p, n)) {
      out += html.slice(last, p) + markupMatch.text;
      last = markupMatch.end;
      p = last < n ? html.indexOf('<', last) : -1;
    } else {
      p = html.indexOf('<', p + 1);
    }
  }
  return last === 0 ? html : out + html.slice(last);
}

/**
 * Plain text from HTML: script/style/comments dropped, block-level tags (`<br>`, `<p>`, `<li>`...)
 * become line breaks, other tags vanish, entities are decoded, spaces collapsed per line,
 * blank lines removed.
 */
export function stripHtml(html: string): string {
  return collapseSpaceRuns(decodeEntities(stripMarkup(html)), true);
}

/**
 * What escapeXml replaces or removes, and any surrogate (the loop keeps pairs). Without the `u` flag
 * the test costs about two thirds as much, and values holding emoji hold a quote or `&` as often as not.
 */
const ESCAPE_TEST_RE = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * XML text: the five special characters escaped, characters XML 1.0 forbids removed. A regex test
 * first (which also flattens the string), then a charCode loop instead of a replace callback per
 * match: descriptions hold a dozen quotes and ampersands each.
 */
export function escapeXml(text: string): string {
  if (!ESCAPE_TEST_RE.test(text)) return text;
  const n = text.length;
  let out = '';
  let last = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let entity: string;
    if (c >= 0x3f) {
      if (c < 0xd800) continue;
      if (c <= 0xdbff) {
        const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++; // a pair
          continue;
        }
        entity = '';
      } else if (c <= 0xdfff || c >= 0xfffe) {
        entity = ''; // a lone low surrogate (a paired one was skipped above), U+FFFE, U+FFFF
      } else {
        continue;
      }
    } else if (c >= 0x20) {
      if (c === 38) entity = '&amp;';
      else if (c === 60) entity = '&lt;';
      else if (c === 62) entity = '&gt;';
      else if (c === 34) entity = '&quot;';
      else if (c === 39) entity = '&apos;';
      else continue;
    } else if (c === 9 || c === 10 || c === 13) {
      continue;
    } else {
      entity = '';
    }
    out += text.slice(last, i) + entity;
    last = i + 1;
  }
  return out + text.slice(last);
}
