import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import amazon from '../../../src/channels/amazon/index.js';
import { pullAmazonSchema } from '../../../src/channels/amazon/schema-pull.js';
import type { CliIo } from '../../../src/cli/io.js';
import { registerSchema, runSchemaPull } from '../../../src/cli/schema.js';
import { startSpApiServer, type SpApiServer, type SpApiServerOptions } from '../../servers/amazon-sp-api.js';
import { FIXTURE_SCHEMAS, makeContext, makeProduct, recordOf, REPO, validFields } from './helpers.js';

const credentials = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'amzn1.oa2-cs.v1.testsecret', refreshToken: 'Atzr|IwEBI-test-refresh' };
const env = { LWA_CLIENT_ID: credentials.clientId, LWA_CLIENT_SECRET: credentials.clientSecret, LWA_REFRESH_TOKEN: credentials.refreshToken };
const shirt = JSON.parse(readFileSync(join(FIXTURE_SCHEMAS, 'SHIRT.json'), 'utf8')) as object;
const meta = JSON.parse(readFileSync(join(REPO, 'channel-schemas/amazon/meta-schema.json'), 'utf8')) as object;

let server: SpApiServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'omnifeed-pull-'));
  dirs.push(dir);
  return dir;
}

async function start(options: Partial<SpApiServerOptions> = {}) {
  server = await startSpApiServer({ credentials, productTypes: { SHIRT: { schema: shirt, metaSchema: meta, version: 'U1234' } }, ...options });
  return server;
}

function pull(s: SpApiServer, outDir: string, waits: number[] = [], extra: { timeoutMs?: number } = {}) {
  return pullAmazonSchema({
    productType: 'SHIRT',
    marketplaceId: 'ATVPDKIKX0DER',
    locale: 'en_US',
    endpoint: s.url,
    tokenUrl: s.tokenUrl,
    credentials,
    outDir,
    http: { sleep: async (ms) => void waits.push(ms), ...extra },
  });
}

describe('pullAmazonSchema end to end', () => {
  it('exchanges the token, asks for the definition, downloads and verifies both documents, saves them', async () => {
    const s = await start();
    const out = join(tempDir(), 'schemas');
    const result = await pull(s, out);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pulled).toMatchObject({ productType: 'SHIRT', version: 'U1234', warnings: [] });
    expect(readdirSync(out).sort()).toEqual(['SHIRT.json', 'meta-schema.json']);
    expect(JSON.parse(readFileSync(join(out, 'SHIRT.json'), 'utf8'))).toEqual(shirt);
    expect(JSON.parse(readFileSync(join(out, 'meta-schema.json'), 'utf8'))).toEqual(meta);

    const definition = s.requests.find((r) => r.path.startsWith('/definitions'))!;
    const url = new URL(definition.path, s.url);
    expect(url.pathname).toBe('/definitions/2020-09-01/productTypes/SHIRT');
    expect(Object.fromEntries(url.searchParams)).toEqual({ marketplaceIds: 'ATVPDKIKX0DER', requirements: 'LISTING', requirementsEnforced: 'ENFORCED', locale: 'en_US' });
    expect(definition.headers['x-amz-access-token']).toBe('Atza|test-token-1');
    // The access token never goes to the document links.
    for (const r of s.requests.filter((r) => r.path.startsWith('/documents'))) expect(r.headers['x-amz-access-token']).toBeUndefined();

    // The saved schema drives the checker.
    const checker = amazon.createChecker!(makeContext({ schemaDir: out }));
    expect(checker.check(recordOf(validFields({ title: 'é'.repeat(31) })), makeProduct({}))[0]?.code).toBe('amazon-maxUtf8ByteLength');
  });

  it('waits out a 429 with Retry-After and recovers from an expired token', async () => {
    const s = await start({ throttle: { times: 1, retryAfter: '1' }, expireFirstToken: true });
    const waits: number[] = [];
    const result = await pull(s, tempDir(), waits);
    expect(result.ok).toBe(true);
    expect(waits).toEqual([1000]);
    expect(s.tokensIssued).toEqual(['Atza|test-token-1', 'Atza|test-token-2']);
    const statuses = s.requests.filter((r) => r.path.startsWith('/definitions')).map((r) => r.headers['x-amz-access-token']);
    expect(statuses).toEqual(['Atza|test-token-1', 'Atza|test-token-2', 'Atza|test-token-2']);
  });

  it('really sleeps a short Retry-After when no sleep is injected', async () => {
    const s = await start({ throttle: { times: 1, retryAfter: '1' } });
    const started = Date.now();
    const result = await pullAmazonSchema({ productType: 'SHIRT', marketplaceId: 'ATVPDKIKX0DER', endpoint: s.url, tokenUrl: s.tokenUrl, credentials, outDir: tempDir() });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries 5xx and a request that hangs', async () => {
    const s = await start({ hangTimes: 1, failTimes: 2 });
    const waits: number[] = [];
    const result = await pull(s, tempDir(), waits, { timeoutMs: 150 });
    expect(result.ok).toBe(true);
    expect(waits).toHaveLength(3);
    expect(s.requests.filter((r) => r.path.startsWith('/definitions'))).toHaveLength(4);
  });

  it('refuses a download whose checksum does not match, and saves nothing', async () => {
    const s = await start({ checksum: 'wrong' });
    const out = tempDir();
    const result = await pull(s, out);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.exitCode).toBe(3);
    expect(result.error.message).toContain('damaged');
    expect(readdirSync(out)).toEqual([]);
  });

  it('reports an unknown product type as a channel failure', async () => {
    const s = await start();
    const result = await pullAmazonSchema({ productType: 'LUGGAGE', marketplaceId: 'ATVPDKIKX0DER', endpoint: s.url, tokenUrl: s.tokenUrl, credentials, outDir: tempDir() });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('HTTP 404 NotFound: Product type LUGGAGE not found.');
  });
});

