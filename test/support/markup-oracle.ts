/** The markup regex and replacement stripHtml used before the scan (model/text.ts stripMarkup): the oracle it is held to. */
const MARKUP_RE = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/gi;
const BLOCK_TAGS = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article',
  'header', 'footer', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl',
]);

export function stripMarkupByRegex(html: string): string {
  return html.replace(MARKUP_RE, (_whole: string, _raw: string | undefined, name: string | undefined) =>
    name === undefined ? ' ' : BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : '');
}
