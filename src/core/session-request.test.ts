import { describe, expect, it } from 'vitest';
import { endpointInit, requestSession, type RequestSessionOptions } from './session-request';
import { WidgetError } from './widget-error';
import { sessionFixture } from './testing/session-fixture';

const session = sessionFixture({ Customer: { Video: 'SEND' } });

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

type Step = Response | Error | 'hang';
interface Call {
  url: string;
  init: RequestInit;
  body: Record<string, unknown>;
}

/** A fetch that answers with the scripted steps in order and records every call. */
function fakeFetch(...steps: Step[]) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init, body: JSON.parse(init.body as string) as Record<string, unknown> });
    const step = steps[calls.length - 1];
    if (step === undefined) throw new Error(`unexpected call ${calls.length}`);
    if (step === 'hang') return new Promise<Response>(() => {}); // ignores the abort signal too
    if (step instanceof Error) throw step;
    return step;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function fakeSleep() {
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return { sleep, waits };
}

let uuid = 0;
function options(fetch: typeof globalThis.fetch, extra: Partial<RequestSessionOptions> = {}) {
  const { sleep, waits } = fakeSleep();
  const opts = {
    url: '/api/session',
    fetch,
    sleep,
    random: () => 0.5,
    now: () => Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'),
    randomUUID: () => `token-${++uuid}`,
    ...extra,
  } as RequestSessionOptions;
  return { opts, waits };
}

