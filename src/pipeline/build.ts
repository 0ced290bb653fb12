/**
 * buildFeeds: the whole run. Streams the catalog once; for every channel instance each product goes
 * through the instance's rules, the channel's transform, the record schema and the channel's checks,
 * and valid records stream into atomic files. At the end each instance's files are committed, or kept
 * as they were when the instance failed its threshold or the truncation guard.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { readCatalog } from '../catalog/read-catalog.js';
import type { RecordChecker } from '../channels/contract.js';
import type { LoadedConfig } from '../config/types.js';
import { EXIT, InputError, type ExitCode } from '../errors.js';
import type { Product } from '../model/product.js';
import { FeedSink } from '../output/feed-sink.js';
import { acquireLock, removeStaleTemps } from '../output/lock.js';
import { readManifest, writeManifest, type Manifest } from '../output/manifest.js';
import { compileRules, type RuleSet, type RuleStats } from '../rules/rules.js';
import { compileSchemaFile, schemaIssues } from '../validate/ajv.js';
import type { Issue } from '../validate/issue.js';
import { resolveInstances, type Instance } from './instances.js';
import { IssueLog, type IssueCount } from './issue-log.js';
import { parseThreshold } from './threshold.js';

export interface BuildOptions {
  loaded: LoadedConfig;
  /** Absolute catalog path overriding catalog.path. */
  catalogPath?: string | undefined;
  preset?: string | undefined;
  /** Absolute output folder. */
  outDir: string;
  channels?: string[] | undefined;
  strict?: boolean | undefined;
  maxInvalid?: string | number | undefined;
  force?: boolean | undefined;
  /** Validate only: nothing is written. */
  dryRun?: boolean | undefined;
  offerOnly?: boolean | undefined;
  now: Date;
  maxIssues?: number | undefined;
  onProgress?: ((productsRead: number) => void) | undefined;
}

export type ChannelStatus = 'written' | 'validated' | 'kept' | 'failed';

export interface ChannelSummary {
  channel: string;
  type: string;
  productsRead: number;
  recordsWritten: number;
  excluded: number;
  invalid: number;
  errors: number;
  warnings: number;
  files: string[];
  rules: RuleStats[];
  status: ChannelStatus;
  reason?: string | undefined;
}

export interface BuildResult {
  catalog: string;
  productsRead: number;
  /** Rows the catalog reader or preset could not use (malformed, no id). */
  rowsRejected: number;
  /** Products a preset did not list (drafts, archived, unpublished). */
  productsSkipped: number;
  channels: ChannelSummary[];
  issues: Issue[];
  issueTotals: IssueCount[];
  issuesOmitted: number;
  exitCode: ExitCode;
}

interface Run {
  instance: Instance;
  rules: RuleSet;
  validate: ValidateFunction | undefined;
  checker: RecordChecker<unknown> | undefined;
  sinks: Map<string, FeedSink<unknown>>;
  summary: ChannelSummary;
}

const PROGRESS_EVERY = 10_000;

