/**
 * Amazon JSON_LISTINGS_FEED -> field maps, one per message. Each file of a split set is at most
 * 10 MiB, so a file is parsed whole; only one file is held at a time.
 * Fields are flattened to paths (`attributes.item_name[0].value`); `messageId` is positional and left out.
 */
import { InputError } from '../errors.js';
import { readAllText } from './open-input.js';
import type { FieldValue } from './types.js';

/** One batch per file. */
export async function* readAmazonJson(path: string): AsyncGenerator<Record<string, FieldValue>[]> {
  const text = await readAllText(path);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path}: not valid JSON: ${(err as Error).message}`);
  }
  const messages = (doc as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) throw new InputError(`${path}: no "messages" array: not a JSON_LISTINGS_FEED`);
  const batch: Record<string, FieldValue>[] = [];
  for (const message of messages) {
    if (message === null || typeof message !== 'object' || Array.isArray(message)) continue;
    const fields: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(message as Record<string, unknown>)) {
      if (name !== 'messageId') flattenInto(fields, name, value);
    }
    batch.push(fields);
  }
  yield batch;
}

/** `{a: [{value: 'x'}]}` at `attributes` -> `attributes.a[0].value = 'x'`. Empty containers vanish. */
export function flattenInto(fields: Record<string, FieldValue>, path: string, value: unknown): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((element, index) => flattenInto(fields, `${path}[${index}]`, element));
  } else if (value !== null && typeof value === 'object') {
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      flattenInto(fields, `${path}.${name}`, child);
    }
  } else {
    fields[path] = value === null ? 'null' : String(value);
  }
}