function memoryIo(cwd: string, extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: { ...env, ...extraEnv }, cwd, isTTY: false, now: () => new Date('2026-01-15T12:00:00Z') };
  return { io, out, err };
}

describe('omnifeed schema pull amazon', () => {
  it('reads endpoint, token URL, marketplace and schema folder from the config and saves there', async () => {
    const s = await start();
    const cwd = tempDir();
    writeFileSync(join(cwd, 'shop.json'), JSON.stringify({ channels: { amazon: { sellerId: 'A2SELLER', marketplaceId: 'A1F83G8C2ARO7P', endpoint: s.url, tokenUrl: s.tokenUrl, schemaDir: 'pt' } } }));
    const { io, out, err } = memoryIo(cwd);
    const code = await runSchemaPull(io, 'amazon', { productType: 'shirt', config: 'shop.json' });
    expect(err.join('')).toBe('');
    expect(code).toBe(0);
    expect(out.join('')).toContain(`Saved SHIRT (U1234) to ${join(cwd, 'pt', 'SHIRT.json')}`);
    const query = new URL(s.requests.find((r) => r.path.startsWith('/definitions'))!.path, s.url).searchParams;
    expect(query.get('marketplaceIds')).toBe('A1F83G8C2ARO7P');
    expect(query.get('sellerId')).toBe('A2SELLER');
  });

  it('runs through commander, with endpoints from the environment', async () => {
    const s = await start({ throttle: { times: 1, retryAfter: '1' } });
    const cwd = tempDir();
    const { io, out } = memoryIo(cwd, { SP_API_ENDPOINT: s.url, LWA_TOKEN_URL: s.tokenUrl });
    let exit = -1;
    const waits: number[] = [];
    const program = new Command('omnifeed').exitOverride();
    registerSchema(program, io, (c) => void (exit = c), undefined, { sleep: async (ms) => void waits.push(ms) });
    await program.parseAsync(['node', 'omnifeed', 'schema', 'pull', 'amazon', '--product-type', 'SHIRT', '--json']);
    expect(exit).toBe(0);
    expect(waits).toEqual([1000]);
    expect(JSON.parse(out.join(''))).toMatchObject({ productType: 'SHIRT', schemaFile: join(cwd, 'channel-schemas/amazon/SHIRT.json') });
  });

  it('exits 2 without credentials, naming the variables, and 3 when the channel fails', async () => {
    const cwd = tempDir();
    const missing = memoryIo(cwd);
    missing.io.env = {};
    expect(await runSchemaPull(missing.io, 'amazon', { productType: 'SHIRT' })).toBe(2);
    expect(missing.err.join('')).toContain('LWA_CLIENT_ID, LWA_CLIENT_SECRET, LWA_REFRESH_TOKEN');

    const s = await start();
    const refused = memoryIo(cwd, { SP_API_ENDPOINT: s.url, LWA_TOKEN_URL: s.tokenUrl, LWA_REFRESH_TOKEN: 'Atzr|IwEBI-revoked-secret' });
    expect(await runSchemaPull(refused.io, 'amazon', { productType: 'SHIRT' })).toBe(3);
    const text = refused.err.join('');
    expect(text).toContain('invalid_grant');
    expect(text).not.toContain('revoked-secret');

    expect(await runSchemaPull(memoryIo(cwd).io, 'google', { productType: 'SHIRT' })).toBe(2);
    expect(await runSchemaPull(memoryIo(cwd).io, 'amazon', { productType: 'SHIRT', config: 'nope.json' })).toBe(2);
  });
});

describe('credentials file', () => {
  it('reads credentials from OMNIFEED_CREDENTIALS when the environment has none', async () => {
    const s = await start();
    const cwd = tempDir();
    const file = join(cwd, 'credentials.json');
    writeFileSync(file, JSON.stringify(env));
    chmodSync(file, 0o600);
    const { io, err } = memoryIo(cwd);
    io.env = { OMNIFEED_CREDENTIALS: file, SP_API_ENDPOINT: s.url, LWA_TOKEN_URL: s.tokenUrl };
    expect(await runSchemaPull(io, 'amazon', { productType: 'SHIRT' })).toBe(0);
    expect(err.join('')).toBe('');
  });

  it('finds ~/.config/omnifeed/credentials.json and refuses one others can read', async () => {
    const home = tempDir();
    mkdirSync(join(home, '.config', 'omnifeed'), { recursive: true });
    const file = join(home, '.config', 'omnifeed', 'credentials.json');
    writeFileSync(file, JSON.stringify(env));
    chmodSync(file, 0o644);
    const { io, err } = memoryIo(home);
    io.env = { HOME: home };
    expect(await runSchemaPull(io, 'amazon', { productType: 'SHIRT' })).toBe(2);
    expect(err.join('')).toContain(`credentials file ${file} can be read by other users`);
    expect(err.join('')).toContain(`chmod 600 ${file}`);
  });
});
