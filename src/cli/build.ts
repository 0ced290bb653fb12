/** `omnifeed build` and `omnifeed validate`: parse flags, run the pipeline, print the report, set the exit code. */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { AbortError, EXIT } from '../errors.js';
import { buildFeeds, DEFAULT_HEAP_MB, type BuildResult } from '../pipeline/build.js';
import { previewBuild } from '../pipeline/preview.js';
import { outputError, withOutcome } from '../output/output-error.js';
import { renderText as renderDiff } from '../diff/render-text.js';
import { formatGithub, formatJson, formatJunit } from '../report/machine.js';
import { formatText } from '../report/text.js';
import type { CliIo } from './io.js';
import { redact, secretsFromEnv } from './redact.js';
import { loadConfigFor, reportError, resolveFromCwd, splitList } from './shared.js';

interface BuildFlags {
  config?: string;
  catalog?: string;
  preset?: string;
  out?: string;
  channel?: string;
  json?: boolean;
  reporter?: 'text' | 'json' | 'junit' | 'github';
  reportFile?: string;
  strict?: boolean;
  maxInvalid?: string;
  force?: boolean;
  offerOnly?: boolean;
  verbose?: boolean;
  quiet?: boolean;
  debug?: boolean;
  diff?: boolean;
  workers?: string;
  heapMb?: string;
}

export function registerBuild(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const common = (cmd: Command) =>
    cmd
      .option('-c, --config <file>', 'config file', 'omnifeed.config.json')
      .option('--catalog <file>', 'catalog file (overrides catalog.path)')
      .option('--preset <name>', 'catalog preset, e.g. shopify (overrides catalog.preset)')
      .option('--channel <names>', 'only these channels (comma-separated config keys)')
      .option('--strict', 'fail on any invalid record')
      .option('--max-invalid <n>', 'invalid records allowed per channel before exit 1: a count or N%')
      .option('--offer-only', 'Amazon: send only price and quantity (PARTIAL_UPDATE)')
      .option('--report-file <file>', 'also write the report to this file (format from --reporter, json by default)')
      .option('-v, --verbose', 'list every kept issue, and report even on success')
      .option('-q, --quiet', 'print nothing but errors')
      .option('--workers <n>', 'worker threads: a number, or auto (default: one per core, on a multi-core machine); the first also reads the catalog; 0 runs everything on the main thread')
      .option('--heap-mb <mb>', `heap limit of each worker thread in MB (default ${DEFAULT_HEAP_MB})`)
      .option('--debug', 'stack traces for errors');

  common(program.command('build'))
    .description('read the catalog and write every configured channel feed (atomically)')
    .option('-o, --out <dir>', 'output folder (default: output.dir from the config, else ./feeds)')
    .option('--json', 'print a machine-readable summary on stdout')
    .addOption(new Option('--reporter <kind>', 'report format').choices(['text', 'json', 'junit', 'github']).default('text'))
    .option('--force', 'replace a feed even when it shrinks to under half its records')
    .option('--diff', 'preview: show what this build would change in the feeds at the output path, and write nothing')
    .addHelpText('after', '\nExample:\n  omnifeed build --config omnifeed.config.json --out feeds --channel google,amazon\n')
    .action(async (flags: BuildFlags) => setExit(await runBuild(io, flags, false)));

  common(program.command('validate'))
    .description('check the catalog against every channel\'s rules without writing anything')
    .addOption(new Option('--reporter <kind>', 'report format').choices(['text', 'json', 'junit', 'github']).default('text'))
    .addHelpText('after', '\nExample:\n  omnifeed validate --config omnifeed.config.json --reporter junit > report.xml\n')
    .action(async (flags: BuildFlags) => setExit(await runBuild(io, flags, true)));
}