export async function buildFeeds(options: BuildOptions): Promise<BuildResult> {
  const { loaded } = options;
  const catalogConfig = loaded.config.catalog ?? {};
  const catalogPath = options.catalogPath ?? (catalogConfig.path ? resolve(loaded.dir, catalogConfig.path) : undefined);
  if (!catalogPath) throw new InputError('no catalog to read', 'Set catalog.path in the config or pass --catalog FILE.');
  const instances = resolveInstances(loaded, { only: options.channels, now: options.now, offerOnly: options.offerOnly });
  const log = new IssueLog(options.maxIssues ?? 1000);
  const strict = options.strict ?? loaded.config.validation?.strict ?? false;
  const overThreshold = parseThreshold(options.maxInvalid ?? loaded.config.validation?.maxInvalid);

  if (!options.dryRun) await mkdir(options.outDir, { recursive: true });
  const lock = options.dryRun ? undefined : await acquireLock(options.outDir);
  if (lock) await removeStaleTemps(options.outDir);
  const runs = instances.map((instance) => startRun(instance, options));
  try {
    let productsRead = 0;
    let rowsRejected = 0;
    let productsSkipped = 0;
    const catalog = readCatalog({
      path: catalogPath,
      format: catalogConfig.format,
      delimiter: catalogConfig.delimiter,
      encoding: catalogConfig.encoding,
      preset: options.preset ?? catalogConfig.preset,
      columns: catalogConfig.columns,
      currency: catalogConfig.currency,
      decimalComma: catalogConfig.decimalComma,
      includeUnpublished: catalogConfig.includeUnpublished,
      storeUrl: catalogConfig.storeUrl,
      joins: (catalogConfig.join ?? []).map((j) => ({ ...j, resolvedPath: resolve(loaded.dir, j.path) })),
    });
    for await (const item of catalog) {
      if (item.kind === 'issue') {
        log.add(item.issue);
        if (item.issue.severity === 'error') rowsRejected++;
        continue;
      }
      if (item.kind === 'skipped') { productsSkipped += item.count; continue; }
      productsRead++;
      for (const run of runs) await processProduct(run, item.product, log);
      if (options.onProgress && productsRead % PROGRESS_EVERY === 0) options.onProgress(productsRead);
    }
    for (const run of runs) await finishRun(run, log);

    const manifest = options.dryRun ? {} : await readManifest(options.outDir);
    let exitCode: ExitCode = EXIT.ok;
    for (const run of runs) {
      const s = run.summary;
      const failedValidation = (strict && (s.invalid > 0 || rowsRejected > 0)) ||
        overThreshold(s.invalid + rowsRejected, s.productsRead + rowsRejected);
      if (failedValidation) {
        s.status = 'failed';
        s.reason = strict ? 'invalid records with --strict' : 'invalid records over the --max-invalid threshold';
        exitCode = EXIT.problems;
        await abortRun(run);
        continue;
      }
      if (options.dryRun) { s.status = 'validated'; continue; }
      const shrunk = truncation(run, manifest, options.outDir);
      if (shrunk && !options.force) {
        s.status = 'kept';
        s.reason = `${shrunk} (kept the old feed; pass --force to replace it)`;
        exitCode = EXIT.problems;
        await abortRun(run);
        continue;
      }
      for (const [key, sink] of run.sinks) {
        const targets = await sink.commit();
        s.files.push(...targets);
        manifest[key] = { records: sink.records, files: targets.map((t) => t.slice(options.outDir.length + 1)) };
      }
      s.status = 'written';
    }
    if (!options.dryRun) await writeManifest(options.outDir, manifest);
    return {
      catalog: catalogPath,
      productsRead,
      rowsRejected,
      productsSkipped,
      channels: runs.map((r) => ({ ...r.summary, rules: r.rules.stats() })),
      issues: log.kept,
      issueTotals: log.totals(),
      issuesOmitted: log.dropped,
      exitCode,
    };
  } catch (err) {
    for (const run of runs) await abortRun(run);
    throw err;
  } finally {
    await lock?.release();
  }
}

function startRun(instance: Instance, options: BuildOptions): Run {
  const { channel, ctx } = instance;
  const schemaName = typeof channel.schema === 'function' ? channel.schema(ctx) : channel.schema;
  const sinks = new Map<string, FeedSink<unknown>>();
  if (!options.dryRun) {
    const files = ctx.config.files ?? {};
    for (const name of instance.formats) {
      const format = channel.format(name, ctx);
      const file = files[name] ?? `${instance.name}.${format.extension}`;
      sinks.set(file, new FeedSink(join(options.outDir, file), format));
    }
  }
  return {
    instance,
    rules: compileRules(ctx.config.rules, instance.name, ctx.catalog.currency),
    validate: schemaName ? compileSchemaFile(schemaName) : undefined,
    checker: channel.createChecker?.(ctx),
    sinks,
    summary: {
      channel: instance.name, type: channel.id, productsRead: 0, recordsWritten: 0, excluded: 0, invalid: 0,
      errors: 0, warnings: 0, files: [], rules: [], status: 'written',
    },
  };
}

