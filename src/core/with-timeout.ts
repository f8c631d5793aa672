/**
 * How long fetching one of the widget's own files (the panel, the call's media chunk, a language)
 * may take before the customer is told. A server that accepts the connection and never answers
 * would otherwise leave the launcher spinning, or the panel on "Connecting…", for minutes.
 */
export const LOAD_TIMEOUT_MS = 15_000;

/**
 * Settles as `promise` does, or rejects after `ms`. The work itself goes on: a slow download
 * that finishes later is still in the browser's module map for the next attempt.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
