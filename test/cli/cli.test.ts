import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AbortError } from '../../src/errors.js';
import { reportError } from '../../src/cli/shared.js';
import { scratch } from '../pipeline/helpers.js';

const BIN = join(import.meta.dirname, '../../bin/omnifeed.js');

function omnifeed(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/omnifeed.js', () => {
  it('builds the demo catalog into every channel feed', () => {
    const dir = scratch('demo');
    const run = omnifeed(['build', '--config', 'omnifeed.config.json', '--out', 'feeds', '--json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.channels.map((c: { channel: string }) => c.channel)).toEqual(['google', 'amazon', 'ebay']);
    for (const c of summary.channels) {
      expect(c).toEqual(expect.objectContaining({ status: 'written', productsRead: 13, recordsWritten: expect.any(Number), errors: expect.any(Number), warnings: expect.any(Number) }));
    }
    for (const file of ['google.xml', 'google.tsv', 'google-local-inventory.tsv', 'amazon.json', 'ebay.csv']) {
      expect(existsSync(join(dir, 'feeds', file))).toBe(true);
    }
    expect(summary.issues.some((i: { productId: string; field: string }) => i.productId === 'CAP-01' && i.field === 'gtin')).toBe(true);
  });

  it('is quiet on success when not on a terminal (cron)', () => {
    const dir = scratch('pipeline');
    const run = omnifeed(['build', '--channel', 'shop'], dir);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints the report when records were invalid, and fails with --strict', () => {
    const dir = scratch('pipeline');
    const ok = omnifeed(['build'], dir);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(/P3 · line 4 · price/);
    const strict = omnifeed(['build', '--strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/invalid records with --strict/);
  });

  it('validate writes nothing and speaks JUnit, GitHub and JSON', () => {
    const dir = scratch('pipeline');
    const junit = omnifeed(['validate', '--reporter', 'junit'], dir);
    expect(junit.code).toBe(0);
    expect(junit.stdout).toMatch(/<testsuite name="google" tests="\d+" failures="1">/);
    expect(junit.stdout).toMatch(/<failure type="price-unparseable"/);
    const github = omnifeed(['validate', '--reporter', 'github', '--max-invalid', '0'], dir);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=.*catalog\.csv,line=4,title=google price-unparseable::P3: /m);
    const json = omnifeed(['validate', '--reporter', 'json'], dir);
    expect(JSON.parse(json.stdout).channels[0].status).toBe('validated');
    expect(existsSync(join(dir, 'feeds'))).toBe(false);
  });

  it('exits 2 with the key named for a bad config, and for a missing catalog', () => {
    const dir = scratch('pipeline');
    const config = JSON.parse(readFileSync(join(dir, 'omnifeed.config.json'), 'utf8'));
    config.channels.google.formats = ['pdf'];
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(config));
    const bad = omnifeed(['build', '--config', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/channels\.google\.formats/);
    const missing = omnifeed(['build', '--catalog', 'nope.csv'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.csv: no such file/);
    expect(missing.stderr).toMatch(/→ Check catalog.path/);
  });

  it('exits 2 on usage errors and 0 on --help', () => {
    const dir = scratch('pipeline');
    expect(omnifeed(['build', '--bogus'], dir).code).toBe(2);
    const help = omnifeed(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/build/);
    expect(help.stdout).toMatch(/diff/);
  });

  it('build --diff shows changes without writing', () => {
    const dir = scratch('pipeline');
    expect(omnifeed(['build', '--channel', 'shop'], dir).code).toBe(0);
    const before = readFileSync(join(dir, 'feeds', 'shop.csv'), 'utf8');
    writeFileSync(join(dir, 'catalog.csv'), readFileSync(join(dir, 'catalog.csv'), 'utf8').replace('P2,Mug', 'P2,Big Mug'));
    const preview = omnifeed(['build', '--channel', 'shop', '--diff'], dir);
    expect(preview.code).toBe(1);
    expect(preview.stdout).toMatch(/~ P2\n\s+Name: "Kiln Mug" -> "Kiln Big Mug"/);
    expect(readFileSync(join(dir, 'feeds', 'shop.csv'), 'utf8')).toBe(before);
  });
});

describe('reportError', () => {
  it('redacts credential-like environment values and substituted config secrets', () => {
    let out = '';
    const io = { stdout: () => {}, stderr: (t: string) => { out += t; }, env: { LWA_CLIENT_SECRET: 'sup3r-s3cret-value' }, cwd: '/', isTTY: false, now: () => new Date() };
    const code = reportError(io, new AbortError('token sup3r-s3cret-value rejected; seller A1SELLERSECRET', 'retry'), ['A1SELLERSECRET']);
    expect(code).toBe(2);
    expect(out).toBe('omnifeed: token *** rejected; seller ***\n  → retry\n');
  });

  it('treats unexpected errors as bugs (exit 70)', () => {
    const io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: '/', isTTY: false, now: () => new Date() };
    expect(reportError(io, new TypeError('boom'))).toBe(70);
  });
});

describe('bin/omnifeed.js with the Shopify preset', () => {
  it('lists active variants, skips drafts and reports mangled barcodes', () => {
    const dir = scratch('shopify');
    const run = omnifeed(['build', '--json'], dir);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ productsRead: 5, productsSkipped: 5 });
    expect(summary.issues).toContainEqual(expect.objectContaining({ code: 'shopify-barcode-scientific', productId: 'CG-MUG-350', field: 'gtin' }));
    const xml = readFileSync(join(dir, 'feeds', 'google.xml'), 'utf8');
    expect(xml.match(/<item>/g)).toHaveLength(5);
    expect(xml).toContain('<g:item_group_id>trail-runner-tee</g:item_group_id>');
    expect(xml).not.toContain('5.90123E+12');
  });
});

