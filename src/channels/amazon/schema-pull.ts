/**
 * `omnifeed schema pull amazon`: fetch a product type's definition from the Product Type
 * Definitions API, download its JSON Schema and Amazon's meta-schema, verify their checksums,
 * and save them atomically as <outDir>/<PRODUCT_TYPE>.json and <outDir>/meta-schema.json.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AbortError, ChannelError, ConfigError, EXIT } from '../../errors.js';
import { writeFileAtomic } from '../../output/atomic-file.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../transport/http-client.js';
import { failureToError } from '../../transport/failure.js';
import { createLwaTokenSource, sendAuthorized, type LwaCredentials } from '../../transport/lwa-token.js';
import { createAmazonAjv } from '../../validate/amazon-vocabulary.js';
import { META_SCHEMA_FILE, removeEmptyAnyOf } from './product-type-schemas.js';

export interface PullAmazonSchemaOptions {
  productType: string;
  marketplaceId: string;
  /** Locale of titles and descriptions in the schema (`en_US`, `DEFAULT`...). Default `DEFAULT`. */
  locale?: string | undefined;
  /** Adds seller-specific values (e.g. your brands) to the schema. */
  sellerId?: string | undefined;
  /** SP-API endpoint, e.g. https://sellingpartnerapi-na.amazon.com */
  endpoint: string;
  tokenUrl: string;
  credentials: LwaCredentials;
  outDir: string;
  http?: HttpClientOptions;
}

export interface PulledSchema {
  productType: string;
  version: string | undefined;
  schemaFile: string;
  metaSchemaFile: string | undefined;
  /** Things worth telling the user that did not stop the pull. */
  warnings: string[];
}

export type PullResult = { ok: true; pulled: PulledSchema } | { ok: false; error: AbortError };

interface SchemaLink {
  link?: { resource?: unknown };
  checksum?: unknown;
}

interface ProductTypeDefinition {
  schema?: SchemaLink;
  metaSchema?: SchemaLink;
  productTypeVersion?: { version?: unknown };
}

export const DEFINITIONS_PATH = '/definitions/2020-09-01/productTypes';

export async function pullAmazonSchema(options: PullAmazonSchemaOptions): Promise<PullResult> {
  const productType = options.productType.trim().toUpperCase();
  if (!/^[A-Z0-9_]{1,100}$/.test(productType)) {
    return { ok: false, error: new ConfigError(`"${options.productType}" is not a product type name`, 'Product types look like SHIRT or LUGGAGE.') };
  }
  const http = createHttpClient({ ...options.http, secrets: [...(options.http?.secrets ?? []), options.credentials.clientSecret, options.credentials.refreshToken] });
  const tokens = createLwaTokenSource({ tokenUrl: options.tokenUrl, credentials: options.credentials, http, ...(options.http?.now ? { now: options.http.now } : {}) });

  const query = new URLSearchParams({
    marketplaceIds: options.marketplaceId,
    requirements: 'LISTING',
    requirementsEnforced: 'ENFORCED',
    locale: options.locale ?? 'DEFAULT',
  });
  if (options.sellerId) query.set('sellerId', options.sellerId);
  const url = `${options.endpoint.replace(/\/+$/, '')}${DEFINITIONS_PATH}/${productType}?${query.toString()}`;
  const answer = await sendAuthorized(http, tokens, { method: 'GET', url, headers: { accept: 'application/json' } });
  if (!answer.ok) return { ok: false, error: failureToError(answer.failure) };
  const definition = answer.response.json() as ProductTypeDefinition | undefined;
  const schemaUrl = definition?.schema?.link?.resource;
  if (typeof schemaUrl !== 'string') {
    return { ok: false, error: new ChannelError(`the definition of ${productType} has no schema link`, 'Amazon answered in an unexpected shape; run again later.') };
  }

  const schema = await download(http, schemaUrl, definition?.schema?.checksum, `${productType} schema`);
  if (!schema.ok) return schema;
  const metaUrl = definition?.metaSchema?.link?.resource;
  const meta = typeof metaUrl === 'string' ? await download(http, metaUrl, definition?.metaSchema?.checksum, 'meta-schema') : undefined;
  if (meta && !meta.ok) return meta;

  const schemaFile = join(options.outDir, `${productType}.json`);
  const metaSchemaFile = meta ? join(options.outDir, META_SCHEMA_FILE) : undefined;
  try {
    await mkdir(options.outDir, { recursive: true });
    if (meta && metaSchemaFile) await writeFileAtomic(metaSchemaFile, meta.text);
    await writeFileAtomic(schemaFile, schema.text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, error: new AbortError(`cannot save the schema in ${options.outDir}: ${reason}`, 'Choose a writable folder with --out-dir.', EXIT.usage, 'WRITE') };
  }

  const version = definition?.productTypeVersion?.version;
  return {
    ok: true,
    pulled: {
      productType,
      version: typeof version === 'string' ? version : undefined,
      schemaFile,
      metaSchemaFile,
      warnings: compileWarnings(schema.json, meta?.json),
    },
  };
}

type Downloaded = { ok: true; text: string; json: Record<string, unknown> } | { ok: false; error: AbortError };

/** Schema links are presigned storage URLs: no access token goes with them. */
async function download(http: HttpClient, url: string, checksum: unknown, what: string): Promise<Downloaded> {
  const result = await http.send({ method: 'GET', url });
  if (!result.ok) return { ok: false, error: failureToError(result.failure) };
  if (typeof checksum === 'string' && checksum !== '') {
    const actual = createHash('md5').update(result.response.body).digest('base64');
    if (actual !== checksum) {
      return { ok: false, error: new ChannelError(`the ${what} download is damaged: MD5 ${actual}, expected ${checksum}`, 'Nothing was saved. Run the command again.') };
    }
  }
  const text = result.response.text();
  const json = result.response.json();
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, error: new ChannelError(`the ${what} download is not a JSON object`, 'Nothing was saved. Run the command again later.') };
  }
  return { ok: true, text, json: json as Record<string, unknown> };
}

/** Try the schema with omnifeed's validator now, so a problem shows here rather than in every build. */
function compileWarnings(schema: Record<string, unknown>, meta: Record<string, unknown> | undefined): string[] {
  const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));
  const warnings: string[] = [];
  let ajv;
  try {
    ajv = createAmazonAjv(meta ? { metaSchema: meta } : { validateSchema: false });
  } catch (err) {
    warnings.push(`the meta-schema does not load (${reason(err)}); schemas will not be checked against it`);
    ajv = createAmazonAjv({ validateSchema: false });
  }
  try {
    ajv.compile(removeEmptyAnyOf(schema));
  } catch (err) {
    warnings.push(`omnifeed cannot compile this schema: ${reason(err)}`);
  }
  return warnings;
}
