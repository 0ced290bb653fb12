#!/usr/bin/env node
/**
 * The omnifeed benchmark (`npm run bench`, after `npm run build`). Plain node over the built dist/.
 *
 *   node bench/run.mjs [--rows 1000000] [--small 100000] [--only parsers|build] [--runs 1]
 *
 * 1. Generates bench/data/catalog-<rows>.csv if missing (deterministic, about 1.16 KB per row).
 * 2. Parser candidates, each in its own process, reading the file to rows: our scanner, our full catalog
 *    reader (readDelimited), uDSV (if installed), csv-parse, and the catalog reader as it was over csv-parse.
 * 3. When dist/pipeline/build.js exists: `omnifeed build` with bench/omnifeed.bench.json (Google XML + TSV,
 *    Amazon, an eBay marketplace instance), Miller `mlr --icsv --otsv cat` on the same file for scale, and
 *    the floor (bench/floor.mjs: the same formats written with no validation, rules or checks) for what the
 *    formats alone cost, and the build again on a --small catalog (default 100k rows) to show that memory
 *    does not grow with the catalog.
 *
 * Prints rows/s, wall time, peak RSS and CPU seconds (user + system; from /usr/bin/time -v when present,
 * else the child's own report for RSS). CPU seconds are steadier than wall time on a shared machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(root, 'bench/data');
const outDir = resolve(root, 'bench/out');
const PARSERS = ['scanner', 'reader', 'udsv', 'csv-parse', 'reader-csv-parse'];

function readArgs(argv) {
  const args = { rows: 1_000_000, small: 100_000, only: undefined, runs: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (flag === '--rows') args.rows = Number(value);
    else if (flag === '--small') args.small = Number(value);
    else if (flag === '--only') args.only = value;
    else if (flag === '--runs') args.runs = Number(value);
    else throw new Error(`unknown argument ${flag}; usage: run.mjs [--rows N] [--small N] [--only parsers|build] [--runs N]`);
  }
  return args;
}

const hasCommand = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const hasTime = existsSync('/usr/bin/time');

/** Runs a command, returning wall seconds, peak RSS (MiB) and stdout. */
function measure(cmd, args, { stdout = 'pipe' } = {}) {
  const argv = hasTime ? ['-v', cmd, ...args] : args;
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(hasTime ? '/usr/bin/time' : cmd, argv, { cwd: root, stdio: ['ignore', stdout, 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', fail);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const user = /User time \(seconds\): ([\d.]+)/.exec(err);
      const system = /System time \(seconds\): ([\d.]+)/.exec(err);
      const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : undefined;
      done({ code, seconds, cpuSeconds, peakMiB: rss ? Number(rss[1]) / 1024 : undefined, stdout: out, stderr: err });
    });
  });
}

