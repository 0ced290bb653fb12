/**
 * Streams one channel format's records into atomic files. When the format has split limits the
 * records go to several files: `<base>-1.<ext>`, `<base>-2.<ext>`, ...; a feed that fits in one file
 * keeps the plain name. Nothing is visible under the final names until `commit`.
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FeedFormat } from '../channels/contract.js';
import { AtomicFile } from './atomic-file.js';

export class FeedSink<R> {
  private files: AtomicFile[] = [];
  private current: AtomicFile | undefined;
  private inFile = 0;
  private readonly endBytes: number;
  records = 0;

  constructor(
    readonly path: string,
    private readonly format: FeedFormat<R>,
  ) {
    this.endBytes = Buffer.byteLength(format.end());
  }

  async add(record: R): Promise<void> {
    const split = this.format.split;
    let text = this.format.item(record, this.inFile + 1);
    if (this.current && split) {
      const full = split.maxItems !== undefined && this.inFile >= split.maxItems;
      const tooBig = split.maxBytes !== undefined && this.wouldOverflow(text, split.maxBytes);
      if (full || tooBig) {
        await this.finishFile();
        text = this.format.item(record, 1);
      }
    }
    if (!this.current) await this.openFile();
    else if (this.format.separator) await this.current.write(this.format.separator);
    await this.current!.write(text);
    this.inFile++;
    this.records++;
  }

  /** Whether the current file would exceed `maxBytes` with this item and the footer. */
  private wouldOverflow(text: string, maxBytes: number): boolean {
    const sep = this.format.separator ?? '';
    const base = this.current!.bytes + this.endBytes;
    // UTF-8 takes at most 3 bytes per UTF-16 code unit: far from the limit, no need to count.
    if (base + 3 * (sep.length + text.length) <= maxBytes) return false;
    return base + Buffer.byteLength(sep) + Buffer.byteLength(text) > maxBytes;
  }

  private async openFile(): Promise<void> {
    this.current = new AtomicFile(this.path);
    this.files.push(this.current);
    this.inFile = 0;
    await this.current.write(this.format.begin());
  }

  private async finishFile(): Promise<void> {
    if (!this.current) return;
    await this.current.write(this.format.end());
    await this.current.close();
    this.current = undefined;
  }

  /** Close every file (an empty feed still gets its header and footer, unless the format forbids empty files). */
  async close(): Promise<void> {
    if (this.files.length === 0 && !this.format.omitWhenEmpty) await this.openFile();
    await this.finishFile();
  }

  /** Final file names, in order. */
  targets(): string[] {
    if (this.files.length === 0) return [];
    if (this.files.length === 1) return [this.path];
    return this.files.map((_, i) => numbered(this.path, i + 1));
  }

  /** Rename the temp files into place and remove parts a previous, larger run left behind. */
  async commit(): Promise<string[]> {
    const targets = this.targets();
    for (let i = 0; i < this.files.length; i++) await this.files[i]!.commit(targets[i]);
    await removeStaleParts(this.path, targets);
    return targets;
  }

  async abort(): Promise<void> {
    for (const file of this.files) await file.abort();
    this.files = [];
    this.current = undefined;
  }
}

/** `amazon.json` -> [`amazon`, `.json`]; `feed.xml.gz` -> [`feed`, `.xml.gz`]. */
function splitName(name: string): [string, string] {
  const dot = name.indexOf('.');
  return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** `out/amazon.json` + 2 -> `out/amazon-2.json` (also `feed.xml.gz` -> `feed-2.xml.gz`). */
export function numbered(path: string, n: number): string {
  const [stem, ext] = splitName(basename(path));
  return join(dirname(path), `${stem}-${n}${ext}`);
}

/** Which part of the split set `base` (a file name) `candidate` is: `amazon-2.json` of `amazon.json` is 2. */
export function partNumber(base: string, candidate: string): number | undefined {
  const [stem, ext] = splitName(base);
  if (!candidate.startsWith(`${stem}-`) || !candidate.endsWith(ext)) return undefined;
  const middle = candidate.slice(stem.length + 1, candidate.length - ext.length);
  return /^[0-9]+$/.test(middle) ? Number(middle) : undefined;
}

async function removeStaleParts(path: string, keep: string[]): Promise<void> {
  const dir = dirname(path);
  const name = basename(path);
  const kept = new Set(keep.map((p) => basename(p)));
  for (const entry of await readdir(dir)) {
    if ((entry === name || partNumber(name, entry) !== undefined) && !kept.has(entry)) await rm(join(dir, entry), { force: true });
  }
}
