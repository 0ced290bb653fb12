/**
 * What a build would change, without touching the output folder: build into a scratch folder, then
 * diff each feed against the one at the output path. The scratch folder is removed afterwards.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { diffFeeds } from '../diff/diff-feeds.js';
import type { DiffResult } from '../diff/types.js';
import { numbered } from '../output/feed-sink.js';
import { buildFeeds, type BuildOptions, type BuildResult } from './build.js';

export interface FeedPreview {
  /** Feed file name (a split set's base name). */
  file: string;
  /** No feed at the output path yet: every record would be new. */
  isNew: boolean;
  records: number;
  diff?: DiffResult | undefined;
}

export interface PreviewResult {
  build: BuildResult;
  feeds: FeedPreview[];
  same: boolean;
}

export async function previewBuild(options: BuildOptions, diff: { ignore?: string[] | undefined } = {}): Promise<PreviewResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'omnifeed-preview-'));
  try {
    const build = await buildFeeds({ ...options, outDir: scratch, force: true });
    const feeds: FeedPreview[] = [];
    for (const channel of build.channels) {
      const bases = new Map<string, number>();
      for (const file of channel.files) {
        const base = baseName(basename(file));
        bases.set(base, (bases.get(base) ?? 0) + 1);
      }
      for (const base of bases.keys()) {
        const current = join(options.outDir, base);
        const exists = existsSync(current) || existsSync(numbered(current, 1));
        if (!exists) {
          feeds.push({ file: base, isNew: true, records: channel.recordsWritten });
          continue;
        }
        const result = await diffFeeds(current, join(scratch, base), { ignore: diff.ignore });
        // Name the preview after the feed it would replace, not the scratch folder it was built in.
        const labelled = { ...result, new: { ...result.new, paths: result.new.paths.map((p) => `${join(options.outDir, basename(p))} (this build)`) } };
        feeds.push({ file: base, isNew: false, records: result.new.items, diff: labelled });
      }
    }
    return { build, feeds, same: feeds.every((f) => !f.isNew && f.diff?.same) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** `amazon-2.json` -> `amazon.json` (a split set is diffed as one feed). */
function baseName(file: string): string {
  return file.replace(/^(.+)-[0-9]+(\.[^-]+)$/, '$1$2');
}