describe('output folder', () => {
  it('output.dir is relative to the config file; --out to the working folder', () => {
    const dir = scratch('pipeline');
    const config = JSON.parse(readFileSync(join(dir, 'omnifeed.config.json'), 'utf8'));
    config.output = { dir: 'published' };
    writeFileSync(join(dir, 'omnifeed.config.json'), JSON.stringify(config));
    expect(omnifeed(['build', '--config', join(dir, 'omnifeed.config.json'), '--channel', 'shop'], '/tmp').code).toBe(0);
    expect(existsSync(join(dir, 'published', 'shop.csv'))).toBe(true);
    expect(omnifeed(['build', '--channel', 'shop', '--out', 'elsewhere'], dir).code).toBe(0);
    expect(existsSync(join(dir, 'elsewhere', 'shop.csv'))).toBe(true);
  });
});

describe('output failures', () => {
  it('a file where the output folder should be: exit 2, says so, writes nothing', () => {
    const dir = scratch('demo');
    writeFileSync(join(dir, 'feeds'), 'not a folder');
    const run = omnifeed(['build', '--config', 'omnifeed.config.json', '--out', 'feeds'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `omnifeed: cannot create the output folder ${join(dir, 'feeds')}: a file of that name is in the way (EEXIST); nothing was written\n` +
        '  → Point --out (or output.dir) at a folder, or move the file.\n',
    );
    expect(readFileSync(join(dir, 'feeds'), 'utf8')).toBe('not a folder');
  });

  // A file-size limit makes writes past it fail with EFBIG (Node ignores SIGXFSZ), as a full disk fails
  // with ENOSPC: the same path through the code, without needing a small file system.
  for (const workers of ['auto', '0']) {
    it(`a write failing mid-feed (workers ${workers}): exit 2, names the feed, keeps the old feeds, leaves no temp file`, () => {
      const dir = scratch('demo');
      const feeds = join(dir, 'feeds');
      mkdirSync(feeds);
      writeFileSync(join(feeds, 'google.xml'), 'old google');
      writeFileSync(join(feeds, 'ebay.csv'), 'old ebay');
      const result = spawnSync('sh', ['-c', `ulimit -f 8; exec "${process.execPath}" "${BIN}" build --config omnifeed.config.json --out feeds --workers ${workers}`], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
        timeout: 60_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        new RegExp(`^omnifeed: cannot write ${feeds}/(google\\.xml|amazon\\.json): the file is larger than this system allows \\(a file-size limit, or the file system\\) \\(EFBIG\\); no feed in ${feeds} was replaced\\n  → Raise the file-size limit \\(ulimit -f\\)`),
      );
      expect(result.stderr).not.toMatch(/bug/);
      expect(readdirSync(feeds).sort()).toEqual(['ebay.csv', 'google.xml']);
      expect(readFileSync(join(feeds, 'google.xml'), 'utf8')).toBe('old google');
      expect(readFileSync(join(feeds, 'ebay.csv'), 'utf8')).toBe('old ebay');
      // The next run, without the limit, writes everything.
      const again = omnifeed(['build', '--config', 'omnifeed.config.json', '--out', 'feeds', '--workers', workers], dir);
      expect(again.code).toBe(0);
      expect(readFileSync(join(feeds, 'google.xml'), 'utf8')).toMatch(/^<\?xml/);
    });
  }
});

describe('report file', () => {
  it('a report file that cannot be written: exit 2, the report still shown, the feeds written', () => {
    const dir = scratch('demo');
    const run = omnifeed(['build', '--config', 'omnifeed.config.json', '--out', 'feeds', '--report-file', 'missing/report.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error gtin-check-digit/);
    expect(run.stderr).toContain(
      `omnifeed: cannot write the report file ${join(dir, 'missing/report.json')}: its folder does not exist (or was removed during the run) (ENOENT); the feeds were written; the report is above\n`,
    );
    expect(existsSync(join(dir, 'feeds', 'google.xml'))).toBe(true);
    const ok = omnifeed(['build', '--config', 'omnifeed.config.json', '--out', 'feeds', '--report-file', 'report.json'], dir);
    expect(ok.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).channels).toHaveLength(3);
  });
});

describe('catalog.columns', () => {
  it('a mapping to a header the catalog lacks stops the build with exit 2 naming the key, from the reading thread too', () => {
    const dir = scratch('demo');
    const config = JSON.parse(readFileSync(join(dir, 'omnifeed.config.json'), 'utf8'));
    config.catalog.columns = { id: 'ID' };
    writeFileSync(join(dir, 'omnifeed.config.json'), JSON.stringify(config));
    for (const workers of ['auto', '0']) {
      const run = omnifeed(['build', '--config', 'omnifeed.config.json', '--out', 'feeds', '--workers', workers], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`omnifeed: catalog.columns.id: "ID" is not a column of ${join(dir, 'catalog.csv')}\n  → Header names match exactly: did you mean "id"?\n`);
      expect(existsSync(join(dir, 'feeds', 'google.xml'))).toBe(false);
    }
  });
});
