import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

export interface OpenOptions {
  /** Read size (default 1 MiB; the CSV scanner decodes it 64 KiB at a time, see DECODE_CHUNK). */
  chunkBytes?: number;
  /** What to tell the user when the file cannot be read. */
  hint?: string;
}

/**
 * Open a file as a byte stream, gunzipped when it starts with the gzip magic bytes whatever its name.
 * Used for catalogs and join files, and by `omnifeed diff` for feeds.
 */
export async function openInput(path: string, options: OpenOptions = {}): Promise<Readable> {
  let head: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      head = Buffer.alloc(2);
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      options.hint ?? 'Check catalog.path in the config or the --catalog flag.',
    );
  }
  const stream = createReadStream(path, { highWaterMark: options.chunkBytes ?? 1 << 20 });
  if (head[0] !== 0x1f || head[1] !== 0x8b) return stream;
  const gunzip = createGunzip();
  stream.on('error', (err) => gunzip.destroy(err));
  return stream.pipe(gunzip);
}

/** The first `bytes` of a file, decoded, for sniffing. */
export async function readHead(path: string, bytes = 64 * 1024): Promise<Buffer> {
  const stream = await openInput(path);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes);
}
