/** Test helper: runs the marketplace channel over products as the pipeline does, in memory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import marketplace from '../../../src/channels/marketplace/index.js';
import type { MarketplaceRecord } from '../../../src/channels/marketplace/record.js';
import type { ChannelConfig, ChannelContext } from '../../../src/channels/contract.js';
import type { Product } from '../../../src/model/product.js';
import { compileSchemaFile, schemaIssues } from '../../../src/validate/ajv.js';
import type { Issue } from '../../../src/validate/issue.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'marketplace');
export const NOW = new Date('2026-01-15T00:00:00Z');

export function fixtureProducts(): Product[] {
  return JSON.parse(readFileSync(join(FIXTURES, 'products.json'), 'utf8')) as Product[];
}

export function fixtureConfig(name: string): ChannelConfig {
  const configs = JSON.parse(readFileSync(join(FIXTURES, 'configs.json'), 'utf8')) as Record<string, ChannelConfig>;
  return structuredClone(configs[name]!);
}

export function contextFor(instance: string, config: ChannelConfig): ChannelContext {
  return { instance, config, catalog: { currency: 'USD' }, resolvePath: (p) => p, now: NOW };
}

export function product(id: string, fields: Record<string, string>, line = 2): Product {
  return { id, line, fields: { id, ...fields } };
}

export interface Rendered {
  text: string;
  records: MarketplaceRecord[];
  issues: Issue[];
}

/** transform -> schema -> checker -> csv, dropping records with errors, like src/pipeline/build.ts. */
export function renderFeed(products: readonly Product[], instance: string, config: ChannelConfig): Rendered {
  const ctx = contextFor(instance, config);
  const schema = marketplace.schema;
  const validate = compileSchemaFile(typeof schema === 'function' ? schema(ctx)! : schema!);
  const checker = marketplace.createChecker!(ctx);
  const format = marketplace.format('csv', ctx);
  const issues: Issue[] = [];
  const records: MarketplaceRecord[] = [];
  let text = format.begin();
  for (const p of products) {
    const result = marketplace.transform(p, ctx);
    issues.push(...(result.issues ?? []));
    if (!result.ok) continue;
    for (const record of result.records) {
      const errors: Issue[] = [];
      if (!validate(record)) errors.push(...schemaIssues(validate.errors, { productId: p.id }));
      const checked = checker.check(record, p);
      errors.push(...checked);
      issues.push(...errors);
      if (errors.some((issue) => issue.severity === 'error')) continue;
      records.push(record);
      text += format.item(record, records.length);
    }
  }
  issues.push(...(checker.finish?.() ?? []));
  text += format.end();
  return { text, records, issues };
}

export function codes(issues: readonly Issue[]): string[] {
  return issues.map((issue) => issue.code);
}
