/**
 * A file written atomically: bytes go to a temp file in the same folder; `commit` flushes, fsyncs and
 * renames it over the target (then fsyncs the folder), `abort` removes it. A crash or kill -9 at any
 * point leaves the previous file untouched. Names ending in `.gz` are gzipped (deterministic header).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, fdatasync, type WriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip, type Gzip } from 'node:zlib';
import { outputError } from './output-error.js';

/** Text is encoded straight into buffers of this size, which go to the file as they fill. */
const BUFFER = 1 << 20;
const EMPTY = Buffer.alloc(0);
/**
 * Flush to disk in the background every this many bytes written, so a long build's feeds are not
 * gigabytes of dirty pages for the fsync at commit to wait for: the disk works while the CPU does.
 */
const SYNC_EVERY = 64 << 20;

export class AtomicFile {
  readonly tempPath: string;
  private readonly file: WriteStream;
  private readonly sink: Writable;
  private readonly gzip: Gzip | undefined;
  private buffer: Buffer = Buffer.allocUnsafe(BUFFER);
  private used = 0;
  /** Buffers the file has finished writing, for reuse (fresh ones would cost page faults). */
  private spare: Buffer[] = [];
  private failure: Error | undefined;
  /** File bytes known to be on disk, and the background flush under way. */
  private synced = 0;
  private syncing: Promise<void> | undefined;
  /** Bytes of text written so far (UTF-8, before compression). */
  bytes = 0;

  constructor(readonly path: string, private readonly syncEvery = SYNC_EVERY) {
    this.tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    this.file = createWriteStream(this.tempPath, { flags: 'wx', highWaterMark: 1 << 20 });
    this.file.on('error', (err) => { this.failure ??= this.explained(err); });
    if (path.endsWith('.gz')) {
      this.gzip = createGzip({ level: 6 });
      this.gzip.on('error', (err) => { this.failure ??= this.explained(err); });
      this.gzip.pipe(this.file);
      this.sink = this.gzip;
    } else {
      this.sink = this.file;
    }
  }

  /**
   * Encode text into the current buffer (so the strings die young and are never joined); a full
   * buffer goes to the file, waiting when the disk is behind.
   */
  async write(text: string): Promise<void> {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, 2 units, takes 4).
    if (this.used + text.length * 3 > this.buffer.length) {
      await this.flush();
      if (text.length * 3 > this.buffer.length) {
        const whole = Buffer.from(text, 'utf8');
        this.bytes += whole.length;
        await this.send(whole);
        return;
      }
    }
    const written = this.buffer.write(text, this.used, 'utf8');
    this.used += written;
    this.bytes += written;
  }

  private async flush(): Promise<void> {
    if (this.used === 0) { if (this.failure) throw this.failure; return; }
    const written = this.buffer;
    const full = written.subarray(0, this.used);
    this.buffer = this.spare.pop() ?? Buffer.allocUnsafe(BUFFER);
    this.used = 0;
    await this.send(full, () => this.spare.push(written));
  }

  private async send(chunk: Buffer, done?: () => void): Promise<void> {
    if (this.failure) throw this.failure;
    this.syncInBackground();
    if (!this.sink.write(chunk, done)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => { this.sink.off('error', onError); resolve(); };
        const onError = (err: Error) => { this.sink.off('drain', onDrain); reject(this.explained(err)); };
        this.sink.once('drain', onDrain);
        this.sink.once('error', onError);
      });
    }
  }

  private syncInBackground(): void {
    const { fd, bytesWritten } = this.file as WriteStream & { fd: number | null };
    if (this.syncing || typeof fd !== 'number' || bytesWritten - this.synced < this.syncEvery) return;
    this.syncing = new Promise<void>((resolve) => {
      fdatasync(fd, (err) => {
        if (err) this.failure ??= this.explained(err);
        else this.synced = bytesWritten;
        this.syncing = undefined;
        resolve();
      });
    });
  }

  /** Finish writing and make the temp file durable, without renaming yet. */
  async close(): Promise<void> {
    await this.flush();
    // The stream closes its file when it ends: no flush may still be using the descriptor.
    await this.syncing;
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.file.once('error', (err) => reject(this.explained(err)));
      this.file.once('close', () => (this.failure ? reject(this.failure) : resolve()));
      this.sink.end();
    });
    // A closed part of a split feed waits for its commit: it must not hold its buffers (1M Amazon
    // products make ~200 parts).
    this.buffer = EMPTY;
    this.spare = [];
    try {
      const handle = await open(this.tempPath, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      throw this.explained(err);
    }
  }

  /** A file-system failure as an error naming the feed (not its temp file) and what to do. */
  private explained(err: unknown): Error {
    return outputError(err, this.path, 'write') as Error;
  }

  /** Rename the closed temp file over `target` (default: the path it was opened for). */
  async commit(target = this.path): Promise<void> {
    try {
      await rename(this.tempPath, target);
    } catch (err) {
      throw outputError(err, target, 'replace');
    }
    await syncDir(dirname(target));
  }

  /**
   * Drop the temp file. Never throws: abort runs while handling another failure (a temp file that
   * could not even be created, in a folder that is not one, must not stop the others' clean-up);
   * a temp file left behind is removed by the next run in that folder.
   */
  async abort(): Promise<void> {
    await this.syncing;
    this.sink.destroy();
    this.file.destroy();
    await rm(this.tempPath, { force: true }).catch(() => {});
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
