/** `omnifeed diff OLD NEW`: parse flags, run the differ, print, set the exit code (0 same, 1 different, 2 trouble). */
import { isAbsolute, join, relative } from 'node:path';
import { Option, type Command } from 'commander';
import { diffFeeds } from '../diff/diff-feeds.js';
import { renderJson } from '../diff/render-json.js';
import { renderText } from '../diff/render-text.js';
import type { DiffResult } from '../diff/types.js';
import { AbortError, EXIT } from '../errors.js';
import type { CliIo } from './io.js';

interface DiffFlags {
  format: 'text' | 'json';
  key?: string;
  ignore: string[];
  stat?: boolean;
}

const EXAMPLES = `
Examples:
  $ omnifeed diff feeds-yesterday/google.xml feeds/google.xml
  $ omnifeed diff golden/google.tsv feeds/google.xml --ignore availability,price
  $ omnifeed diff old/amazon.json feeds/amazon.json --format json   # amazon-1.json, amazon-2.json...
  $ omnifeed diff old/ebay.csv.gz new/ebay.csv --key CustomLabel --stat

OLD and NEW are each a feed file (gzip allowed), a folder of feed files of one format, or the base
name of a split set. The format is read from the content. Exit status: 0 same, 1 different, 2 trouble.`;

export function registerDiff(program: Command, io: CliIo, setExit: (code: number) => void): Command {
  return program
    .command('diff')
    .description('show what changed between two feeds (added, removed and changed items)')
    .argument('<old>', 'the old feed')
    .argument('<new>', 'the new feed')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--key <field>', 'field that identifies an item (default: id for Google, sku for Amazon, CustomLabel/sku/id for CSV)')
    .option('--ignore <fields>', 'comma-separated fields to leave out of the comparison (repeatable)', collectList, [])
    .option('--stat', 'print counts only')
    .addHelpText('after', EXAMPLES)
    .action(async (oldArg: string, newArg: string, flags: DiffFlags) => {
      setExit(await runDiff(io, oldArg, newArg, flags));
    });
}

export async function runDiff(io: CliIo, oldArg: string, newArg: string, flags: DiffFlags): Promise<number> {
  const at = (path: string): string => (isAbsolute(path) ? path : join(io.cwd, path));
  let result: DiffResult;
  try {
    result = await diffFeeds(at(oldArg), at(newArg), {
      key: flags.key,
      ignore: flags.ignore,
      statOnly: flags.stat === true,
    });
  } catch (err) {
    if (!(err instanceof AbortError)) throw err;
    io.stderr(`omnifeed diff: ${err.message}\n${err.hint ? `${err.hint}\n` : ''}`);
    return err.exitCode;
  }
  const shown = showPaths(result, io.cwd);
  const statOnly = flags.stat === true;
  if (flags.format === 'json') io.stdout(renderJson(shown, { statOnly }));
  else io.stdout(renderText(shown, { colour: io.isTTY && !io.env['NO_COLOR'], statOnly }));
  return result.same ? EXIT.ok : EXIT.problems;
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];
}

/** Paths relative to the working folder, as the user typed them. */
function showPaths(result: DiffResult, cwd: string): DiffResult {
  const rel = (path: string): string => relative(cwd, path) || path;
  return {
    ...result,
    old: { ...result.old, paths: result.old.paths.map(rel) },
    new: { ...result.new, paths: result.new.paths.map(rel) },
  };
}
