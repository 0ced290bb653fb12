/**
 * Failures of the local file system while writing feeds (disk full, no permission, a read-only disk, a
 * folder removed mid-run), as errors a user can act on: which file, what the system said, what to do.
 * Exit 2, like an unreadable catalog: something on this machine needs fixing, not the channel.
 */
import { AbortError, EXIT } from '../errors.js';

export class OutputError extends AbortError {
  constructor(message: string, hint: string, readonly path: string, readonly errno: string) {
    super(message, hint, EXIT.usage, 'OUTPUT');
    this.name = 'OutputError';
  }
}

const REASONS: Record<string, { says: string; hint: (path: string) => string }> = {
  ENOSPC: {
    says: 'no space left on the device',
    hint: () => 'Free disk space (a feed needs room for its new copy while the old one stays in place), or write elsewhere with --out DIR.',
  },
  EDQUOT: { says: 'the disk quota is used up', hint: () => 'Free space within the quota, or write elsewhere with --out DIR.' },
  EFBIG: {
    says: 'the file is larger than this system allows (a file-size limit, or the file system)',
    hint: () => 'Raise the file-size limit (ulimit -f), write to another file system with --out DIR, or name the feed *.gz to compress it.',
  },
  EACCES: { says: 'permission denied', hint: (path) => `Make ${path} writable for this user, or write elsewhere with --out DIR.` },
  EPERM: { says: 'operation not permitted', hint: (path) => `Make ${path} writable for this user, or write elsewhere with --out DIR.` },
  EROFS: { says: 'the file system is read-only', hint: () => 'Write to a writable folder with --out DIR.' },
  ENOTDIR: { says: 'part of the path is a file, not a folder', hint: () => 'Point --out (or output.dir) at a folder.' },
  EEXIST: { says: 'a file of that name is in the way', hint: () => 'Point --out (or output.dir) at a folder, or move the file.' },
  EISDIR: { says: 'a folder is in the way of the file', hint: (path) => `Move the folder ${path} away, or rename the feed in the channel's "files".` },
  ENOENT: {
    says: 'its folder does not exist (or was removed during the run)',
    hint: () => 'Create the folder, make sure nothing removes it during a run, and run again.',
  },
  EIO: { says: 'the disk reported an input/output error', hint: () => 'Check the disk (dmesg), then run again.' },
  EMFILE: { says: 'too many open files', hint: () => 'Raise the open-file limit (ulimit -n) and run again.' },
  ENFILE: { says: 'too many open files on this system', hint: () => 'Close other programs or raise the system limit, and run again.' },
  ENAMETOOLONG: { says: 'the file name is too long', hint: () => 'Use a shorter --out path or feed name.' },
};

/**
 * `err` as an OutputError about `path` when it is a file-system failure we can explain; anything
 * else (a bug) unchanged. `doing` says what was being done: "write", "create the folder".
 */
export function outputError(err: unknown, path: string, doing: string): unknown {
  if (err instanceof AbortError || !(err instanceof Error)) return err;
  const errno = (err as NodeJS.ErrnoException).code;
  const reason = errno === undefined ? undefined : REASONS[errno];
  if (!reason) return err;
  return new OutputError(`cannot ${doing} ${path}: ${reason.says} (${errno})`, reason.hint(path), path, errno!);
}

/**
 * An output failure with what became of the feeds said after it ("no feed was replaced"). Works on
 * one that crossed from a worker thread too, where only its message, hint and code survive.
 */
export function withOutcome(err: unknown, outcome: string): unknown {
  if (!(err instanceof AbortError) || err.code !== 'OUTPUT') return err;
  return new AbortError(`${err.message}; ${outcome}`, err.hint, err.exitCode, err.code);
}
