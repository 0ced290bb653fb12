import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AbortError } from '../../src/errors.js';
import { AtomicFile } from '../../src/output/atomic-file.js';
import { outputError, withOutcome } from '../../src/output/output-error.js';
import { FeedSink, numbered } from '../../src/output/feed-sink.js';
import { removeStaleTemps } from '../../src/output/lock.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'omnifeed-atomic-'));

describe('AtomicFile', () => {
  it('shows nothing under the final name until commit, and abort leaves the old file', async () => {
    const dir = tmp();
    const path = join(dir, 'feed.xml');
    writeFileSync(path, 'old');
    const file = new AtomicFile(path);
    await file.write('new content');
    await file.close();
    expect(readFileSync(path, 'utf8')).toBe('old');
    await file.commit();
    expect(readFileSync(path, 'utf8')).toBe('new content');
    const second = new AtomicFile(path);
    await second.write('half');
    await second.abort();
    expect(readFileSync(path, 'utf8')).toBe('new content');
    expect(readdirSync(dir)).toEqual(['feed.xml']);
  });

  it('writes every byte of multi-byte text across buffer boundaries, and counts UTF-8 bytes', async () => {
    const dir = tmp();
    const path = join(dir, 'feed.txt');
    const pieces: string[] = [];
    // Items of mixed widths (ASCII, 2-, 3- and 4-byte characters) that straddle the 1 MiB buffer many times,
    // a few bigger than the buffer itself, and empty strings.
    for (let i = 0; i < 4000; i++) pieces.push(`${i};é€😀|`.repeat(1 + (i % 97)), '');
    pieces.splice(1000, 0, 'x'.repeat(3 << 20), '漢'.repeat(400_000));
    const file = new AtomicFile(path);
    for (const piece of pieces) await file.write(piece);
    await file.close();
    await file.commit();
    const expected = Buffer.from(pieces.join(''), 'utf8');
    expect(file.bytes).toBe(expected.length);
    expect(readFileSync(path).equals(expected)).toBe(true);
  });

  it('flushes to disk in the background as it goes, and the bytes are the same', async () => {
    const dir = tmp();
    const path = join(dir, 'feed.txt');
    // A flush after every MiB: many background fdatasyncs overlap the writes that follow them.
    const file = new AtomicFile(path, 1 << 20);
    const line = (i: number) => `${i}\t${'ä'.repeat(i % 300)}\n`;
    let expected = '';
    for (let i = 0; i < 30_000; i++) { await file.write(line(i)); expected += line(i); }
    await file.close();
    await file.commit();
    expect(readFileSync(path, 'utf8')).toBe(expected);
    // Aborting while a flush may be under way removes the temp file and throws nothing.
    const second = new AtomicFile(path, 1 << 20);
    for (let i = 0; i < 10_000; i++) await second.write(line(i));
    await second.abort();
    expect(readdirSync(dir)).toEqual(['feed.txt']);
  });

  it('gzips a .gz name, and the text reads back whole', async () => {
    const dir = tmp();
    const path = join(dir, 'feed.xml.gz');
    const text = '<item>ü</item>\n'.repeat(200_000);
    const file = new AtomicFile(path);
    await file.write(text.slice(0, 1000));
    await file.write(text.slice(1000));
    await file.close();
    await file.commit();
    expect(gunzipSync(readFileSync(path)).toString('utf8')).toBe(text);
  });

  it('a process killed with SIGKILL mid-write leaves the old feed intact', async () => {
    const dir = tmp();
    const path = join(dir, 'google.xml');
    writeFileSync(path, '<rss>old feed</rss>');
    const module = new URL('../../dist/output/atomic-file.js', import.meta.url).href;
    // The child writes forever; we kill it once its temp file has grown.
    const script = `
      const { AtomicFile } = await import(${JSON.stringify(module)});
      const file = new AtomicFile(${JSON.stringify(path)});
      const chunk = '<item>' + 'x'.repeat(4000) + '</item>';
      for (;;) await file.write(chunk);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 200; i++) {
        await new Promise((r) => setTimeout(r, 25));
        const temps = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
        if (temps.length > 0 && readFileSync(join(dir, temps[0]!)).length > 1_000_000) break;
      }
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    expect(readFileSync(path, 'utf8')).toBe('<rss>old feed</rss>');
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(true);
    expect(await removeStaleTemps(dir)).toBe(1);
    expect(readdirSync(dir)).toEqual(['google.xml']);
  });
});

describe('FeedSink', () => {
  const format = {
    extension: 'json',
    begin: () => '[',
    item: (r: number, index: number) => JSON.stringify({ index, r }),
    separator: ',',
    end: () => ']\n',
    split: { maxItems: 2 },
  };

  it('splits into numbered files at the limit and renumbers from 1 in each file', async () => {
    const dir = tmp();
    const sink = new FeedSink(join(dir, 'amazon.json'), format);
    for (const r of [10, 11, 12]) await sink.add(r);
    await sink.close();
    expect((await sink.commit()).map((p) => p.slice(dir.length + 1))).toEqual(['amazon-1.json', 'amazon-2.json']);
    expect(readFileSync(join(dir, 'amazon-1.json'), 'utf8')).toBe('[{"index":1,"r":10},{"index":2,"r":11}]\n');
    expect(readFileSync(join(dir, 'amazon-2.json'), 'utf8')).toBe('[{"index":1,"r":12}]\n');
  });

  it('removes parts a previous larger run left behind', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'amazon-1.json'), 'stale');
    writeFileSync(join(dir, 'amazon-3.json'), 'stale');
    const sink = new FeedSink(join(dir, 'amazon.json'), format);
    await sink.add(1);
    await sink.close();
    await sink.commit();
    expect(readdirSync(dir).sort()).toEqual(['amazon.json']);
  });

  it('splits by bytes too', async () => {
    const dir = tmp();
    const sink = new FeedSink(join(dir, 'f.json'), { ...format, split: { maxBytes: 30 } });
    for (const r of [1, 2, 3]) await sink.add(r);
    await sink.close();
    const files = await sink.commit();
    expect(files.length).toBe(3);
    for (const f of files) expect(readFileSync(f).length).toBeLessThanOrEqual(30);
  });

  it('numbers names with compound extensions', () => {
    expect(numbered('/o/feed.xml.gz', 2)).toBe('/o/feed-2.xml.gz');
  });
});

describe('FeedSink with omitWhenEmpty', () => {
  it('writes no file for no records and removes the previous one', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'amazon.json'), 'old');
    writeFileSync(join(dir, 'amazon-2.json'), 'old');
    const sink = new FeedSink(join(dir, 'amazon.json'), {
      extension: 'json', begin: () => '[', item: () => '1', end: () => ']', omitWhenEmpty: true,
    });
    await sink.close();
    expect(await sink.commit()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('AtomicFile failures', () => {
  it('names the feed, not its temp file, when its folder is removed mid-write', async () => {
    const dir = tmp();
    const path = join(dir, 'feed.xml');
    const file = new AtomicFile(path);
    await file.write('some items');
    rmSync(dir, { recursive: true });
    const failure = await file.close().then(() => undefined, (err: unknown) => err);
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).code).toBe('OUTPUT');
    expect((failure as AbortError).exitCode).toBe(2);
    expect((failure as Error).message).toBe(`cannot write ${path}: its folder does not exist (or was removed during the run) (ENOENT)`);
    await file.abort();
  });

  it('leaves errors it cannot explain as they are (a bug is not a disk problem)', () => {
    const bug = new TypeError('x is undefined');
    expect(outputError(bug, '/out/feed.xml', 'write')).toBe(bug);
    const odd = Object.assign(new Error('strange'), { code: 'EWHATEVER' });
    expect(outputError(odd, '/out/feed.xml', 'write')).toBe(odd);
    const full = outputError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), '/out/feed.xml', 'write');
    expect(withOutcome(full, 'no feed in /out was replaced')).toMatchObject({
      message: 'cannot write /out/feed.xml: no space left on the device (ENOSPC); no feed in /out was replaced',
      hint: expect.stringMatching(/^Free disk space/),
      exitCode: 2,
    });
    // Only output failures get an outcome appended.
    const config = new AbortError('bad key', 'fix it');
    expect(withOutcome(config, 'no feed was replaced')).toBe(config);
  });
});
