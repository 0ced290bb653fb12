/**
 * A file written atomically: bytes go to a temp file in the same folder; `commit` flushes, fsyncs and
 * renames it over the target (then fsyncs the folder), `abort` removes it. A crash or kill -9 at any
 * point leaves the previous file untouched. Names ending in `.gz` are gzipped (deterministic header).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';

const CHUNK = 256 * 1024;

export class AtomicFile {
  readonly tempPath: string;
  private readonly file: WriteStream;
  private readonly sink: Writable;
  private readonly gzip: Gzip | undefined;
  private pending: string[] = [];
  private pendingLength = 0;
  private failure: Error | undefined;
  /** Bytes of text written so far (before compression, UTF-8), when counted (see the constructor). */
  bytes = 0;

  /** `countBytes`: keep `bytes` up to date (costs a UTF-8 length per write; only split feeds need it). */
  constructor(
    readonly path: string,
    private readonly countBytes = false,
  ) {
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.file = createWriteStream(this.tempPath, { flags: 'wx', highWaterMark: 1 << 20 });
    this.file.on('error', (err) => { this.failure ??= err; });
    if (path.endsWith('.gz')) {
      this.gzip = createGzip({ level: 6 });
      this.gzip.on('error', (err) => { this.failure ??= err; });
      this.gzip.pipe(this.file);
      this.sink = this.gzip;
    } else {
      this.sink = this.file;
    }
  }

  /** Buffer text; flushes in large chunks and waits when the disk is behind. */
  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.countBytes) this.bytes += Buffer.byteLength(text);
    if (this.pendingLength >= CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    if (!this.sink.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => { this.sink.off('error', onError); resolve(); };
        const onError = (err: Error) => { this.sink.off('drain', onDrain); reject(err); };
        this.sink.once('drain', onDrain);
        this.sink.once('error', onError);
      });
    }
  }

  /** Finish writing and make the temp file durable, without renaming yet. */
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.file.once('error', reject);
      this.file.once('close', () => (this.failure ? reject(this.failure) : resolve()));
      this.sink.end();
    });
    const handle = await open(this.tempPath, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Rename the closed temp file over `target` (default: the path it was opened for). */
  async commit(target = this.path): Promise<void> {
    await rename(this.tempPath, target);
    await syncDir(dirname(target));
  }

  async abort(): Promise<void> {
    this.sink.destroy();
    this.file.destroy();
    await rm(this.tempPath, { force: true });
  }
}

export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename itself is still atomic.
  }
}

/** Write a whole small file atomically. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const file = new AtomicFile(path);
  try {
    await file.write(text);
    await file.close();
    await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}
