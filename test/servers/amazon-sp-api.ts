/**
 * A local stand-in for the parts of Amazon SP-API that omnifeed talks to when pulling schemas:
 * the LWA token endpoint, Product Type Definitions, and the schema document downloads.
 * Scenario switches make it throttle (429 + Retry-After), fail (503), hang (timeout) or treat a
 * token as expired (403 in Amazon's error shape). Every request is recorded for assertions.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SpApiCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface ProductTypeFixture {
  schema: object;
  metaSchema?: object;
  version?: string;
}

export interface SpApiServerOptions {
  credentials: SpApiCredentials;
  productTypes: Record<string, ProductTypeFixture>;
  /** Lifetime of issued tokens (expires_in). Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Answer the first N definitions requests with 429 and this Retry-After. */
  throttle?: { times: number; retryAfter: string };
  /** Answer the first N definitions requests with 503. */
  failTimes?: number;
  /** Never answer the first N definitions requests. */
  hangTimes?: number;
  /** The first issued token counts as expired at the definitions endpoint. */
  expireFirstToken?: boolean;
  /** Checksums sent with schema links: the real MD5, a wrong one, or none. */
  checksum?: 'real' | 'wrong' | 'none';
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SpApiServer {
  url: string;
  tokenUrl: string;
  requests: RecordedRequest[];
  tokensIssued: string[];
  close(): Promise<void>;
}

const EXPIRED = { errors: [{ code: 'Unauthorized', message: 'The access token you provided has expired.', details: '' }] };
const INVALID = { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] };

export async function startSpApiServer(options: SpApiServerOptions): Promise<SpApiServer> {
  const requests: RecordedRequest[] = [];
  const tokensIssued: string[] = [];
  const expired = new Set<string>();
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  let definitionCalls = 0;
  let base = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `req-${requests.length}`, ...headers });
    res.end(JSON.stringify(body));
  };

  const documents = new Map<string, string>();
  for (const [name, fixture] of Object.entries(options.productTypes)) {
    documents.set(`/documents/${name}/schema.json`, JSON.stringify(fixture.schema, null, 2));
    if (fixture.metaSchema) documents.set(`/documents/${name}/meta-schema.json`, JSON.stringify(fixture.metaSchema, null, 2));
  }
  const checksumOf = (path: string) => {
    if (options.checksum === 'none') return undefined;
    if (options.checksum === 'wrong') return 'AAAAAAAAAAAAAAAAAAAAAA==';
    return createHash('md5').update(documents.get(path) ?? '').digest('base64');
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', base);
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, headers: req.headers, body });

    if (url.pathname === '/auth/o2/token' && req.method === 'POST') {
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        return json(res, 400, { error: 'invalid_request', error_description: 'form body expected' });
      }
      const form = new URLSearchParams(body);
      const { clientId, clientSecret, refreshToken } = options.credentials;
      if (form.get('grant_type') !== 'refresh_token') return json(res, 400, { error: 'unsupported_grant_type' });
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      if (form.get('refresh_token') !== refreshToken) {
        return json(res, 400, { error: 'invalid_grant', error_description: `The request has an invalid grant parameter : refresh_token ${form.get('refresh_token')}` });
      }
      const token = `Atza|test-token-${tokensIssued.length + 1}`;
      tokensIssued.push(token);
      if (options.expireFirstToken && tokensIssued.length === 1) expired.add(token);
      return json(res, 200, { access_token: token, token_type: 'bearer', expires_in: lifetime, refresh_token: refreshToken });
    }

    const definition = /^\/definitions\/2020-09-01\/productTypes\/([A-Z0-9_]+)$/.exec(url.pathname);
    if (definition && req.method === 'GET') {
      const token = req.headers['x-amz-access-token'];
      if (typeof token !== 'string' || !tokensIssued.includes(token)) return json(res, 403, INVALID);
      if (expired.has(token)) return json(res, 403, EXPIRED);
      definitionCalls++;
      const hang = options.hangTimes ?? 0;
      const throttled = hang + (options.throttle?.times ?? 0);
      const failing = throttled + (options.failTimes ?? 0);
      if (definitionCalls <= hang) return; // never answers
      if (definitionCalls <= throttled) {
        return json(res, 429, { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] }, { 'retry-after': options.throttle!.retryAfter });
      }
      if (definitionCalls <= failing) {
        return json(res, 503, { errors: [{ code: 'ServiceUnavailable', message: 'Service temporarily unavailable.' }] });
      }
      if (!url.searchParams.get('marketplaceIds')) return json(res, 400, { errors: [{ code: 'InvalidInput', message: 'marketplaceIds is required' }] });
      const name = definition[1]!;
      const fixture = options.productTypes[name];
      if (!fixture) return json(res, 404, { errors: [{ code: 'NotFound', message: `Product type ${name} not found.` }] });
      const link = (doc: string) => {
        const path = `/documents/${name}/${doc}`;
        const checksum = checksumOf(path);
        return { link: { resource: `${base}${path}`, verb: 'GET' }, ...(checksum ? { checksum } : {}) };
      };
      return json(res, 200, {
        ...(fixture.metaSchema ? { metaSchema: link('meta-schema.json') } : {}),
        schema: link('schema.json'),
        requirements: url.searchParams.get('requirements') ?? 'LISTING',
        requirementsEnforced: url.searchParams.get('requirementsEnforced') ?? 'ENFORCED',
        propertyGroups: {},
        locale: url.searchParams.get('locale') ?? 'DEFAULT',
        marketplaceIds: [url.searchParams.get('marketplaceIds')],
        productType: name,
        displayName: name,
        productTypeVersion: { version: fixture.version ?? 'TEST.1', latest: true, releaseCandidate: false },
      });
    }

    const document = documents.get(url.pathname);
    if (document !== undefined && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(document);
    }
    return json(res, 404, { errors: [{ code: 'NotFound', message: 'Resource not found' }] });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    tokenUrl: `${base}/auth/o2/token`,
    requests,
    tokensIssued,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
