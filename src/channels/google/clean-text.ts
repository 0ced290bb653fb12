/**
 * Description clean-up for Google in two passes instead of five: markup removal (a scan from `<` to
 * `<`, the same matches as stripHtml's regex), then one scan that decodes entities, collapses
 * whitespace runs and drops characters XML 1.0 forbids. Same result as `removeXmlForbidden(stripHtml(html))` from model/text.ts, which
 * the differential test in test/channels/google/clean-text.test.ts holds it to.
 */
import { entityMatch, isAsciiDigit, isAsciiLetter, isLineBreak, isSpace, markupMatch, matchMarkup, parseEntity, stripMarkup } from '../../model/text.js';

/** A code unit that is kept as it is: not whitespace, `&`, `<`, a surrogate nor forbidden in XML. */
function isPlain(c: number): boolean {
  if (c < 0x7f) return c > 0x20 && c !== 38 && c !== 60;
  if (c < 0xa0) return true;
  if (c >= 0xd800) return c >= 0xe000 && c < 0xfffe && c !== 0xfeff;
  return !isSpace(c);
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
    if (c !== 35 && !isAsciiLetter(c) && !isAsciiDigit(c)) break;
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
      size = markupMatch.end - i;
      if (markupMatch.text === '') {
        // A tag that vanishes: as if absent.
        out += text.slice(last, i);
        if (i > last) started = true;
        last = i = markupMatch.end;
        continue;
      }
      kind = 1;
      code = markupMatch.text === '\n' ? 10 : 32;
    } else if (c === 38 && parseEntity(text, i, n)) {
      size = entityMatch.end - i;
      code = entityMatch.code;
      if (code < 0) {
        // An entity that decodes to nothing: as if absent.
        out += text.slice(last, i);
        if (i > last) started = true;
        last = i = entityMatch.end;
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
        while (k < n && text.charCodeAt(k) === 38 && parseEntity(text, k, n) && entityMatch.code < 0) k = entityMatch.end;
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

/** Plain text from a description: `removeXmlForbidden(stripHtml(html))` of model/text.ts. */
export function cleanDescription(html: string): string {
  if (!html.includes('<')) return scanText(html, false)!;
  return scanText(html, true) ?? scanText(stripMarkup(html), false)!;
}
