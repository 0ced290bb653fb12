import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { buildFeeds, type BuildOptions, type BuildResult } from '../../src/pipeline/build.js';

export const FIXTURES = join(import.meta.dirname, '../../fixtures');

/** A scratch copy of a fixture folder, so tests can change catalogs and write feeds beside them. */
export function scratch(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'omnifeed-test-'));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

export async function build(dir: string, options: Partial<BuildOptions> = {}, config = 'omnifeed.config.json'): Promise<BuildResult> {
  const loaded = await loadConfig({ path: config, cwd: dir, env: {} });
  return buildFeeds({ loaded, outDir: join(dir, 'out'), now: new Date('2026-11-23T00:00:00Z'), ...options });
}
