/** End to end: the built launcher's exit status, like diff(1). Needs `npm run build` (npm test does it). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/omnifeed.js');
const FIXTURES = join(import.meta.dirname, '../../fixtures/diff');

function omnifeed(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, 'diff', ...args], {
    cwd: FIXTURES,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/omnifeed.js diff', () => {
  it('exits 0 when the same, 1 when different, 2 on trouble', () => {
    expect(omnifeed(['google-old.tsv', 'google-reordered.xml']).code).toBe(0);
    const different = omnifeed(['amazon-old.json', 'amazon-new', '--stat']);
    expect(different.code).toBe(1);
    expect(different.stdout).toBe('1 added, 1 removed, 1 changed, 1 unchanged\n');
    const trouble = omnifeed(['not-a-feed.html', 'google-old.xml']);
    expect(trouble.code).toBe(2);
    expect(trouble.stderr).toContain('unknown feed format');
  });
});
