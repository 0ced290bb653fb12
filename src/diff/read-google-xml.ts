/**
 * Google RSS 2.0 feed -> field maps, streamed: the text is cut at `<item>`...`</item>` and each
 * item (small) is parsed on its own, so a feed of any size is never held whole.
 */
import { XMLParser } from 'fast-xml-parser';
import { InputError } from '../errors.js';
import { canonicalGoogleValue, formatGroup, normaliseAttributeName } from './google-fields.js';
import { readTextChunks } from './open-input.js';
import type { FieldValue } from './types.js';
import { parseXmlItem, type XmlNode } from './xml-item.js';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: () => true,
  processEntities: true,
  // Also decodes numeric character references (&#233;).
  htmlEntities: true,
});

const ITEM_START = /<item[\s>]/g;
const ITEM_END = '</item>';

export async function* readGoogleXml(path: string): AsyncGenerator<Record<string, FieldValue>[]> {
  let text = '';
  for await (const chunk of readTextChunks(path)) {
    text = text === '' ? chunk : text + chunk;
    let pos = 0;
    const items: string[] = [];
    for (;;) {
      ITEM_START.lastIndex = pos;
      const start = ITEM_START.exec(text);
      if (start === null) {
        // Keep a tail that may hold the start of a split `<item`.
        pos = Math.max(pos, text.length - 6);
        break;
      }
      const end = text.indexOf(ITEM_END, start.index);
      if (end === -1) {
        pos = start.index;
        break;
      }
      items.push(text.slice(start.index, end + ITEM_END.length));
      pos = end + ITEM_END.length;
    }
    text = text.slice(pos);
    if (items.length > 0) yield parseItems(path, items);
  }
  if (/<item[\s>]/.test(text)) throw new InputError(`${path}: the feed ends inside an <item>`);
}

/** The items of one chunk: the small item parser, and fast-xml-parser for what it leaves. */
function parseItems(path: string, items: string[]): Record<string, FieldValue>[] {
  const out: Record<string, FieldValue>[] = [];
  for (const xml of items) {
    const node = parseXmlItem(xml);
    out.push(node === undefined ? parseWithLibrary(path, [xml])[0] ?? {} : nodeFields(node));
  }
  return out;
}

/** The fast path's result, shaped like the library's, field values normalised the same way. */
export function nodeFields(item: XmlNode): Record<string, FieldValue> {
  const raw = new Map<string, string[]>();
  for (const child of item.children) {
    const name = normaliseAttributeName(child.name);
    const values = raw.get(name) ?? [];
    if (child.children.length === 0) values.push(child.text);
    else {
      const parts: Record<string, string> = {};
      for (const sub of child.children) {
        const subName = normaliseAttributeName(sub.name);
        parts[subName] = parts[subName] === undefined ? sub.text : `${parts[subName]},${sub.text}`;
      }
      values.push(formatGroup(name, parts));
    }
    raw.set(name, values);
  }
  return canonicalFieldsOf(raw);
}

function canonicalFieldsOf(raw: Map<string, string[]>): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const [name, values] of raw) {
    const value = canonicalGoogleValue(name, values);
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}

/** Items parsed by fast-xml-parser, as one document (its set-up cost is per call). */
export function parseWithLibrary(path: string, items: string[]): Record<string, FieldValue>[] {
  let parsed: { batch?: { item?: unknown[] }[] };
  try {
    parsed = parser.parse(`<batch>${items.join('')}</batch>`) as typeof parsed;
  } catch (err) {
    throw new InputError(`${path}: cannot parse an <item>: ${(err as Error).message}`);
  }
  const nodes = parsed.batch?.[0]?.item ?? [];
  return nodes.map((node) => itemFields(typeof node === 'object' && node !== null ? (node as Record<string, unknown[]>) : {}));
}

function itemFields(item: Record<string, unknown[]>): Record<string, FieldValue> {
  const raw = new Map<string, string[]>();
  for (const [tag, nodes] of Object.entries(item)) {
    const name = normaliseAttributeName(tag);
    const values = raw.get(name) ?? [];
    for (const node of nodes) values.push(nodeText(name, node));
    raw.set(name, values);
  }
  return canonicalFieldsOf(raw);
}

/** Text of a leaf element, or a nested group (`<g:shipping>`) in its TSV string form. */
function nodeText(name: string, node: unknown): string {
  if (typeof node === 'string') return node;
  if (node === null || typeof node !== 'object') return String(node ?? '');
  const parts: Record<string, string> = {};
  for (const [tag, values] of Object.entries(node as Record<string, unknown[]>)) {
    if (tag === '#text') continue;
    parts[normaliseAttributeName(tag)] = (values as unknown[]).map((v) => (typeof v === 'string' ? v : '')).join(',');
  }
  return formatGroup(name, parts);
}
