/**
 * `omnifeed schema pull amazon --product-type SHIRT`: save a product-type schema for offline checks.
 * Credentials come from LWA_CLIENT_ID, LWA_CLIENT_SECRET and LWA_REFRESH_TOKEN, in the environment or the
 * credentials file (see credentials.ts), never argv.
 * Endpoint and token URL: SP_API_ENDPOINT / LWA_TOKEN_URL, else channels.<name>.endpoint / tokenUrl
 * (or region) from the config file, else North America and api.amazon.com.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { DEFAULT_SCHEMA_DIR, REGION_ENDPOINTS, type AmazonRegion } from '../channels/amazon/settings.js';
import { AbortError, ConfigError, EXIT } from '../errors.js';
import type { HttpClientOptions } from '../transport/http-client.js';
import { withCredentialsFile } from './credentials.js';
import { DEFAULT_LWA_TOKEN_URL, LWA_ENV, readLwaCredentials } from '../transport/lwa-token.js';
import type { CliIo } from './io.js';
import { reportError } from './shared.js';

export const SCHEMA_ENV = { endpoint: 'SP_API_ENDPOINT', tokenUrl: 'LWA_TOKEN_URL' } as const;
const DEFAULT_MARKETPLACE = 'ATVPDKIKX0DER';
const USER_AGENT = 'omnifeed/0.1.0 (Language=TypeScript; Platform=Node.js)';

export interface SchemaPullFlags {
  productType: string;
  marketplace?: string;
  locale?: string;
  config?: string;
  channel?: string;
  outDir?: string;
  json?: boolean;
  debug?: boolean;
}

/** The part of a config file `schema pull` reads: one Amazon channel block and the folder it is relative to. */
export interface SchemaConfig {
  channel: Record<string, unknown> | undefined;
  dir: string;
}

/** Reads the channel block from a config file as plain JSON (no full config validation needed to pull a schema). */
export type LoadSchemaConfig = (io: CliIo, path: string | undefined, channel: string) => Promise<SchemaConfig | undefined>;

