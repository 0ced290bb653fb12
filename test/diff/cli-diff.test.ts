import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDiff } from '../../src/cli/diff.js';
import type { CliIo } from '../../src/cli/io.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/diff');

async function run(args: string[], options: { isTTY?: boolean; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  let code: number | undefined;
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: FIXTURES,
    isTTY: options.isTTY ?? false,
    now: () => new Date(0),
  };
  const program = new Command().exitOverride();
  registerDiff(program, io, (c) => (code = c));
  await program.parseAsync(['node', 'omnifeed', 'diff', ...args]);
  return { stdout, stderr, code };
}

describe('omnifeed diff', () => {
  it('exit 0 and a zero count for the same feed in two formats', async () => {
    const { stdout, code } = await run(['google-old.xml', 'google-old.tsv']);
    expect(code).toBe(0);
    expect(stdout).toContain('0 added, 0 removed, 0 changed, 3 unchanged');
  });

  it('exit 1 and readable text for differences, plain when not a terminal', async () => {
    const { stdout, code } = await run(['google-old.tsv', 'google-new.xml']);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '--- google-old.tsv (google-tsv, 3 items)',
        '+++ google-new.xml (google-xml, 3 items)',
        '+ D4',
        '- C3',
        '~ B2',
        '    additional_image_link: ["https://img.example.com/b2-2.jpg", "https://img.example.com/b2-3.jpg"] -> ["https://img.example.com/b2-3.jpg", "https://img.example.com/b2-4.jpg"]',
        '    price: "12.50 USD" -> "11.50 USD"',
        '1 added, 1 removed, 1 changed, 1 unchanged',
        '',
      ].join('\n'),
    );
  });

  it('colour on a terminal, none with NO_COLOR', async () => {
    const tty = await run(['google-old.xml', 'google-new.xml'], { isTTY: true });
    expect(tty.stdout).toContain('\u001b[32m+ D4');
    const noColour = await run(['google-old.xml', 'google-new.xml'], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColour.stdout).not.toContain('\u001b[');
  });

  it('--stat prints counts only', async () => {
    const { stdout, code } = await run(['ebay-old.csv', 'ebay-new.csv', '--stat']);
    expect(code).toBe(1);
    expect(stdout).toBe('1 added, 1 removed, 1 changed, 1 unchanged\n');
  });

  it('--format json is one document', async () => {
    const { stdout, code } = await run(['amazon-old.json', 'amazon-new', '--format', 'json', '--ignore', 'operationType,productType']);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({
      same: false,
      stat: { added: 1, removed: 1, changed: 1, unchanged: 1 },
      old: { paths: ['amazon-old.json'], format: 'amazon-json', items: 3 },
      new: { paths: ['amazon-new/amazon-1.json', 'amazon-new/amazon-2.json'], format: 'amazon-json', items: 3 },
      added: ['S4'],
      removed: ['S3'],
      changed: [{ key: 'S2', fields: [{ field: 'attributes.bullet_point[1].value', old: 'Slim fit', new: 'Regular fit' }] }],
      warnings: [],
    });
  });

  it('--format json --stat', async () => {
    const { stdout } = await run(['google-old.xml', 'google-reordered.xml', '--format', 'json', '--stat']);
    expect(JSON.parse(stdout)).toEqual({ same: true, stat: { added: 0, removed: 0, changed: 0, unchanged: 3 }, warnings: [] });
  });

  it('--ignore makes the remaining feeds equal field-wise', async () => {
    const { stdout } = await run(['google-old.xml', 'google-new.xml', '--ignore', 'price', '--ignore', 'additional_image_link']);
    expect(stdout).not.toContain('~ B2');
    expect(stdout).toContain('1 added, 1 removed, 0 changed, 2 unchanged');
  });

  it('exit 2 for an unknown format and for a missing file, with a message on stderr', async () => {
    const unknown = await run(['not-a-feed.html', 'google-new.xml']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^omnifeed diff: .*not-a-feed\.html: unknown feed format/);
    const missing = await run(['missing.tsv', 'google-new.xml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.tsv: no such file/);
  });
});
