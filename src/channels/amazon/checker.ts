/**
 * Per-run checks beyond the message schema: each message's attributes against its product-type
 * schema (Amazon's vocabulary included), values outside Amazon's listed enums, and duplicate SKUs.
 */
import type { ErrorObject } from 'ajv';
import { KeyTable } from '../../model/key-table.js';
import type { ChannelContext, RecordChecker } from '../contract.js';
import type { Product } from '../../model/product.js';
import { describeError, reportableErrors } from '../../validate/ajv.js';
import { error, warning, type Issue } from '../../validate/issue.js';
import { BUNDLED_SCHEMA_DIR, createProductTypeSchemas } from './product-type-schemas.js';
import type { Attributes, ListingsRecord } from './record.js';
import { readAmazonSettings } from './settings.js';

export function createAmazonChecker(ctx: ChannelContext): RecordChecker<ListingsRecord> {
  const settings = readAmazonSettings(ctx.config, ctx.instance);
  const schemas = createProductTypeSchemas([ctx.resolvePath(settings.schemaDir), BUNDLED_SCHEMA_DIR]);
  const reported = new Set<string>();
  const skus = new KeyTable();
  // One object for every record: each issue copies it (`{ ...where, field }`), none keeps it.
  const where: { channel: string; productId: string; line: number | undefined } = { channel: ctx.instance, productId: '', line: undefined };

  return {
    check(record, product) {
      where.productId = record.sku;
      where.line = product.line;
      const issues: Issue[] = [];
      if (!skus.add(record.sku)) {
        issues.push(error('amazon-duplicate-sku', `SKU "${record.sku}" is sent twice in this feed`, { ...where, field: 'sku' }));
      }
      const attributes = attributesToCheck(record);
      if (!attributes || !record.productType) return issues;

      const entry = schemas.get(record.productType);
      if (entry.status !== 'ok') {
        if (!reported.has(record.productType)) {
          reported.add(record.productType);
          issues.push(schemaProblem(record.productType, entry, where));
        }
        return issues;
      }
      if (!entry.validate(attributes)) {
        // Partial updates and patches carry some attributes only: the product type's required set does not apply.
        const partial = record.operationType !== 'UPDATE';
        const errors = (entry.validate.errors ?? []).filter((e) => !(partial && e.keyword === 'required' && e.instancePath === ''));
        issues.push(...attributeIssues(errors, where));
      }
      entry.checkHints(attributes, where, issues);
      return issues;
    },
  };
}

/** What a message asks Amazon to store: its attributes, or the values its patches add or replace. */
function attributesToCheck(record: ListingsRecord): Attributes | undefined {
  if (record.attributes) return record.attributes;
  if (!record.patches) return undefined;
  const out: Attributes = {};
  for (const patch of record.patches) {
    const name = patch.path.replace(/^\/attributes\//, '');
    if (patch.op !== 'delete' && patch.value) out[name] = patch.value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function schemaProblem(
  productType: string,
  entry: { status: 'missing'; searched: string[] } | { status: 'unusable'; file: string; reason: string },
  where: Partial<Issue>,
): Issue {
  if (entry.status === 'unusable') {
    return error('amazon-schema-unusable', `product type ${productType}: schema ${entry.file} cannot be used: ${entry.reason}`, { ...where, field: 'productType' });
  }
  return warning(
    'amazon-schema-missing',
    `product type ${productType}: no schema in ${entry.searched.join(' or ')}, attributes not checked (run \`omnifeed schema pull amazon --product-type ${productType}\`)`,
    { ...where, field: 'productType' },
  );
}

/** Ajv errors as issues named after the attribute, coded `amazon-<keyword>`. */
function attributeIssues(errors: ErrorObject[], where: Partial<Issue>): Issue[] {
  return reportableErrors(errors).map(({ err, path }) =>
    error(`amazon-${err.keyword}`, `${path || '(attributes)'}: ${describeError(err)}`, { ...where, field: path.split(/[.[]/)[0] || undefined }));
}
