export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  take(key: string): RateDecision;
}

/**
 * One token bucket per client: `perMinute` tokens, refilled continuously, so a client may burst
 * `perMinute` requests and then gets one every `60 / perMinute` seconds. In-memory, so each process
 * (or Lambda instance) counts on its own; API Gateway's throttling is the global bound.
 */
export function createRateLimiter(options: {
  perMinute: number;
  now: () => number;
  /** Bounds memory under a flood of distinct addresses: the least recently seen are forgotten. */
  maxClients?: number;
}): RateLimiter {
  const { perMinute, now } = options;
  const maxClients = options.maxClients ?? 10_000;
  const refillPerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; updated: number }>();
  return {
    take(key) {
      const time = now();
      const previous = buckets.get(key);
      const bucket = previous ?? { tokens: perMinute, updated: time };
      bucket.tokens = Math.min(
        perMinute,
        bucket.tokens + Math.max(0, time - bucket.updated) * refillPerMs,
      );
      bucket.updated = time;
      // Re-insert so the Map's order is least-recently-seen first.
      buckets.delete(key);
      buckets.set(key, bucket);
      if (buckets.size > maxClients) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000)),
      };
    },
  };
}
