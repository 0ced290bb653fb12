/**
 * When and how long to wait before another attempt: exponential back-off with full jitter,
 * or the server's Retry-After (seconds or an HTTP date) when it sent one.
 */
export interface BackoffOptions {
  /** First back-off ceiling in ms (attempt 1 waits up to this). Default 500. */
  baseDelayMs?: number;
  /** Largest back-off ceiling in ms. Default 30 000. */
  maxDelayMs?: number;
}

/** HTTP statuses worth another attempt: throttling and transient server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599 && status !== 501 && status !== 505);
}

/**
 * Full-jitter exponential back-off: a random delay in [0, min(max, base * 2^(attempt-1))].
 * `random` returns [0, 1); injectable for tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After as milliseconds from `nowMs`: delta-seconds (`120`) or an HTTP date
 * (`Wed, 21 Oct 2015 07:28:00 GMT`). Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
