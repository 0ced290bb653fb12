import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../src/transport/http-client.js';
import { failureToError } from '../../src/transport/failure.js';
import { ChannelError } from '../../src/errors.js';
import { startScriptedServer, type ScriptedServer, type Step } from '../servers/scripted-http.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A client whose waits are recorded instead of slept. */
function client(options: HttpClientOptions = {}) {
  const waits: number[] = [];
  const http = createHttpClient({ sleep: async (ms) => void waits.push(ms), random: () => 0.5, timeoutMs: 2000, ...options });
  return { http, waits };
}

async function serve(...script: Step[]) {
  server = await startScriptedServer(script);
  return server;
}

describe('http client retries', () => {
  it('retries 5xx with exponential back-off and jitter, then succeeds', async () => {
    const s = await serve({ status: 503 }, { status: 500 }, { status: 502 }, { status: 200, body: '{"ok":true}' });
    const { http, waits } = client({ backoff: { baseDelayMs: 100, maxDelayMs: 250 } });
    const result = await http.send({ url: `${s.url}/x` });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.attempts).toBe(4);
    expect(result.response.json()).toEqual({ ok: true });
    // random 0.5 of ceilings 100, 200, 250 (capped)
    expect(waits).toEqual([50, 100, 125]);
    expect(s.seen).toHaveLength(4);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    const now = Date.parse('2026-01-15T12:00:00Z');
    const s = await serve(
      { status: 429, headers: { 'retry-after': '1' } },
      { status: 503, headers: { 'retry-after': 'Thu, 15 Jan 2026 12:00:07 GMT' } },
      { status: 200 },
    );
    const { http, waits } = client({ now: () => now });
    const result = await http.send({ url: s.url });
    expect(result.ok).toBe(true);
    expect(waits).toEqual([1000, 7000]);
  });

  it('gives up when Retry-After is longer than it may wait, saying how long', async () => {
    const s = await serve({ status: 429, headers: { 'retry-after': '600' }, body: '{"errors":[{"code":"QuotaExceeded","message":"You exceeded your quota for the requested resource."}]}' });
    const { http, waits } = client({ maxRetryAfterMs: 60_000 });
    const result = await http.send({ url: s.url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'throttled', status: 429, attempts: 1, retryAfterMs: 600_000 });
    expect(result.failure.message).toContain('QuotaExceeded: You exceeded your quota');
    expect(result.failure.hint).toContain('wait 600s');
    expect(waits).toEqual([]);
  });

  it('stops after maxAttempts and reports the last answer', async () => {
    const s = await serve({ status: 503, body: '{"errors":[{"code":"ServiceUnavailable","message":"down"}]}' });
    const { http, waits } = client({ maxAttempts: 3 });
    const result = await http.send({ url: `${s.url}/feeds?token=abc` });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toMatchObject({ kind: 'status', status: 503, attempts: 3 });
    expect(result.failure.message).toBe(`GET ${s.url}/feeds: HTTP 503 ServiceUnavailable: down (after 3 attempts)`);
    expect(waits).toHaveLength(2);
    const err = failureToError(result.failure);
    expect(err).toBeInstanceOf(ChannelError);
    expect(err.exitCode).toBe(3);
    expect(err.hint).toMatch(/server error/);
  });

  it('does not retry other 4xx', async () => {
    const s = await serve({ status: 400, body: '{"errors":[{"code":"InvalidInput","message":"bad"}]}' });
    const { http } = client();
    const result = await http.send({ url: s.url });
    expect(result.ok).toBe(false);
    expect(s.seen).toHaveLength(1);
  });

  it('times out a request that never answers, then retries', async () => {
    const s = await serve('hang', { status: 200, body: '"late but fine"' });
    const { http } = client({ timeoutMs: 150 });
    const started = Date.now();
    const result = await http.send({ url: s.url });
    expect(result.ok).toBe(true);
    expect(s.seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a timeout as such when every attempt hangs', async () => {
    const s = await serve('hang');
    const { http } = client({ timeoutMs: 100, maxAttempts: 2 });
    const result = await http.send({ url: s.url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('timeout');
    expect(result.failure.message).toContain('no answer within 0.1s (after 2 attempts)');
  });

  it('retries a dropped connection and reports refused connections as network failures', async () => {
    const s = await serve('reset', { status: 200 });
    const { http } = client();
    expect((await http.send({ url: s.url })).ok).toBe(true);
    const url = s.url;
    await s.close();
    server = undefined;
    const { http: other } = client({ maxAttempts: 2 });
    const result = await other.send({ url });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.kind).toBe('network');
  });

  it('retries POST only on 429, where the server did nothing', async () => {
    const s = await serve({ status: 503 }, { status: 200 });
    const { http } = client();
    const result = await http.send({ method: 'POST', url: s.url, body: '{}' });
    expect(result.ok).toBe(false);
    expect(s.seen).toHaveLength(1);
    await s.close();
    const t = await serve({ status: 429, headers: { 'retry-after': '0' } }, { status: 201 });
    const again = await client().http.send({ method: 'POST', url: t.url, body: '{}' });
    expect(again.ok).toBe(true);
    expect(t.seen).toHaveLength(2);
  });

  it('redacts secrets from failure messages', async () => {
    const s = await serve({ status: 400, body: '{"error":"invalid_grant","error_description":"bad refresh_token Atzr|IwEBIsecret-refresh-value and client s3cr3t-value"}' });
    const { http } = client({ secrets: ['s3cr3t-value'] });
    const result = await http.send({ url: s.url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.message).not.toContain('IwEBIsecret');
    expect(result.failure.message).not.toContain('s3cr3t-value');
    expect(result.failure.message).toContain('[redacted]');
  });

  it('sends the user agent and limits concurrency', async () => {
    const s = await serve({ status: 200 });
    const { http } = client({ userAgent: 'omnifeed-test/1', concurrency: 1 });
    await Promise.all([http.send({ url: s.url }), http.send({ url: s.url })]);
    expect(s.seen.map((r) => r.headers['user-agent'])).toEqual(['omnifeed-test/1', 'omnifeed-test/1']);
  });
});
