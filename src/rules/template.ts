/**
 * Value templates over product fields: `{brand} {title}`, `{price:amount}`, `{{` and `}}` for
 * literal braces. A template is compiled once per config; rendering is pure and reads values
 * through a lookup (rules read product fields; marketplace columns also computed values such as
 * `{quantity}` and `{price:amount}`). An empty placeholder leaves no gap behind: doubled spaces,
 * empty brackets and dangling separators go (`{brand} {title} - {color}` without brand and color
 * is `title`).
 */
export type TemplateModifier = 'amount' | 'currency' | 'first';

export const TEMPLATE_MODIFIERS: readonly TemplateModifier[] = ['amount', 'currency', 'first'];

export type TemplatePart = { text: string } | { field: string; modifier?: TemplateModifier };

export interface Template {
  source: string;
  parts: TemplatePart[];
  /** Field names the template reads, in order. */
  fields: string[];
}

export type TemplateResult = { ok: true; template: Template } | { ok: false; reason: string };

const PLACEHOLDER_RE = /^([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)(?::([a-z]+))?$/;

export function compileTemplate(source: string): TemplateResult {
  const parts: TemplatePart[] = [];
  let text = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if ((ch === '{' || ch === '}') && source[i + 1] === ch) {
      text += ch;
      i++;
      continue;
    }
    if (ch === '}') return { ok: false, reason: `unmatched "}" at position ${i + 1} (write "}}" for a literal brace)` };
    if (ch !== '{') {
      text += ch;
      continue;
    }
    const close = source.indexOf('}', i + 1);
    if (close < 0) return { ok: false, reason: `unclosed "{" at position ${i + 1}` };
    const inner = source.slice(i + 1, close).trim();
    const match = PLACEHOLDER_RE.exec(inner);
    if (!match) return { ok: false, reason: `"{${inner}}" is not a field name (letters, digits, _ and .)` };
    const [, field = '', modifier] = match;
    if (modifier !== undefined && !TEMPLATE_MODIFIERS.includes(modifier as TemplateModifier)) {
      return { ok: false, reason: `"{${inner}}": unknown modifier "${modifier}" (known: ${TEMPLATE_MODIFIERS.join(', ')})` };
    }
    if (text !== '') parts.push({ text });
    text = '';
    parts.push(modifier === undefined ? { field } : { field, modifier: modifier as TemplateModifier });
    i = close;
  }
  if (text !== '') parts.push({ text });
  const fields = parts.flatMap((part) => ('field' in part ? [part.field] : []));
  return { ok: true, template: { source, parts, fields } };
}

/** Reads one placeholder's value; undefined renders as nothing. */
export type TemplateLookup = (field: string, modifier: TemplateModifier | undefined) => string | undefined;

export function renderTemplate(template: Template, lookup: TemplateLookup): string {
  const [only] = template.parts;
  // A lone placeholder is the value itself, spaces and line breaks included.
  if (template.parts.length === 1 && only && 'field' in only) return lookup(only.field, only.modifier) ?? '';
  let out = '';
  let missing = false;
  for (const part of template.parts) {
    if ('text' in part) out += part.text;
    else {
      const value = lookup(part.field, part.modifier);
      if (value === undefined || value === '') missing = true;
      else out += value;
    }
  }
  return missing ? tidyGaps(out) : out;
}

/** Remove what an empty placeholder leaves: `()`, `[]`, doubled separators, separators at the edges. */
function tidyGaps(text: string): string {
  return text
    .replace(/\(\s*\)|\[\s*\]/g, '')
    .replace(/[ \t]+([,;:|/-])([ \t]*[,;:|/-])+/g, ' $1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/^[ \t,;:|/-]+|[ \t,;:|/-]+$/g, '');
}