async function ensureCatalog(rows) {
  const file = resolve(dataDir, `catalog-${rows}.csv`);
  if (!existsSync(file)) {
    console.log(`generating ${file} ...`);
    const result = spawnSync(process.execPath, [resolve(root, 'bench/generate-catalog.mjs'), '--rows', String(rows), '--out', file], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('catalog generation failed');
  }
  return file;
}

const rows = [];
function report(name, catalogRows, result, note = '') {
  const row = {
    name,
    rows: catalogRows,
    seconds: result.seconds,
    rowsPerSecond: Math.round(catalogRows / result.seconds),
    cpuSeconds: result.cpuSeconds === undefined ? undefined : Math.round(result.cpuSeconds * 10) / 10,
    peakMiB: result.peakMiB === undefined ? undefined : Math.round(result.peakMiB),
    note,
  };
  rows.push(row);
  console.log(
    `${name.padEnd(34)} ${String(catalogRows).padStart(9)} rows ${row.seconds.toFixed(1).padStart(7)} s ` +
      `${String(row.rowsPerSecond).padStart(8)} rows/s ${String(row.peakMiB ?? '?').padStart(6)} MiB  ` +
      `${row.cpuSeconds === undefined ? '' : `cpu ${row.cpuSeconds.toFixed(1)} s  `}${note}`,
  );
}

async function runParsers(file, catalogRows, runs) {
  for (const parser of PARSERS) {
    if (parser === 'udsv' && !existsSync(resolve(root, 'node_modules/udsv'))) {
      console.log('udsv not installed (npm install -D udsv): skipped');
      continue;
    }
    for (let run = 0; run < runs; run++) {
      const result = await measure(process.execPath, [resolve(root, 'bench/parse-file.mjs'), parser, file]);
      if (result.code !== 0) throw new Error(`${parser} failed:\n${result.stderr}`);
      const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
      result.peakMiB ??= parsed.peakRssMiB;
      report(`parse: ${parser}`, catalogRows, result, `cpu ${parsed.cpuS} s; ${parsed.rows - 1} rows, ${parsed.issues} issues, checksum ${parsed.checksum}`);
    }
  }
}

async function runBuild(file, catalogRows, label) {
  const out = resolve(outDir, String(catalogRows));
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await measure(process.execPath, [
    resolve(root, 'bin/omnifeed.js'), 'build', '--config', resolve(root, 'bench/omnifeed.bench.json'),
    '--catalog', file, '--out', out, '--max-invalid', '100%', '--quiet',
  ]);
  if (result.code !== 0 && result.code !== 1) throw new Error(`omnifeed build failed (exit ${result.code}):\n${result.stderr.slice(-3000)}`);
  report(label, catalogRows, result, `exit ${result.code}`);
}

async function runMiller(file, catalogRows) {
  if (!hasCommand('mlr')) {
    console.log('Miller (mlr) not found; install it (apt-get install -y miller) to compare: skipped');
    return;
  }
  const result = await measure('sh', ['-c', `mlr --icsv --otsv cat "${file}" > /dev/null`]);
  if (result.code !== 0) throw new Error(`mlr failed:\n${result.stderr}`);
  report('mlr --icsv --otsv cat', catalogRows, result);
}

/** The floor (bench/floor.mjs): the same formats written with nothing else done, to show what they cost. */
async function runFloor(file, catalogRows) {
  const out = resolve(outDir, 'floor');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await measure(process.execPath, [resolve(root, 'bench/floor.mjs'), file, out]);
  rmSync(out, { recursive: true, force: true });
  if (result.code !== 0) throw new Error(`floor.mjs failed:\n${result.stderr}`);
  const { bytes } = JSON.parse(result.stdout.trim().split('\n').pop());
  report('floor: parse + escape + write', catalogRows, result, `${(bytes / 1e9).toFixed(2)} GB written, no checks`);
}

const args = readArgs(process.argv.slice(2));
if (!existsSync(resolve(root, 'dist/catalog/csv-scanner.js'))) {
  console.error('dist/ is missing or stale: run `npm run build` first.');
  process.exit(2);
}
if (!hasTime) console.log('/usr/bin/time not found (apt-get install -y time): peak RSS of parsers from their own report only');
const file = await ensureCatalog(args.rows);
console.log(`catalog: ${file} (${(statSync(file).size / 1e9).toFixed(2)} GB, ${args.rows} rows); node ${process.version}\n`);

if (args.only !== 'build') await runParsers(file, args.rows, args.runs);
if (args.only !== 'parsers') {
  if (!existsSync(resolve(root, 'dist/pipeline/build.js'))) {
    console.log('\ndist/pipeline/build.js not found: the pipeline benchmark is skipped');
  } else {
    for (let run = 0; run < args.runs; run++) await runBuild(file, args.rows, 'omnifeed build (all channels)');
    await runMiller(file, args.rows);
    await runFloor(file, args.rows);
    if (args.small > 0 && args.small !== args.rows) {
      const small = await ensureCatalog(args.small);
      await runBuild(small, args.small, 'omnifeed build (all channels)');
    }
  }
}
console.log('\n' + JSON.stringify({ node: process.version, results: rows }));
