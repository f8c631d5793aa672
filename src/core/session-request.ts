import { jsonPost } from './json-post';
import { parseRetryAfter } from './retry-after';
import { parseSessionResponse, type SessionResponse } from './session-response';
import { WidgetError } from './widget-error';

/** A contact reference, as StartWebRTCContact's `References` takes it (ATTACHMENT is refused). */
export interface SessionReference {
  Type: 'URL' | 'NUMBER' | 'STRING' | 'DATE' | 'EMAIL';
  Value: string;
}

/**
 * The JSON body POSTed to the token endpoint (and handed to a host's `getSession`). The endpoint
 * maps it onto StartWebRTCContact; everything here is customer-editable input, so the endpoint
 * must validate it and keep anything that must be trusted on its side.
 */
export interface SessionRequestBody {
  /**
   * One per call, identical in every retry: the endpoint passes it as StartWebRTCContact's
   * `ClientToken`, which makes a retry return the contact already started instead of a second one.
   */
  clientToken: string;
  displayName?: string;
  attributes?: Record<string, string>;
  references?: Record<string, SessionReference>;
  description?: string;
  relatedContactId?: string;
  /** The `ChatHandle` of the customer's chat (`/api/chat`): the call is the chat's related contact. */
  chatHandle?: string;
  /**
   * The host site's signed customer JWT, passed through untouched for the endpoint to verify
   * (like the hosted widget's JWT carrying trusted attributes). It travels in the body, not as
   * `Authorization: Bearer`: it is an input to the contact rather than the caller's credential,
   * and `Authorization` stays free for the host's own `headers` (its site session, an API key).
   */
  customerToken?: string;
}

export type SessionRequestFields = Omit<SessionRequestBody, 'clientToken'>;

/** A host function that obtains the session itself, instead of the widget's POST. */
export type GetSession = (
  request: SessionRequestBody,
  context: { signal: AbortSignal },
) => Promise<unknown>;

export type SessionSource =
  | {
      /** The token endpoint: an absolute URL or a path on the page's origin. */
      url: string;
      /** Extra request headers (e.g. the host's own Authorization or CSRF token). */
      headers?: Record<string, string>;
      /** fetch's `credentials`; the browser default (`same-origin`) when absent. */
      credentials?: RequestCredentials;
    }
  | {
      /**
       * Called once per attempt with the same request. A rejection is retried unless it is a
       * WidgetError with `retryable: false`; what it resolves to is checked like the endpoint's
       * answer.
       */
      getSession: GetSession;
    };

export type RequestSessionOptions = SessionSource & {
  fields?: SessionRequestFields;
  /** Cancels the request and any retry still to come (the customer closed the widget). */
  signal?: AbortSignal;
  /** Per attempt. Default 15 000. */
  timeoutMs?: number;
  /** Including the first. Default 4. */
  maxAttempts?: number;
  /** First backoff step; doubles per attempt, with jitter. Default 500. */
  baseDelayMs?: number;
  /** Longest backoff step. Default 8 000. */
  maxDelayMs?: number;
  /** Longest wait a `Retry-After` header can impose. Default 30 000. */
  maxRetryAfterMs?: number;
  /**
   * The client token of an earlier request that failed without an answer (its contact may exist):
   * sent again, Connect returns that contact instead of starting a second one. Default: a new one.
   */
  clientToken?: string;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  randomUUID?: () => string;
};