export const readSchemaConfig: LoadSchemaConfig = async (io, path, channel) => {
  const file = resolve(io.cwd, path ?? 'omnifeed.config.json');
  if (!existsSync(file)) {
    if (path) throw new ConfigError(`config file ${file} does not exist`, 'Pass an existing file with --config, or leave it out.');
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const block = (json as { channels?: Record<string, unknown> } | null)?.channels?.[channel];
  if (block !== undefined && (typeof block !== 'object' || block === null)) throw new ConfigError(`channels.${channel}: must be an object`);
  return { channel: block as Record<string, unknown> | undefined, dir: dirname(file) };
};

export function registerSchema(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  loadConfig: LoadSchemaConfig = readSchemaConfig,
  http?: HttpClientOptions,
): void {
  const schema = program.command('schema').description('manage channel schemas used for offline validation');
  schema
    .command('pull')
    .description('download a channel\'s product-type schema (Amazon) into the schema folder')
    .argument('<channel>', 'channel type: amazon')
    .requiredOption('--product-type <name>', 'Amazon product type, e.g. SHIRT or LUGGAGE')
    .option('--marketplace <id>', 'marketplace id (default: channels.<name>.marketplaceId, else ATVPDKIKX0DER)')
    .option('--locale <locale>', 'locale of labels in the schema, e.g. en_US (default: DEFAULT)')
    .option('-c, --config <file>', 'config file to read channels.amazon from (default: omnifeed.config.json when present)')
    .option('--channel <name>', 'config key of the Amazon channel (default: amazon)')
    .option('--out-dir <dir>', 'where to save (default: channels.<name>.schemaDir, else channel-schemas/amazon)')
    .option('--json', 'print the result as JSON')
    .option('--debug', 'stack traces for errors')
    .addHelpText(
      'after',
      `\nCredentials come from the environment or a credentials file (JSON, chmod 600; $OMNIFEED_CREDENTIALS,\ndefault ~/.config/omnifeed/credentials.json), never from flags: ${Object.values(LWA_ENV).join(', ')}.\n` +
        `Endpoint overrides: ${SCHEMA_ENV.endpoint}, ${SCHEMA_ENV.tokenUrl}.\n\n` +
        'Example:\n  LWA_CLIENT_ID=... LWA_CLIENT_SECRET=... LWA_REFRESH_TOKEN=... \\\n    omnifeed schema pull amazon --product-type SHIRT --marketplace ATVPDKIKX0DER\n',
    )
    .action(async (channel: string, flags: SchemaPullFlags) => setExit(await runSchemaPull(io, channel, flags, loadConfig, http)));
}

export async function runSchemaPull(
  shellIo: CliIo,
  channelType: string,
  flags: SchemaPullFlags,
  loadConfig: LoadSchemaConfig = readSchemaConfig,
  http?: HttpClientOptions,
): Promise<number> {
  let io = shellIo;
  try {
    io = await withCredentialsFile(shellIo);
    if (channelType !== 'amazon') throw new AbortError(`schema pull knows the amazon channel only, not "${channelType}"`, 'Run: omnifeed schema pull amazon --product-type SHIRT');
    const instance = flags.channel ?? 'amazon';
    const config = await loadConfig(io, flags.config, instance);
    const block = config?.channel ?? {};
    const text = (key: string) => (typeof block[key] === 'string' && block[key] !== '' ? (block[key] as string) : undefined);
    const env = (name: string) => (io.env[name]?.trim() ? io.env[name]!.trim() : undefined);

    const credentials = readLwaCredentials(io.env);
    if (!credentials.ok) {
      throw new ConfigError(`missing credentials: ${credentials.missing.join(', ')}`, 'Set them in the environment or the credentials file (OMNIFEED_CREDENTIALS, default ~/.config/omnifeed/credentials.json), never on the command line. They come from your SP-API app in Seller Central.');
    }
    const region = (text('region') ?? 'na') as AmazonRegion;
    const endpoint = env(SCHEMA_ENV.endpoint) ?? text('endpoint') ?? REGION_ENDPOINTS[region];
    if (!endpoint) throw new ConfigError(`channels.${instance}.region: must be one of na, eu, fe`);
    const tokenUrl = env(SCHEMA_ENV.tokenUrl) ?? text('tokenUrl') ?? DEFAULT_LWA_TOKEN_URL;
    const outDir = flags.outDir
      ? resolve(io.cwd, flags.outDir)
      : resolve(config?.dir ?? io.cwd, text('schemaDir') ?? DEFAULT_SCHEMA_DIR);

    // Loaded here, not at start: the HTTP stack costs every other command ~15 MB of memory.
    const { pullAmazonSchema } = await import('../channels/amazon/schema-pull.js');
    const result = await pullAmazonSchema({
      productType: flags.productType,
      marketplaceId: flags.marketplace ?? text('marketplaceId') ?? DEFAULT_MARKETPLACE,
      locale: flags.locale,
      sellerId: text('sellerId'),
      endpoint,
      tokenUrl,
      credentials: credentials.credentials,
      outDir,
      http: { userAgent: USER_AGENT, ...http },
    });
    if (!result.ok) throw result.error;
    const { pulled } = result;
    if (flags.json) {
      io.stdout(`${JSON.stringify(pulled, null, 2)}\n`);
    } else {
      io.stdout(`Saved ${pulled.productType}${pulled.version ? ` (${pulled.version})` : ''} to ${pulled.schemaFile}\n`);
      if (pulled.metaSchemaFile) io.stdout(`Saved Amazon's meta-schema to ${pulled.metaSchemaFile}\n`);
    }
    for (const warning of pulled.warnings) io.stderr(`omnifeed: warning: ${warning}\n`);
    return EXIT.ok;
  } catch (err) {
    const secrets = [io.env[LWA_ENV.clientSecret], io.env[LWA_ENV.refreshToken]].filter((s): s is string => Boolean(s));
    return reportError(io, err, secrets, flags.debug);
  }
}
