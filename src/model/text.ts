/**
 * Text clean-up shared by channels and reports: characters XML 1.0 forbids, HTML in descriptions,
 * HTML entities, XML escaping. Pure string functions.
 */

/** C0 controls except tab/LF/CR, U+FFFE/U+FFFF and lone surrogates: not XML 1.0 `Char`s. */
export const XML_FORBIDDEN_RE =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function removeXmlForbidden(text: string): string {
  XML_FORBIDDEN_RE.lastIndex = 0;
  if (!XML_FORBIDDEN_RE.test(text)) return text;
  XML_FORBIDDEN_RE.lastIndex = 0;
  return text.replace(XML_FORBIDDEN_RE, '');
}

/** One line: every run of whitespace (including newlines and no-break spaces) becomes one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
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

/** A whitespace run becomes one line break when it holds one, else one space. */
function collapseRun(run: string): string {
  return /[\n\r\u2028\u2029]/.test(run) ? '\n' : ' ';
}

/**
 * Plain text from HTML: script/style/comments dropped, block-level tags (`<br>`, `<p>`, `<li>`...)
 * become line breaks, other tags vanish, entities are decoded, spaces collapsed per line,
 * blank lines removed.
 */
export function stripHtml(html: string): string {
  const text = decodeEntities(html.includes('<') ? html.replace(MARKUP_RE, replaceMarkup) : html);
  return text.replace(/[\s\u00a0]+/g, collapseRun).trim();
}

const ESCAPE_RE =
  /[&<>"'\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** XML text: the five special characters escaped, non-XML characters removed. */
export function escapeXml(text: string): string {
  ESCAPE_RE.lastIndex = 0;
  if (!ESCAPE_RE.test(text)) return text;
  ESCAPE_RE.lastIndex = 0;
  return text.replace(ESCAPE_RE, (c) => ENTITY[c] ?? '');
}
