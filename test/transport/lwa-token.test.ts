import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/transport/http-client.js';
import { createLwaTokenSource, readLwaCredentials, sendAuthorized } from '../../src/transport/lwa-token.js';
import { startSpApiServer, type SpApiServer, type SpApiServerOptions } from '../servers/amazon-sp-api.js';

const credentials = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'amzn1.oa2-cs.v1.testsecret', refreshToken: 'Atzr|IwEBI-test-refresh' };
let server: SpApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(options: Partial<SpApiServerOptions> = {}, now?: () => number) {
  server = await startSpApiServer({ credentials, productTypes: { SHIRT: { schema: { type: 'object' } } }, ...options });
  const http = createHttpClient({ sleep: async () => undefined });
  const tokens = createLwaTokenSource({ tokenUrl: server.tokenUrl, credentials, http, ...(now ? { now } : {}) });
  const definitions = `${server.url}/definitions/2020-09-01/productTypes/SHIRT?marketplaceIds=ATVPDKIKX0DER`;
  return { server, http, tokens, definitions };
}

describe('LWA tokens', () => {
  it('reads credentials from the environment and names what is missing', () => {
    expect(readLwaCredentials({ LWA_CLIENT_ID: 'a', LWA_CLIENT_SECRET: 'b', LWA_REFRESH_TOKEN: 'c' })).toEqual({ ok: true, credentials: { clientId: 'a', clientSecret: 'b', refreshToken: 'c' } });
    expect(readLwaCredentials({ LWA_CLIENT_ID: 'a', LWA_CLIENT_SECRET: ' ' })).toEqual({ ok: false, missing: ['LWA_CLIENT_SECRET', 'LWA_REFRESH_TOKEN'] });
  });

  it('exchanges the refresh token with a form-encoded POST and caches the access token', async () => {
    const { server, tokens } = await setup();
    const [a, b] = await Promise.all([tokens.getToken(), tokens.getToken()]);
    expect(a).toEqual({ ok: true, token: 'Atza|test-token-1' });
    expect(b).toEqual(a);
    expect(await tokens.getToken()).toEqual(a);
    expect(server.tokensIssued).toHaveLength(1);
    const post = server.requests[0]!;
    expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
    expect(Object.fromEntries(new URLSearchParams(post.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: credentials.refreshToken,
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    });
  });

  it('refreshes shortly before the token expires', async () => {
    let clock = 1_000_000;
    const { server, tokens } = await setup({ tokenLifetimeSeconds: 120 }, () => clock);
    await tokens.getToken();
    clock += 59_000; // 61 s left: more than the 60 s margin
    expect(await tokens.getToken()).toEqual({ ok: true, token: 'Atza|test-token-1' });
    clock += 2_000; // 59 s left
    expect(await tokens.getToken()).toEqual({ ok: true, token: 'Atza|test-token-2' });
    expect(server.tokensIssued).toHaveLength(2);
  });

  it('gets a new token once when the API says the token expired, then retries', async () => {
    const { server, http, tokens, definitions } = await setup({ expireFirstToken: true });
    const result = await sendAuthorized(http, tokens, { url: definitions });
    expect(result.ok).toBe(true);
    const calls = server.requests.filter((r) => r.path.startsWith('/definitions'));
    expect(calls.map((r) => r.headers['x-amz-access-token'])).toEqual(['Atza|test-token-1', 'Atza|test-token-2']);
  });

  it('does not loop on a 403 that is not about the token', async () => {
    const { server, http, definitions } = await setup();
    // A token source that hands out a token the server never issued.
    const tokens = { getToken: async () => ({ ok: true as const, token: 'Atza|forged' }), invalidate: () => undefined };
    const result = await sendAuthorized(http, tokens, { url: definitions });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.status).toBe(403);
    expect(result.failure.message).not.toContain('forged');
    expect(server.requests).toHaveLength(1);
  });

  it('explains a refused refresh token without showing it', async () => {
    server = await startSpApiServer({ credentials, productTypes: {} });
    const http = createHttpClient({ sleep: async () => undefined });
    const wrong = { ...credentials, refreshToken: 'Atzr|IwEBI-revoked-token' };
    const tokens = createLwaTokenSource({ tokenUrl: server.tokenUrl, credentials: wrong, http });
    const result = await tokens.getToken();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.status).toBe(400);
    expect(result.failure.message).toContain('invalid_grant');
    expect(result.failure.message).not.toContain('revoked-token');
    expect(result.failure.hint).toContain('LWA_REFRESH_TOKEN');
  });
});
