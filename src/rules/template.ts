/**
 * Templates over product fields: `{brand} {title} - {color}`. A missing field renders empty, and the
 * separators it leaves behind are tidied (`Acme Tee - ` -> `Acme Tee`). `{{` and `}}` are literal braces.
 */
import { fieldFor, type Product } from '../model/product.js';

export type Template = (product: Product) => string;

export function compileTemplate(source: string, channel: string): Template {
  const parts: Array<string | { field: string }> = [];
  const re = /\{\{|\}\}|\{([a-zA-Z0-9_.]+)\}/g;
  let last = 0;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    parts.push(source.slice(last, m.index));
    if (m[0] === '{{') parts.push('{');
    else if (m[0] === '}}') parts.push('}');
    else parts.push({ field: m[1]! });
    last = m.index + m[0].length;
  }
  parts.push(source.slice(last));
  return (product) => {
    let out = '';
    let missing = false;
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else {
        const value = fieldFor(product, channel, part.field);
        if (value === undefined) missing = true;
        else out += value;
      }
    }
    return missing ? tidy(out) : out;
  };
}

/** Collapse the gaps a missing field leaves: repeated spaces, dangling ` - `, `()`, leading/trailing separators. */
function tidy(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/\s+([,;:|/-])(\s*[,;:|/-])+/g, ' $1')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,;:|/-]+|[\s,;:|/-]+$/g, '');
}
