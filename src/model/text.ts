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

/**
 * Each whitespace run becomes one space, or one line break when `lineBreaks` is set and the run
 * holds one; runs at either end are dropped (so the result is trimmed). A lone space (or, with
 * `lineBreaks`, a lone line feed) is left in place, so typical text is returned as it is or
 * copied in a few large pieces rather than word by word.
 */
function collapseSpaceRuns(text: string, lineBreaks: boolean): string {
  const n = text.length;
  let out = '';
  let last = 0; // start of the text not yet copied to out
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

function codePointText(cp: number): string | undefined {
  if (!Number.isInteger(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/** `&eacute;`, `&#233;`, `&#xE9;` -> `é`. Unknown names stay as written (and are XML-escaped later). */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return codePointText(cp) ?? '';
    }
    const cp = HTML_ENTITIES.get(body);
    return cp === undefined ? whole : String.fromCharCode(cp);
  });
}

const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article',
  'header', 'footer', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl',
]);

/** Comments, script/style elements with their content, and any other tag, in one pass. */
const MARKUP_RE = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/gi;

function replaceMarkup(whole: string, _raw: string | undefined, name: string | undefined): string {
  if (name === undefined) return ' ';
  return BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : '';
}

/**
 * Plain text from HTML: script/style/comments dropped, block-level tags (`<br>`, `<p>`, `<li>`...)
 * become line breaks, other tags vanish, entities are decoded, spaces collapsed per line,
 * blank lines removed.
 */
export function stripHtml(html: string): string {
  const text = decodeEntities(html.includes('<') ? html.replace(MARKUP_RE, replaceMarkup) : html);
  return collapseSpaceRuns(text, true);
}

/** What escapeXml replaces or removes (with the `u` flag a surrogate pair is one code point, so only lone surrogates match). */
const ESCAPE_TEST_RE = /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u;

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
