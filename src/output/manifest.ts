/**
 * `.omnifeed-manifest.json` in the output folder: how many records each feed held when it was last
 * written. The truncation guard compares a new feed against it, without re-reading old feeds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';

export const MANIFEST_FILE = '.omnifeed-manifest.json';

export interface ManifestEntry {
  records: number;
  files: string[];
}

export type Manifest = Record<string, ManifestEntry>;

export async function readManifest(dir: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as { feeds?: Manifest };
    return parsed.feeds ?? {};
  } catch {
    return {};
  }
}

export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify({ version: 1, feeds: sorted }, null, 2)}\n`);
}