export async function runBuild(io: CliIo, flags: BuildFlags, dryRun: boolean): Promise<number> {
  let secrets: string[] = [];
  try {
    const loaded = await loadConfigFor(io, flags.config);
    secrets = [...loaded.secrets, ...secretsFromEnv(io.env)];
    const outDir = flags.out
      ? resolveFromCwd(io, flags.out)
      : loaded.config.output?.dir
        ? resolve(loaded.dir, loaded.config.output.dir)
        : resolveFromCwd(io, 'feeds');
    const progress = io.isTTY && !flags.quiet && !flags.json;
    const options = {
      loaded,
      catalogPath: flags.catalog ? resolveFromCwd(io, flags.catalog) : undefined,
      preset: flags.preset,
      outDir,
      channels: splitList(flags.channel),
      strict: flags.strict,
      maxInvalid: flags.maxInvalid,
      force: flags.force,
      dryRun,
      offerOnly: flags.offerOnly,
      now: io.now(),
      workers: parseWorkers(flags.workers),
      heapMb: parseHeapMb(flags.heapMb),
      onProgress: progress ? (n: number) => io.stderr(`\r  ${n.toLocaleString('en-US')} products…`) : undefined,
    };
    if (flags.diff && !dryRun) return await runPreview(io, flags, options, secrets);
    const result = await buildFeeds(options);
    if (progress && result.productsRead >= 10_000) io.stderr('\r\x1b[K');
    await printReport(io, flags, result, dryRun, secrets);
    return result.exitCode;
  } catch (err) {
    return reportError(io, err, secrets, flags.debug);
  }
}

async function runPreview(io: CliIo, flags: BuildFlags, options: Parameters<typeof buildFeeds>[0], secrets: string[]): Promise<number> {
  const preview = await previewBuild(options);
  if (preview.build.exitCode !== EXIT.ok) {
    await printReport(io, flags, preview.build, true, secrets);
    return preview.build.exitCode;
  }
  if (flags.json) {
    io.stdout(`${JSON.stringify({ same: preview.same, feeds: preview.feeds }, null, 2)}\n`);
  } else {
    for (const feed of preview.feeds) {
      if (feed.isNew) io.stdout(`${feed.file}: new feed, ${feed.records} records\n`);
      else if (feed.diff) io.stdout(redact(renderDiff(feed.diff, { colour: colour(io), statOnly: false }), secrets));
    }
  }
  return preview.same ? EXIT.ok : EXIT.problems;
}

async function printReport(io: CliIo, flags: BuildFlags, result: BuildResult, dryRun: boolean, secrets: string[]): Promise<void> {
  const reporter = flags.json ? 'json' : flags.reporter ?? 'text';
  const render = (kind: string) =>
    redact(kind === 'json' ? formatJson(result) : kind === 'junit' ? formatJunit(result) : kind === 'github' ? formatGithub(result) : formatText(result, { color: colour(io), verbose: flags.verbose }), secrets);
  if (flags.reportFile) {
    const path = resolveFromCwd(io, flags.reportFile);
    try {
      await writeFile(path, render(flags.reporter && flags.reporter !== 'text' ? flags.reporter : 'json'));
    } catch (err) {
      // The report still goes to the terminal; the run fails so that CI notices the missing file.
      io.stderr(render('text'));
      throw withOutcome(outputError(err, path, 'write the report file'), dryRun ? 'the report is above' : 'the feeds were written; the report is above');
    }
  }
  if (reporter !== 'text') {
    io.stdout(render(reporter));
    return;
  }
  const errors = result.issueTotals.some((t) => t.severity === 'error');
  // Cron: quiet when all went well and nobody is watching.
  if (flags.quiet && result.exitCode === EXIT.ok) return;
  if (!dryRun && !io.isTTY && !flags.verbose && result.exitCode === EXIT.ok && !errors) return;
  const text = render('text');
  if (dryRun) io.stdout(text);
  else io.stderr(text);
}

/** `--workers`: a count, or (default) one worker per core on a multi-core machine. */
function parseWorkers(value: string | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (!/^[0-9]+$/.test(value)) throw new AbortError(`--workers: "${value}" must be a whole number or auto`, 'Use 0 to run every channel on the main thread.');
  return Number(value);
}

/** `--heap-mb`: a worker thread's heap limit; below 16 MB a worker could not even start. */
function parseHeapMb(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < 16) throw new AbortError(`--heap-mb: "${value}" must be a whole number of MB, at least 16`, `The default is ${DEFAULT_HEAP_MB}.`);
  return Number(value);
}

function colour(io: CliIo): boolean {
  return io.isTTY && io.env['NO_COLOR'] === undefined && io.env['FORCE_COLOR'] !== '0';
}
