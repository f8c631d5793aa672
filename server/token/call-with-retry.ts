import { describeConnectError, isRetryable, type ConnectErrorInfo } from './connect-error.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Backoff before retry n (1-based) is random in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))]. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Bounded: at most ~0.6 s of waiting on top of three calls, well inside a browser's patience. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 1000,
};

export interface RetryOutcome<T> {
  result?: T;
  error?: ConnectErrorInfo;
  attempts: number;
}

/**
 * Calls `operation` until it succeeds, fails for good, or the attempts run out ("full jitter", so
 * many clients throttled together do not retry in lockstep). The caller must make `operation`
 * idempotent: here every attempt carries the same ClientToken.
 */
export async function callWithRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void>,
  random: () => number = Math.random,
): Promise<RetryOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await operation(), attempts: attempt };
    } catch (error) {
      const info = describeConnectError(error);
      if (attempt >= policy.maxAttempts || !isRetryable(info))
        return { error: info, attempts: attempt };
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.floor(random() * ceiling));
    }
  }
}
