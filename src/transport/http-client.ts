/**
 * The shared HTTP client over undici: per-request timeout, retries with exponential back-off and
 * jitter on 429/5xx/network errors/timeouts, Retry-After, an optional token-bucket rate limit and
 * a concurrency cap. Expected failures come back as values (`{ ok: false, failure }`) whose
 * messages are redacted; nothing here throws for a failed request.
 */
import pLimit from 'p-limit';
import { request, type Dispatcher } from 'undici';
import { createTokenBucket, type TokenBucket, type TokenBucketOptions } from './rate-limit.js';
import { createRedactor, type Redactor } from './redact.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter, type BackoffOptions } from './retry-policy.js';
import { describeFailure, type HttpFailure } from './failure.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method?: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Overrides the client's timeout for this request (ms, covers headers and body). */
  timeoutMs?: number;
  /**
   * Safe to send again after a 5xx, a timeout or a network error. Defaults to true for
   * GET/HEAD/PUT/DELETE; POST/PATCH are retried only on 429 (the server did not act on them).
   */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Uint8Array;
  text(): string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  json(): unknown;
}

export type HttpResult = { ok: true; response: HttpResponse; attempts: number } | { ok: false; failure: HttpFailure };

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface HttpClientOptions {
  /** Per-request timeout in ms. Default 30 000. */
  timeoutMs?: number;
  /** Attempts per request, first one included. Default 5. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** A Retry-After longer than this is not waited for; the request fails with the wait in its hint. Default 120 000. */
  maxRetryAfterMs?: number;
  rateLimit?: TokenBucketOptions;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Secret values never to show in messages. */
  secrets?: Array<string | undefined>;
  userAgent?: string;
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

export interface HttpClient {
  send(req: HttpRequest): Promise<HttpResult>;
  /** Redacts every secret this client knows of. */
  redact: Redactor;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Attempt =
  | { kind: 'response'; response: HttpResponse }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const redact = createRedactor(options.secrets ?? []);
  const limit = pLimit(Math.max(1, options.concurrency ?? 4));
  const bucket: TokenBucket | undefined = options.rateLimit ? createTokenBucket(options.rateLimit, now, sleep) : undefined;

  async function attemptOnce(req: HttpRequest): Promise<Attempt> {
    if (bucket) await bucket.take();
    const controller = new AbortController();
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const headers: Record<string, string> = { ...(req.headers ?? {}) };
      if (options.userAgent && !Object.keys(headers).some((h) => h.toLowerCase() === 'user-agent')) {
        headers['user-agent'] = options.userAgent;
      }
      const res = await request(req.url, {
        method: req.method ?? 'GET',
        headers,
        body: req.body,
        signal: controller.signal,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
      const body = new Uint8Array(await res.body.arrayBuffer());
      return { kind: 'response', response: toResponse(res.statusCode, res.headers, body) };
    } catch (err) {
      if (controller.signal.aborted) return { kind: 'timeout' };
      return { kind: 'network', message: err instanceof Error ? describeNetworkError(err) : String(err) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function sendWithRetries(req: HttpRequest): Promise<HttpResult> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? !(method === 'POST' || method === 'PATCH');
    const target = `${method} ${redact(stripQuery(req.url))}`;
    for (let attempt = 1; ; attempt++) {
      const result = await attemptOnce(req);
      if (result.kind === 'response' && result.response.status < 300) {
        return { ok: true, response: result.response, attempts: attempt };
      }
      const retryable =
        result.kind === 'response'
          ? result.response.status === 429 || (idempotent && isRetryableStatus(result.response.status))
          : idempotent;
      const retryAfterMs =
        result.kind === 'response' ? parseRetryAfter(result.response.headers['retry-after'], now()) : undefined;
      const failure = describeFailure(result, { target, attempts: attempt, retryAfterMs, redact, timeoutMs: req.timeoutMs ?? options.timeoutMs ?? 30_000 });
      if (!retryable || attempt >= maxAttempts) return { ok: false, failure };
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) return { ok: false, failure };
      const delayMs = retryAfterMs ?? backoffDelay(attempt, options.backoff ?? {}, random);
      options.onRetry?.({ attempt, delayMs, reason: failure.message });
      await sleep(delayMs);
    }
  }

  return {
    redact,
    send: (req) => limit(() => sendWithRetries(req)),
  };
}

function toResponse(status: number, raw: Record<string, string | string[] | undefined>, body: Uint8Array): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  let text: string | undefined;
  const readText = () => (text ??= new TextDecoder().decode(body));
  return {
    status,
    headers,
    body,
    text: readText,
    json() {
      try {
        return JSON.parse(readText()) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

function stripQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}

function describeNetworkError(err: Error): string {
  const code = (err as { code?: unknown }).code;
  const cause = (err as { cause?: unknown }).cause;
  const causeCode = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  const detail = typeof causeCode === 'string' ? causeCode : typeof code === 'string' ? code : err.message;
  return detail === err.message ? err.message : `${err.message} (${detail})`;
}
