/**
 * Finding and opening the files of one side of a diff: a file, a directory of files, or the base
 * name of a split set (`out/amazon.json` meaning `out/amazon-1.json`, `out/amazon-2.json`, ...).
 * Gzip is detected by its magic bytes, whatever the file is called.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { openInput } from '../catalog/open.js';
import { InputError } from '../errors.js';
import { partNumber } from '../output/feed-sink.js';

const HEAD_BYTES = 64 * 1024;
/** Read size. Measured on 100k items: 64 KiB 107 MiB peak RSS, 1 MiB 241 MiB and no faster. */
const CHUNK_BYTES = 64 * 1024;

/** The files one command-line argument stands for, in reading order. */
export async function resolveFeedPaths(path: string): Promise<string[]> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new InputError(`cannot read ${path}: ${err.message}`);
  });
  if (info?.isFile()) return [path];
  if (info?.isDirectory()) {
    const names = (await readdir(path, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => entry.name)
      .sort(compareNatural);
    if (names.length === 0) throw new InputError(`${path} is an empty directory`, 'Pass a feed file or a folder of feed files.');
    return names.map((name) => join(path, name));
  }
  const parts = await findSplitParts(path);
  if (parts.length > 0) return parts;
  throw new InputError(`cannot read ${path}: no such file`, 'Check the path; for a split set pass its base name (amazon.json for amazon-1.json, amazon-2.json...).');
}

/** `dir/amazon.json` -> `dir/amazon-1.json`, `dir/amazon-2.json`, ... ordered by number. */
async function findSplitParts(path: string): Promise<string[]> {
  const dir = dirname(path);
  const name = basename(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  const parts: { n: number; name: string }[] = [];
  for (const candidate of names) {
    const n = partNumber(name, candidate);
    if (n !== undefined) parts.push({ n, name: candidate });
  }
  return parts.sort((a, b) => a.n - b.n).map((part) => join(dir, part.name));
}

function compareNatural(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The file's bytes, decompressed when it is gzip. */
export function openFeedBytes(path: string): Promise<Readable> {
  return openInput(path, { chunkBytes: CHUNK_BYTES, hint: 'Check the feed path.' });
}

/** The file's text in chunks, UTF-8 decoded (a leading BOM dropped). Read errors become InputError. */
export async function* readTextChunks(path: string): AsyncGenerator<string> {
  const bytes = await openFeedBytes(path);
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of bytes) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text !== '') yield text;
    }
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    bytes.destroy();
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** The whole file as text (for formats read whole, such as one Amazon JSON file of at most a few MiB). */
export async function readAllText(path: string): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of readTextChunks(path)) chunks.push(chunk);
  return chunks.join('');
}

/** The first bytes of the (decompressed) file as text, for format detection. */
export async function readHead(path: string): Promise<string> {
  const bytes = await openFeedBytes(path);
  const decoder = new TextDecoder('utf-8');
  let text = '';
  try {
    for await (const chunk of bytes) {
      text += decoder.decode(chunk as Buffer, { stream: true });
      if (text.length >= HEAD_BYTES) break;
    }
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    bytes.destroy();
  }
  return text;
}
