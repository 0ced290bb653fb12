/**
 * A lock file in the output folder so two runs (cron overlapping itself) never write the same feeds.
 * A lock left by a process that no longer exists is taken over.
 */
import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AbortError, EXIT } from '../errors.js';

export const LOCK_FILE = '.omnifeed.lock';

export interface Lock {
  release(): Promise<void>;
}

export async function acquireLock(dir: string): Promise<Lock> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return { release: () => rm(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
        throw new AbortError(
          `another omnifeed run (pid ${pid}) is writing to ${dir}`,
          `Wait for it to finish; if no such run exists, delete ${path}.`,
          EXIT.usage,
          'LOCKED',
        );
      }
      await rm(path, { force: true });
    }
  }
  throw new AbortError(`could not take the lock ${path}`, 'Delete it if no other run is active.', EXIT.usage, 'LOCKED');
}

/** Remove temp files (`.<name>.<pid>.<rand>.tmp`) left by runs that were killed mid-write. */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  for (const entry of await readdir(dir)) {
    const match = /^\..+\.([0-9]+)\.[0-9a-f]{8}\.tmp$/.exec(entry);
    if (match && !isAlive(Number(match[1]))) {
      await rm(join(dir, entry), { force: true });
      removed++;
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
