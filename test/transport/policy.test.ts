import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../src/transport/rate-limit.js';
import { createRedactor } from '../../src/transport/redact.js';
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../src/transport/retry-policy.js';

describe('retry policy', () => {
  it('parses Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-15T12:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Thu, 15 Jan 2026 12:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Thu, 15 Jan 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped', () => {
    const opts = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, opts, () => 0.999999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, opts, () => 0)).toBe(0);
  });

  it('retries throttling and transient server errors only', () => {
    expect([429, 408, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 501, 505].some(isRetryableStatus)).toBe(false);
  });
});

describe('token bucket', () => {
  it('lets a burst through, then paces to the rate', async () => {
    let clock = 0;
    const waits: number[] = [];
    const bucket = createTokenBucket({ ratePerSecond: 2, burst: 3 }, () => clock, async (ms) => {
      waits.push(ms);
      clock += ms;
    });
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(waits).toEqual([500, 500]);
    clock += 10_000; // refills to the burst, no more
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(waits).toEqual([500, 500]);
    await bucket.take();
    expect(waits).toEqual([500, 500, 500]);
  });
});

describe('redaction', () => {
  it('hides known secrets, LWA tokens and token fields', () => {
    const redact = createRedactor(['my-client-secret']);
    redact.add('Xtoken-issued-later');
    const text = redact(
      'client_secret=my-client-secret&refresh_token=Atzr|IwEBIabc&x {"access_token":"Atza|IwEBIdef","n":1} Xtoken-issued-later amzn1.oa2-cs.v1.abc123 https://s3/x?X-Amz-Signature=deadbeef&a=1',
    );
    for (const secret of ['my-client-secret', 'IwEBIabc', 'IwEBIdef', 'Xtoken-issued-later', 'oa2-cs.v1.abc123', 'deadbeef']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('&a=1');
    expect(text).toContain('"n":1');
  });
});
