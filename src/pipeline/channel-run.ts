/**
 * One channel instance's share of a build: each product goes through the instance's rules, the
 * channel's transform, the record schema and the channel's checks; valid records stream into the
 * instance's feed sinks (temp files). Nothing is visible under the final names until `commitRun`.
 */
import { join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { RecordChecker } from '../channels/contract.js';
import type { Product } from '../model/product.js';
import { FeedSink } from '../output/feed-sink.js';
import type { ManifestEntry } from '../output/manifest.js';
import { compileRules, type RuleSet } from '../rules/rules.js';
import { compileSchemaFile, schemaIssues } from '../validate/ajv.js';
import type { Issue } from '../validate/issue.js';
import type { Instance } from './instances.js';
import type { IssueLog } from './issue-log.js';
import type { ChannelSummary } from './types.js';

const NO_ISSUES: readonly Issue[] = [];

export interface Run {
  instance: Instance;
  rules: RuleSet;
  validate: ValidateFunction | undefined;
  checker: RecordChecker<unknown> | undefined;
  /** Feed file name (relative to the output folder) -> its sink. */
  sinks: Map<string, FeedSink<unknown>>;
  outDir: string;
  summary: ChannelSummary;
  log: IssueLog;
}

export function startRun(instance: Instance, options: { outDir: string; dryRun?: boolean | undefined }, log: IssueLog): Run {
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
    outDir: options.outDir,
    log,
    summary: {
      channel: instance.name, type: channel.id, productsRead: 0, recordsWritten: 0, excluded: 0, invalid: 0,
      errors: 0, warnings: 0, files: [], rules: [], status: 'written',
    },
  };
}

export async function processProduct(run: Run, product: Product): Promise<void> {
  const { instance, summary } = run;
  summary.productsRead++;
  const ruled = run.rules.apply(product);
  if (!ruled.ok) { summary.excluded++; return; }
  const result = instance.channel.transform(ruled.product, instance.ctx);
  const where = { channel: instance.name, productId: product.id, line: product.line };
  if (!result.ok) {
    const errors = record(run, result.issues ?? [], where);
    if (errors > 0) summary.invalid++;
    else summary.excluded++;
    return;
  }
  let errors = record(run, result.issues ?? [], where);
  // A transform that reports an error has not produced a record fit to write, whatever it returned.
  if (errors > 0) { summary.invalid++; return; }
  for (const rec of result.records) {
    errors += await emit(run, rec, ruled.product, where);
  }
  if (errors > 0) summary.invalid++;
}

/** Validate one record and write it when it has no errors; returns the number of errors. */
async function emit(run: Run, rec: unknown, product: Product, where: Partial<Issue>): Promise<number> {
  const valid = run.validate ? run.validate(rec) : true;
  const checks = run.checker ? run.checker.check(rec, product) : NO_ISSUES;
  // The common case, a clean record, allocates nothing here.
  if (!valid || checks.length > 0) {
    const key = run.instance.channel.key(rec);
    const at = key && key !== where.productId ? { ...where, productId: key } : where;
    let errors = 0;
    if (!valid) {
      const schema = schemaIssues(run.validate!.errors, at);
      // A channel check that explains a field (`gtin`: wrong check digit, expected 1) replaces the
      // schema's generic format error on the same field, so each problem is reported once.
      const explained = new Set(checks.filter((i) => i.severity === 'error' && i.field).map((i) => i.field!));
      const generic = schema.filter((i) => !(i.code === 'schema-format' && i.field && explained.has(i.field.replace(/\[[0-9]+\]$/, ''))));
      errors += record(run, generic, at);
    }
    errors += record(run, checks, at);
    if (errors > 0) return errors;
  }
  for (const sink of run.sinks.values()) await sink.add(rec);
  run.summary.recordsWritten++;
  return 0;
}

function record(run: Run, issues: readonly Issue[], where: Partial<Issue>): number {
  let errors = 0;
  const channel = run.instance.name;
  for (const issue of issues) {
    // Past the log's cap an issue is only counted: no copy of it is made.
    if (run.log.keepsMore()) {
      const full: Issue = { ...where, ...issue, channel };
      if (full.productId === undefined) full.productId = where.productId;
      if (full.line === undefined) full.line = where.line;
      run.log.add(full);
    } else {
      run.log.tally(channel, issue.code, issue.severity);
    }
    if (issue.severity === 'error') { errors++; run.summary.errors++; } else run.summary.warnings++;
  }
  return errors;
}

/** End-of-run checks, side feeds, and closing every file (still under temp names). */
export async function finishRun(run: Run): Promise<void> {
  const { instance } = run;
  if (run.checker?.finish) record(run, run.checker.finish(), { channel: instance.name });
  for (const side of instance.channel.sideFeeds?.(instance.ctx) ?? []) {
    const file = instance.ctx.config.files?.[side.file] ?? side.file;
    const sink = run.sinks.size > 0 ? new FeedSink(resolve(run.outDir, file), side.format) : undefined;
    if (sink) run.sinks.set(file, sink);
    for await (const { record: rec, issues } of side.records()) {
      const errors = record(run, issues, { channel: instance.name });
      if (errors === 0 && sink) await sink.add(rec);
    }
  }
  for (const sink of run.sinks.values()) await sink.close();
  run.summary.rules = run.rules.stats();
}

/** Records per feed file, for the truncation guard. */
export function sinkRecords(run: Run): Record<string, number> {
  return Object.fromEntries([...run.sinks].map(([key, sink]) => [key, sink.records]));
}

export async function abortRun(run: Run): Promise<void> {
  for (const sink of run.sinks.values()) await sink.abort();
}

/** Rename every file into place; returns the manifest entries of this run's feeds. */
export async function commitRun(run: Run): Promise<Record<string, ManifestEntry>> {
  const entries: Record<string, ManifestEntry> = {};
  for (const [key, sink] of run.sinks) {
    const targets = await sink.commit();
    run.summary.files.push(...targets);
    entries[key] = { records: sink.records, files: targets.map((t) => t.slice(run.outDir.length + 1)) };
  }
  return entries;
}
