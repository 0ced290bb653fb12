/**
 * A token bucket, as SP-API describes its own limits: `ratePerSecond` tokens refill continuously
 * up to `burst`; each request takes one, waiting when the bucket is empty.
 * Clock and sleep are injected so tests run without real waiting.
 */
export interface TokenBucketOptions {
  ratePerSecond: number;
  burst: number;
}

export interface TokenBucket {
  /** Resolves once a token was taken. */
  take(): Promise<void>;
}

export function createTokenBucket(
  options: TokenBucketOptions,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
): TokenBucket {
  if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
    throw new RangeError('rate limit needs ratePerSecond > 0 and burst >= 1');
  }
  let tokens = options.burst;
  let last = now();
  // Waiters queue in order so a burst of callers is served first come, first served.
  let queue: Promise<void> = Promise.resolve();

  const refill = () => {
    const t = now();
    tokens = Math.min(options.burst, tokens + ((t - last) / 1000) * options.ratePerSecond);
    last = t;
  };

  const takeOne = async () => {
    refill();
    while (tokens < 1) {
      await sleep(Math.ceil(((1 - tokens) / options.ratePerSecond) * 1000));
      refill();
    }
    tokens -= 1;
  };

  return {
    take() {
      const turn = queue.then(takeOne);
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