async function rejection(promise: Promise<unknown>): Promise<WidgetError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WidgetError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('requestSession', () => {
  it('POSTs the fields as JSON with the host headers and credentials, and parses the answer', async () => {
    const { fetch, calls } = fakeFetch(json({ ...session, Unknown: 1 }));
    const { opts } = options(fetch, {
      headers: { 'X-Csrf': 'abc', Authorization: 'Site s3ss10n' },
      credentials: 'include',
      fields: {
        displayName: 'Ada',
        attributes: { plan: 'gold' },
        references: { order: { Type: 'STRING', Value: '42' } },
        description: 'billing',
        relatedContactId: 'previous-contact',
        customerToken: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
      },
    });

    await expect(requestSession(opts)).resolves.toEqual(session);

    expect(calls).toHaveLength(1);
    const [call] = calls as [Call];
    expect(call.url).toBe('/api/session');
    expect(call.init.method).toBe('POST');
    expect(call.init.credentials).toBe('include');
    expect(call.init.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'X-Csrf': 'abc',
      Authorization: 'Site s3ss10n',
    });
    expect(call.body).toEqual({
      clientToken: `token-${uuid}`,
      displayName: 'Ada',
      attributes: { plan: 'gold' },
      references: { order: { Type: 'STRING', Value: '42' } },
      description: 'billing',
      relatedContactId: 'previous-contact',
      customerToken: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
    });
  });

  it('omits credentials when not configured, so the browser default applies', async () => {
    const { fetch, calls } = fakeFetch(json(session));
    await requestSession(options(fetch).opts);
    expect('credentials' in (calls[0] as Call).init).toBe(false);
  });

  it('retries 500, a network error and 502 with the same clientToken, then succeeds', async () => {
    const { fetch, calls } = fakeFetch(
      json({ message: 'boom' }, 500),
      new TypeError('Failed to fetch'),
      json({}, 502),
      json(session),
    );
    const { opts, waits } = options(fetch);

    await expect(requestSession(opts)).resolves.toEqual(session);

    expect(calls).toHaveLength(4);
    const tokens = new Set(calls.map((call) => call.body['clientToken']));
    expect(tokens.size).toBe(1);
    // Base 500 ms doubling, equal jitter with random() = 0.5: 3/4 of each step.
    expect(waits).toEqual([375, 750, 1500]);
  });

  it('uses a new clientToken for each call start', async () => {
    const first = fakeFetch(json(session));
    const second = fakeFetch(json(session));
    await requestSession({ url: '/s', fetch: first.fetch });
    await requestSession({ url: '/s', fetch: second.fetch });
    const a = first.calls[0]?.body['clientToken'];
    const b = second.calls[0]?.body['clientToken'];
    expect(a).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toMatch(/^[0-9a-f-]{36}$/);
    expect(a).not.toBe(b);
  });

  it("sends an earlier unanswered request's clientToken again when given one", async () => {
    const { fetch, calls } = fakeFetch(json(session));
    await requestSession({ url: '/s', fetch, clientToken: 'earlier-token' });
    expect(calls[0]?.body['clientToken']).toBe('earlier-token');
  });

  it.each<[string, number, Record<string, string>, number]>([
    ['429 with Retry-After seconds', 429, { 'Retry-After': '7' }, 7000],
    [
      '429 with Retry-After HTTP-date',
      429,
      { 'Retry-After': 'Wed, 21 Oct 2015 07:28:04 GMT' },
      4000,
    ],
    ['503 with Retry-After seconds', 503, { 'Retry-After': '2' }, 2000],
    ['429 with a Retry-After beyond the cap', 429, { 'Retry-After': '3600' }, 30_000],
    ['429 without Retry-After: backoff', 429, {}, 375],
    ['500 ignores Retry-After: backoff', 500, { 'Retry-After': '9' }, 375],
  ])('%s waits %i ms', async (_name, status, headers, wait) => {
    const { fetch, calls } = fakeFetch(json({}, status, headers), json(session));
    const { opts, waits } = options(fetch);
    await expect(requestSession(opts)).resolves.toEqual(session);
    expect(calls).toHaveLength(2);
    expect(waits).toEqual([wait]);
  });

  it('caps the backoff step', async () => {
    const { fetch } = fakeFetch(...Array.from({ length: 6 }, () => json({}, 500)));
    const { opts, waits } = options(fetch, {
      maxAttempts: 6,
      baseDelayMs: 1000,
      maxDelayMs: 3000,
      random: () => 1,
    });
    await rejection(requestSession(opts));
    expect(waits).toEqual([1000, 2000, 3000, 3000, 3000]);
  });

  it.each<[string, () => Step, string, number | undefined]>([
    ['500', () => json({ message: 'down' }, 500), 'token-endpoint-unavailable', 500],
    ['429', () => json({ code: 'slow-down' }, 429), 'rate-limited', 429],
    ['network errors', () => new TypeError('Failed to fetch'), 'network', undefined],
  ])('gives up after maxAttempts of %s', async (_name, step, code, status) => {
    const { fetch, calls } = fakeFetch(...Array.from({ length: 5 }, step));
    const { opts, waits } = options(fetch);
    const error = await rejection(requestSession(opts));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(true);
    expect(calls).toHaveLength(4);
    expect(waits).toHaveLength(3);
  });

  it.each<[number, unknown, string | undefined, string]>([
    [
      400,
      { code: 'invalid-attributes', message: 'plan is not allowed' },
      'invalid-attributes',
      'Token endpoint answered HTTP 400: plan is not allowed',
    ],
    [401, { code: 'expired-token' }, 'expired-token', 'Token endpoint answered HTTP 401'],
    [403, 'not json at all', undefined, 'Token endpoint answered HTTP 403'],
    [
      404,
      { message: 'no such widget' },
      undefined,
      'Token endpoint answered HTTP 404: no such widget',
    ],
  ])(
    'does not retry %i and surfaces the server code and message',
    async (status, body, serverCode, message) => {
      const answer = typeof body === 'string' ? new Response(body, { status }) : json(body, status);
      const { fetch, calls } = fakeFetch(answer, json(session));
      const { opts, waits } = options(fetch);
      const error = await rejection(requestSession(opts));
      expect(error.code).toBe('token-endpoint-rejected');
      expect(error.retryable).toBe(false);
      expect(error.status).toBe(status);
      expect(error.serverCode).toBe(serverCode);
      expect(error.message).toBe(message);
      expect(calls).toHaveLength(1);
      expect(waits).toEqual([]);
    },
  );

  it('times out each attempt and reports timeout after the last', async () => {
    const { fetch, calls } = fakeFetch('hang', 'hang', 'hang');
    const { opts, waits } = options(fetch, { timeoutMs: 5, maxAttempts: 3 });
    const error = await rejection(requestSession(opts));
    expect(error.code).toBe('timeout');
    expect(calls).toHaveLength(3);
    expect(waits).toHaveLength(2);
    // The attempt's request was aborted, so a real fetch would stop too.
    expect(calls.every((call) => call.init.signal?.aborted)).toBe(true);
  });

  it('retries after a timeout with the same clientToken', async () => {
    const { fetch, calls } = fakeFetch('hang', json(session));
    const { opts } = options(fetch, { timeoutMs: 5 });
    await expect(requestSession(opts)).resolves.toEqual(session);
    expect(calls[0]?.body['clientToken']).toBe(calls[1]?.body['clientToken']);
  });

  it.each<[string, Response, string]>([
    [
      'a malformed session',
      json({ ...session, ContactId: 7 }),
      'ContactId must be a non-empty string',
    ],
    ['a body that is not JSON', new Response('<html>', { status: 200 }), '(response) must be JSON'],
  ])('fails at once on %s', async (_name, answer, message) => {
    const { fetch, calls } = fakeFetch(answer, json(session));
    const error = await rejection(requestSession(options(fetch).opts));
    expect(error.code).toBe('bad-session-response');
    expect(error.message).toBe(message);
    expect(calls).toHaveLength(1);
  });

  it('does not call the endpoint when already aborted', async () => {
    const { fetch, calls } = fakeFetch(json(session));
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      requestSession(options(fetch, { signal: controller.signal }).opts),
    );
    expect(error.code).toBe('aborted');
    expect(calls).toHaveLength(0);
  });

  it('stops retrying when aborted during the backoff', async () => {
    const { fetch, calls } = fakeFetch(json({}, 500), json(session));
    const controller = new AbortController();
    const { opts } = options(fetch, {
      signal: controller.signal,
      sleep: async () => controller.abort(),
    });
    const error = await rejection(requestSession(opts));
    expect(error.code).toBe('aborted');
    expect(calls).toHaveLength(1);
  });

  it('rejects at once when aborted while the endpoint is answering', async () => {
    const { fetch, calls } = fakeFetch('hang', json(session));
    const controller = new AbortController();
    const pending = requestSession(options(fetch, { signal: controller.signal }).opts);
    await Promise.resolve();
    controller.abort();
    const error = await rejection(pending);
    expect(error.code).toBe('aborted');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.init.signal?.aborted).toBe(true);
  });

  it('the default sleep returns early on abort', async () => {
    const { fetch } = fakeFetch(json({}, 503, { 'Retry-After': '30' }), json(session));
    const controller = new AbortController();
    const pending = requestSession({ url: '/s', fetch, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();
    expect((await rejection(pending)).code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  describe('with a host getSession', () => {
    it('passes the fields, the clientToken and a signal, and checks the answer', async () => {
      const requests: unknown[] = [];
      const { opts } = options(fakeFetch().fetch, {
        url: undefined,
        getSession: async (request, { signal }) => {
          requests.push(request);
          expect(signal).toBeInstanceOf(AbortSignal);
          return session;
        },
        fields: { displayName: 'Ada', customerToken: 'jwt' },
      } as Partial<RequestSessionOptions>);
      await expect(requestSession(opts)).resolves.toEqual(session);
      expect(requests).toEqual([
        { displayName: 'Ada', customerToken: 'jwt', clientToken: `token-${uuid}` },
      ]);
    });

    it('retries a plain rejection with the same request', async () => {
      const tokens: string[] = [];
      let calls = 0;
      const { opts, waits } = options(fakeFetch().fetch, {
        url: undefined,
        getSession: async (request) => {
          tokens.push(request.clientToken);
          if (++calls < 3) throw new Error('flaky');
          return session;
        },
      } as Partial<RequestSessionOptions>);
      await expect(requestSession(opts)).resolves.toEqual(session);
      expect(tokens).toHaveLength(3);
      expect(new Set(tokens).size).toBe(1);
      expect(waits).toHaveLength(2);
    });

    it('does not retry a non-retryable WidgetError, and rethrows it', async () => {
      let calls = 0;
      const refused = new WidgetError('token-endpoint-rejected', 'no');
      const { opts } = options(fakeFetch().fetch, {
        url: undefined,
        getSession: async () => {
          calls++;
          throw refused;
        },
      } as Partial<RequestSessionOptions>);
      expect(await rejection(requestSession(opts))).toBe(refused);
      expect(calls).toBe(1);
    });

    it('times out a getSession that never settles', async () => {
      const { opts } = options(fakeFetch().fetch, {
        url: undefined,
        getSession: () => new Promise(() => {}),
        timeoutMs: 5,
        maxAttempts: 2,
      } as Partial<RequestSessionOptions>);
      expect((await rejection(requestSession(opts))).code).toBe('timeout');
    });

    it('checks what getSession resolves to', async () => {
      const { opts } = options(fakeFetch().fetch, {
        url: undefined,
        getSession: async () => ({ ContactId: 'x' }),
      } as Partial<RequestSessionOptions>);
      expect((await rejection(requestSession(opts))).code).toBe('bad-session-response');
    });
  });
});

describe('endpointInit', () => {
  it("is a token endpoint's headers and credentials", () => {
    expect(
      endpointInit({
        url: '/api/session',
        headers: { Authorization: 'Bearer site' },
        credentials: 'include',
      }),
    ).toEqual({ headers: { Authorization: 'Bearer site' }, credentials: 'include' });
  });

  it('is nothing for a host getSession', () => {
    expect(endpointInit({ getSession: async () => ({}) })).toBeUndefined();
  });
});
