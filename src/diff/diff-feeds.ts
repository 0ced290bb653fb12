/**
 * The differ. Memory stays modest on large feeds:
 *   pass 1 reads OLD and keeps key -> 16-byte hash (HashIndex);
 *   pass 2 reads NEW, hashes each item and sorts it into added / changed / unchanged, keeping the
 *          new fields of up to `retainLimit` changed items;
 *   pass 3 re-reads OLD for the changed keys only and compares fields (a batch of changed items whose
 *          new fields were not kept costs one more pass over each feed).
 * Kept fields are copied out of the text chunks they were read from (V8 substrings can pin a whole
 * chunk). Neither feed's text is held; peak memory grows with the item count (keys + hashes) and the number
 * of changed items, not with the feeds' size.
 */
import { InputError } from '../errors.js';
import { compareFields, compareKeys } from './compare-fields.js';
import { HashIndex } from './hash-index.js';
import { createFieldFilter, hashFields } from './item-hash.js';
import { detachFields, openFeedSource, readFeedBatches, type FeedSource } from './read-feed.js';
import { FORMAT_FAMILY, type ChangedItem, type DiffOptions, type DiffResult, type FeedItem, type FieldValue } from './types.js';

const DEFAULT_RETAIN = 50_000;
const MAX_WARNINGS = 20;

/** Compare two feeds given as paths (a file, a folder, or a split set's base name; gzip allowed). */
export async function diffFeeds(
  oldPaths: string | readonly string[],
  newPaths: string | readonly string[],
  options: DiffOptions = {},
): Promise<DiffResult> {
  const oldSource = await openFeedSource(oldPaths);
  const newSource = await openFeedSource(newPaths);
  if (FORMAT_FAMILY[oldSource.format] !== FORMAT_FAMILY[newSource.format]) {
    throw new InputError(
      `cannot compare ${oldSource.format} (${oldSource.paths[0]}) with ${newSource.format} (${newSource.paths[0]})`,
      'Both feeds must be for the same channel: Google XML and TSV compare with each other.',
    );
  }
  return diffSources(oldSource, newSource, options);
}

export async function diffSources(oldSource: FeedSource, newSource: FeedSource, options: DiffOptions = {}): Promise<DiffResult> {
  const warnings: string[] = [];
  let dropped = 0;
  const warn = (message: string): void => {
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
    else dropped++;
  };
  const keep = createFieldFilter(options.ignore);
  const retainLimit = options.retainLimit ?? DEFAULT_RETAIN;
  const read = (source: FeedSource) => readFeedBatches(source, { key: options.key, warn });

  const index = new HashIndex();
  for await (const batch of read(oldSource)) {
    for (const item of batch) {
      if (index.set(item.key, hashFields(item.fields, keep))) warn(`duplicate key ${item.key} in OLD; the last one is compared`);
    }
  }

  const added = new Set<string>();
  const changed = new Set<string>();
  const retained = new Map<string, Record<string, FieldValue>>();
  for await (const batch of read(newSource)) {
    for (const item of batch) {
      const slot = index.slot(item.key);
      if (slot === undefined) {
        if (added.has(item.key)) warn(`duplicate key ${item.key} in NEW; the last one is compared`);
        added.add(item.key);
        continue;
      }
      if (index.markSeen(slot)) warn(`duplicate key ${item.key} in NEW; the last one is compared`);
      retained.delete(item.key);
      if (index.sameHash(slot, hashFields(item.fields, keep))) {
        changed.delete(item.key);
        continue;
      }
      changed.add(item.key);
      if (!options.statOnly && retained.size < retainLimit) retained.set(item.key, detachFields(item.fields));
    }
  }

  const removed = [...index.unseenKeys()].sort(compareKeys);
  const result: DiffResult = {
    same: added.size === 0 && removed.length === 0 && changed.size === 0,
    stat: { added: added.size, removed: removed.length, changed: changed.size, unchanged: index.seen - changed.size },
    old: { paths: oldSource.paths, format: oldSource.format, items: index.size },
    new: { paths: newSource.paths, format: newSource.format, items: index.seen + added.size },
    added: [...added].sort(compareKeys),
    removed,
    changed: [],
    warnings,
  };
  if (!options.statOnly && changed.size > 0) {
    result.changed = await describeChanges(changed, retained, retainLimit, (source) => readFeedBatches(source, { key: options.key, warn: () => {} }), oldSource, newSource, keep);
  }
  if (dropped > 0) warnings.push(`... and ${dropped} more warnings`);
  return result;
}

/** Field-level changes for the changed keys, re-reading OLD (and NEW for keys whose fields were not kept). */
async function describeChanges(
  changed: Set<string>,
  retained: Map<string, Record<string, FieldValue>>,
  retainLimit: number,
  read: (source: FeedSource) => AsyncIterable<FeedItem[]>,
  oldSource: FeedSource,
  newSource: FeedSource,
  keep: (name: string) => boolean,
): Promise<ChangedItem[]> {
  const out = new Map<string, ChangedItem>();
  const pending = [...changed].filter((key) => !retained.has(key));
  // First batch: the changed items whose new fields were kept by pass 2.
  let batch: Map<string, Record<string, FieldValue>> | undefined =
    retained.size > 0 ? retained : takeBatch(pending, retainLimit);
  let needsNew = retained.size === 0;
  while (batch !== undefined) {
    if (needsNew) {
      for await (const items of read(newSource)) {
        for (const item of items) if (batch.has(item.key)) batch.set(item.key, detachFields(item.fields));
      }
    }
    const oldFields = new Map<string, Record<string, FieldValue>>();
    for await (const items of read(oldSource)) {
      for (const item of items) if (batch.has(item.key)) oldFields.set(item.key, detachFields(item.fields));
    }
    for (const [key, newFields] of batch) {
      out.set(key, { key, fields: compareFields(oldFields.get(key) ?? {}, newFields, keep) });
    }
    batch = takeBatch(pending, retainLimit);
    needsNew = true;
  }
  return [...out.values()].sort((a, b) => compareKeys(a.key, b.key));
}

function takeBatch(pending: string[], size: number): Map<string, Record<string, FieldValue>> | undefined {
  const keys = pending.splice(0, Math.max(1, size));
  return keys.length === 0 ? undefined : new Map(keys.map((key) => [key, {}]));
}