type AttemptResult =
  { ok: true; json: unknown } | { ok: false; error: WidgetError; retryAfterMs?: number };

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Rejects as soon as `signal` aborts, even if `promise` ignores the signal. */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function serverError(response: Response): Promise<{ code?: string; message?: string }> {
  try {
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null) return {};
    const { code, message } = body as { code?: unknown; message?: unknown };
    return {
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof message === 'string' ? { message } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Asks the token endpoint (or the host's `getSession`) for a session and checks the answer.
 *
 * Retries network errors, timeouts, 429 and 5xx with exponential backoff and jitter, honouring
 * `Retry-After` on 429 and 503 (capped), always with the same `clientToken`. Any other 4xx fails at
 * once with the endpoint's `{code, message}` in the error (`serverCode`, `message`, `status`).
 * Throws WidgetError: `timeout`, `network`, `rate-limited`, `token-endpoint-unavailable`,
 * `token-endpoint-rejected`, `bad-session-response` or `aborted`.
 */
export async function requestSession(options: RequestSessionOptions): Promise<SessionResponse>;
/** The same request and retries, for another route of the endpoint: `parse` checks its answer. */
export async function requestSession<T>(
  options: RequestSessionOptions & { parse: (json: unknown) => T },
): Promise<T>;
export async function requestSession(
  options: RequestSessionOptions & { parse?: (json: unknown) => unknown },
): Promise<unknown> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const external = options.signal ?? new AbortController().signal;
  const body: SessionRequestBody = {
    ...options.fields,
    clientToken: options.clientToken ?? (options.randomUUID ?? (() => crypto.randomUUID()))(),
  };

  const aborted = () =>
    new WidgetError('aborted', 'The session request was cancelled', { cause: external.reason });

  const attemptOnce = async (signal: AbortSignal): Promise<AttemptResult> => {
    if ('getSession' in options) {
      try {
        return {
          ok: true,
          json: await unlessAborted(options.getSession(body, { signal }), signal),
        };
      } catch (error) {
        if (signal.aborted) throw error;
        if (error instanceof WidgetError) return { ok: false, error };
        return {
          ok: false,
          error: new WidgetError('network', 'getSession failed', { cause: error }),
        };
      }
    }

    const fetchImpl = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await unlessAborted(
        fetchImpl(
          options.url,
          jsonPost(body, { headers: options.headers, credentials: options.credentials, signal }),
        ),
        signal,
      );
    } catch (error) {
      if (signal.aborted) throw error;
      return {
        ok: false,
        error: new WidgetError('network', 'The token endpoint could not be reached', {
          cause: error,
        }),
      };
    }

    const { status } = response;
    if (response.ok) {
      try {
        return { ok: true, json: await unlessAborted(response.json() as Promise<unknown>, signal) };
      } catch (error) {
        if (signal.aborted) throw error;
        throw new WidgetError('bad-session-response', '(response) must be JSON', { cause: error });
      }
    }

    const server = await unlessAborted(serverError(response), signal);
    const message = `Token endpoint answered HTTP ${status}${server.message ? `: ${server.message}` : ''}`;
    const details = { status, ...(server.code ? { serverCode: server.code } : {}) };
    // Retry-After only where HTTP gives it that meaning for a retry: 429 and 503.
    const retryAfter =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers.get('Retry-After'), now())
        : undefined;
    const withRetryAfter = retryAfter === undefined ? {} : { retryAfterMs: retryAfter };

    if (status === 429) {
      return {
        ok: false,
        error: new WidgetError('rate-limited', message, details),
        ...withRetryAfter,
      };
    }
    if (status >= 500) {
      return {
        ok: false,
        error: new WidgetError('token-endpoint-unavailable', message, details),
        ...withRetryAfter,
      };
    }
    throw new WidgetError('token-endpoint-rejected', message, details);
  };

  for (let attempt = 1; ; attempt++) {
    if (external.aborted) throw aborted();

    const controller = new AbortController();
    const timedOut = new WidgetError('timeout', `No answer within ${timeoutMs} ms`);
    const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
    const forwardAbort = () => controller.abort(external.reason);
    external.addEventListener('abort', forwardAbort, { once: true });

    let result: AttemptResult;
    try {
      result = await attemptOnce(controller.signal);
    } catch (error) {
      if (external.aborted) throw aborted();
      // Whatever the fetch rejected with (our reason or an AbortError), the timer aborted it.
      if (controller.signal.reason === timedOut) result = { ok: false, error: timedOut };
      else throw error;
    } finally {
      clearTimeout(timer);
      external.removeEventListener('abort', forwardAbort);
    }

    if (result.ok) return (options.parse ?? parseSessionResponse)(result.json);
    if (!result.error.retryable || attempt >= maxAttempts) throw result.error;

    const step = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    // "Equal jitter": at least half the step, so retries never bunch up at zero.
    const backoff = step / 2 + random() * (step / 2);
    const delay =
      result.retryAfterMs === undefined ? backoff : Math.min(result.retryAfterMs, maxRetryAfterMs);
    await sleep(delay, external);
  }
}