async function processProduct(run: Run, product: Product, log: IssueLog): Promise<void> {
  const { instance, summary } = run;
  summary.productsRead++;
  const ruled = run.rules.apply(product);
  if (!ruled.ok) { summary.excluded++; return; }
  const result = instance.channel.transform(ruled.product, instance.ctx);
  const where = { channel: instance.name, productId: product.id, line: product.line };
  if (!result.ok) {
    const errors = record(run, log, result.issues ?? [], where);
    if (errors > 0) summary.invalid++;
    else summary.excluded++;
    return;
  }
  let errors = record(run, log, result.issues ?? [], where);
  // A transform that reports an error has not produced a record fit to write, whatever it returned.
  if (errors > 0) { summary.invalid++; return; }
  for (const rec of result.records) {
    errors += await emit(run, log, rec, ruled.product, where);
  }
  if (errors > 0) summary.invalid++;
}

/** Validate one record and write it when it has no errors; returns the number of errors. */
async function emit(run: Run, log: IssueLog, rec: unknown, product: Product, where: Partial<Issue>): Promise<number> {
  const key = run.instance.channel.key(rec);
  const at = { ...where, productId: key || where.productId };
  const schema = run.validate && !run.validate(rec) ? schemaIssues(run.validate.errors, at) : [];
  const checks = run.checker ? run.checker.check(rec, product) : [];
  // A channel check that explains a field (`gtin`: wrong check digit, expected 1) replaces the
  // schema's generic format error on the same field, so each problem is reported once.
  const explained = new Set(checks.filter((i) => i.severity === 'error' && i.field).map((i) => i.field!));
  const generic = schema.filter((i) => !(i.code === 'schema-format' && i.field && explained.has(i.field.replace(/\[[0-9]+\]$/, ''))));
  const errors = record(run, log, generic, at) + record(run, log, checks, at);
  if (errors > 0) return errors;
  for (const sink of run.sinks.values()) await sink.add(rec);
  run.summary.recordsWritten++;
  return 0;
}

function record(run: Run, log: IssueLog, issues: Issue[], where: Partial<Issue>): number {
  let errors = 0;
  for (const issue of issues) {
    const full: Issue = { ...where, ...issue, channel: run.instance.name };
    if (full.productId === undefined) full.productId = where.productId;
    if (full.line === undefined) full.line = where.line;
    log.add(full);
    if (full.severity === 'error') { errors++; run.summary.errors++; } else run.summary.warnings++;
  }
  return errors;
}

async function finishRun(run: Run, log: IssueLog): Promise<void> {
  const { instance } = run;
  if (run.checker?.finish) record(run, log, run.checker.finish(), { channel: instance.name });
  const flush = (instance.channel as { flush?: (ctx: unknown) => unknown }).flush;
  if (flush) {
    const result = flush.call(instance.channel, instance.ctx) as { ok: boolean; records?: unknown[]; issues?: Issue[] } | undefined;
    if (result) {
      record(run, log, result.issues ?? [], { channel: instance.name });
      const empty: Product = { id: '', line: 0, fields: {} };
      for (const rec of result.records ?? []) await emit(run, log, rec, empty, { channel: instance.name });
    }
  }
  for (const side of instance.channel.sideFeeds?.(instance.ctx) ?? []) {
    const file = instance.ctx.config.files?.[side.file] ?? side.file;
    const sink = run.sinks.size > 0 ? new FeedSink(join(dirnameOf(run), file), side.format) : undefined;
    if (sink) run.sinks.set(file, sink);
    for await (const { record: rec, issues } of side.records()) {
      const errors = record(run, log, issues, { channel: instance.name });
      if (errors === 0 && sink) await sink.add(rec);
    }
  }
  for (const sink of run.sinks.values()) await sink.close();
}

function dirnameOf(run: Run): string {
  const first = run.sinks.values().next().value as FeedSink<unknown>;
  return resolve(first.path, '..');
}

async function abortRun(run: Run): Promise<void> {
  for (const sink of run.sinks.values()) await sink.abort();
}

/** Why a new feed looks truncated against the manifest, if it does: under half the old record count. */
function truncation(run: Run, manifest: Manifest, _outDir: string): string | undefined {
  for (const [key, sink] of run.sinks) {
    const previous = manifest[key]?.records;
    if (previous !== undefined && previous > 0 && sink.records < previous / 2) {
      return `${key} would shrink from ${previous} to ${sink.records} records`;
    }
  }
  return undefined;
}
