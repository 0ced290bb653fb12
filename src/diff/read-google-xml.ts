/**
 * Google RSS 2.0 feed -> field maps, streamed: the text is cut at `<item>`...`</item>` and each
 * item (small) is parsed on its own, so a feed of any size is never held whole.
 */
import { XMLParser } from 'fast-xml-parser';
import { InputError } from '../errors.js';
import { canonicalGoogleValue, formatGroup, normaliseAttributeName } from './google-fields.js';
import { readTextChunks } from './open-input.js';
import type { FieldValue } from './types.js';

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
    const batch: Record<string, FieldValue>[] = [];
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
      batch.push(parseItem(path, text.slice(start.index, end + ITEM_END.length)));
      pos = end + ITEM_END.length;
    }
    text = text.slice(pos);
    yield batch;
  }
  if (/<item[\s>]/.test(text)) throw new InputError(`${path}: the feed ends inside an <item>`);
}

function parseItem(path: string, xml: string): Record<string, FieldValue> {
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (err) {
    throw new InputError(`${path}: cannot parse an <item>: ${(err as Error).message}`);
  }
  const item = ((parsed as { item?: unknown[] }).item?.[0] ?? {}) as Record<string, unknown[]>;
  const raw = new Map<string, string[]>();
  for (const [tag, nodes] of Object.entries(item)) {
    const name = normaliseAttributeName(tag);
    const values = raw.get(name) ?? [];
    for (const node of nodes) values.push(nodeText(name, node));
    raw.set(name, values);
  }
  const fields: Record<string, FieldValue> = {};
  for (const [name, values] of raw) {
    const value = canonicalGoogleValue(name, values);
    if (value !== undefined) fields[name] = value;
  }
  return fields;
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
