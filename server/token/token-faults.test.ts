import { afterEach, describe, expect, it } from 'vitest';
import { listen, type RunningApp } from '../app.js';
import { loadTokenEndpointConfig, type TokenEndpointMode } from './config.js';
import { createLambdaHandler } from './lambda.js';
import { createTokenApi, type ApiRequest, type TokenApi } from './token-api.js';
import {
  TOKEN_FAULT_ROUTE,
  createTokenFaults,
  tokenFaultRoutes,
  type TokenFaultRule,
  type TokenFaults,
} from './token-faults.js';
import { startConnectFixture, type ConnectFixture } from './testing/connect-fixture.js';
import { PRODUCTION_ENV, SHOP_ORIGIN, fixtureClient } from './testing/start-test-endpoint.js';

const LOCAL_ORIGIN = 'http://localhost:8080';

interface Endpoint {
  api: TokenApi;
  fixture: ConnectFixture;
  faults: TokenFaults;
  sleeps: number[];
  /** POSTs a session request from the mode's allowed origin. */
  session(query: string, body?: unknown): ReturnType<TokenApi>;
}

let fixture: ConnectFixture | undefined;
let app: RunningApp | undefined;
afterEach(async () => {
  await fixture?.close();
  await app?.close();
  fixture = undefined;
  app = undefined;
});

/** The token API over the Connect fixture, with a fault switch holding `rules`. */
async function endpoint(mode: TokenEndpointMode, rules: TokenFaultRule[]): Promise<Endpoint> {
  const local = mode === 'local';
  const config = loadTokenEndpointConfig(local ? {} : PRODUCTION_ENV, mode, {});
  fixture = await startConnectFixture({
    instanceId: config.instanceId,
    contactFlowId: config.contactFlowId,
  });
  const faults = createTokenFaults();
  rules.forEach((rule) => faults.add(rule));
  const sleeps: number[] = [];
  const api = createTokenApi(config, {
    connect: fixtureClient(fixture, config.region),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    faults,
  });
  const connectFixture = fixture;
  return {
    api,
    fixture: connectFixture,
    faults,
    sleeps,
    session: (query, body = { displayName: 'Ada', clientToken: 'token-1' }) => {
      const request: ApiRequest = {
        method: 'POST',
        path: '/api/session',
        query: new URLSearchParams(query),
        headers: {
          origin: local ? LOCAL_ORIGIN : SHOP_ORIGIN,
          'content-type': 'application/json',
        },
        clientIp: '127.0.0.1',
        readBody: async () => new TextEncoder().encode(JSON.stringify(body)),
      };
      return api(request);
    },
  };
}

const rule = (fields: Partial<TokenFaultRule>): TokenFaultRule => ({
  key: 'k1',
  count: 1,
  when: 'before',
  ...fields,
});

describe('the token endpoint fault switch in local mode', () => {
  it('answers the status before Connect is called, with Retry-After, for the key only', async () => {
    const e = await endpoint('local', [rule({ status: 429, retryAfter: 3 })]);
    const other = await e.session('fault=someone-else');
    expect(other?.status).toBe(200);
    const faulty = await e.session('fault=k1');
    expect(faulty?.status).toBe(429);
    expect(faulty?.headers['retry-after']).toBe('3');
    expect(JSON.parse(faulty!.body)).toEqual({
      code: 'InjectedFault',
      message: 'A test fault answered HTTP 429.',
    });
    // Only the request of another key reached Connect.
    expect(e.fixture.calls).toHaveLength(1);
    // Used up: the next request with the key is served normally.
    expect((await e.session('fault=k1'))?.status).toBe(200);
    expect(e.faults.list()).toEqual([]);
  });

  it('with when=after, lets Connect create the contact, then answers 500; the retry gets it', async () => {
    const e = await endpoint('local', [rule({ status: 500, when: 'after' })]);
    expect((await e.session('fault=k1'))?.status).toBe(500);
    expect(e.fixture.contacts.size).toBe(1);
    const retry = await e.session('fault=k1');
    expect(retry?.status).toBe(200);
    const { ContactId } = JSON.parse(retry!.body) as { ContactId: string };
    expect([...e.fixture.contacts.keys()]).toEqual([ContactId]);
  });

  it('applies a rule count times, then stops', async () => {
    const e = await endpoint('local', [rule({ status: 503, count: 2 })]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await e.session('fault=k1'))?.status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('delays the answer; before the handler, a delay alone then serves the session', async () => {
    const e = await endpoint('local', [
      rule({ delayMs: 1500 }),
      rule({ delayMs: 700, when: 'after', status: 500 }),
    ]);
    expect((await e.session('fault=k1'))?.status).toBe(200);
    expect((await e.session('fault=k1'))?.status).toBe(500);
    expect(e.sleeps).toEqual([1500, 700]);
    expect(e.fixture.calls).toHaveLength(2);
  });

  it('answers a body that is not JSON, or JSON that is not a session', async () => {
    const e = await endpoint('local', [
      rule({ malformed: 'json' }),
      rule({ malformed: 'shape', when: 'after' }),
    ]);
    const notJson = await e.session('fault=k1');
    expect(notJson?.status).toBe(200);
    expect(() => JSON.parse(notJson!.body) as unknown).toThrow(SyntaxError);
    expect(e.fixture.calls).toHaveLength(0);

    const wrongShape = await e.session('fault=k1');
    expect(wrongShape?.status).toBe(200);
    const body = JSON.parse(wrongShape!.body) as { data: { ContactId: string } };
    expect(Object.keys(body)).toEqual(['data']);
    expect(e.fixture.contacts.has(body.data.ContactId)).toBe(true);
  });

  it('lets errors of the real handler through when the fault comes after it', async () => {
    const e = await endpoint('local', [rule({ status: 500, when: 'after' })]);
    const invalid = await e.session('fault=k1', { displayName: '' });
    expect(invalid?.status).toBe(400);
    expect(JSON.parse(invalid!.body)).toMatchObject({ code: 'InvalidField', field: 'displayName' });
  });
});

describe('the token endpoint fault switch in aws mode', () => {
  it('cannot be reached: ?fault= is ignored even when rules exist', async () => {
    const e = await endpoint('aws', [
      rule({ status: 500 }),
      rule({ malformed: 'json' }),
      rule({ delayMs: 5000 }),
    ]);
    const res = await e.session('fault=k1');
    expect(res?.status).toBe(200);
    expect(JSON.parse(res!.body)).toHaveProperty('ConnectionData');
    expect(e.fixture.calls).toHaveLength(1);
    expect(e.sleeps).toEqual([]);
    expect(e.faults.list()).toHaveLength(3);
  });

  it('is not wired into the Lambda handler, which passes no query string at all', async () => {
    const config = loadTokenEndpointConfig(PRODUCTION_ENV, 'aws');
    fixture = await startConnectFixture({
      instanceId: config.instanceId,
      contactFlowId: config.contactFlowId,
    });
    const faults = createTokenFaults();
    faults.add(rule({ status: 500 }));
    const handler = createLambdaHandler(config, { connect: fixtureClient(fixture), faults });
    // API Gateway passes `?fault=k1` as rawQueryString, which the handler does not read.
    const event = {
      version: '2.0' as const,
      rawPath: '/api/session',
      rawQueryString: 'fault=k1',
      headers: { origin: SHOP_ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Ada' }),
      requestContext: { http: { method: 'POST', sourceIp: '203.0.113.9' } },
    };
    const result = await handler(event);
    expect(result.statusCode).toBe(200);
    expect(faults.list()).toHaveLength(1);
  });
});

describe(`POST ${TOKEN_FAULT_ROUTE}`, () => {
  async function post(body: unknown, method = 'POST') {
    app ??= await listen({ routes: [tokenFaultRoutes(createTokenFaults())] }, 0);
    const res = await fetch(`${app.url}${TOKEN_FAULT_ROUTE}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'POST'
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('stores a rule with its defaults and answers the rules of its key', async () => {
    expect(await post({ key: 'test-1', status: 500 })).toEqual({
      status: 200,
      body: { key: 'test-1', faults: [{ key: 'test-1', count: 1, when: 'before', status: 500 }] },
    });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'The request body must be a JSON object.'],
    ['an unknown member', { key: 'k', status: 500, statu: 1 }, 'Unknown member statu'],
    ['no key', { status: 500 }, 'key must be 1 to 128 characters'],
    ['a key with a space', { key: 'a b', status: 500 }, 'key must be 1 to 128 characters'],
    ['a status Connect faults do not use', { key: 'k', status: 404 }, 'status must be one of'],
    ['retryAfter without 429/503', { key: 'k', status: 500, retryAfter: 2 }, 'retryAfter goes'],
    ['a fractional retryAfter', { key: 'k', status: 429, retryAfter: 1.5 }, 'retryAfter must be'],
    ['count 0', { key: 'k', status: 500, count: 0 }, 'count must be an integer from 1'],
    ['a negative delay', { key: 'k', delayMs: -1 }, 'delayMs must be an integer from 0'],
    ['a delay over a minute', { key: 'k', delayMs: 60_001 }, 'delayMs must be an integer from 0'],
    ['an unknown malformation', { key: 'k', malformed: 'xml' }, 'malformed must be one of'],
    ['status and malformed', { key: 'k', status: 500, malformed: 'json' }, 'not both'],
    ['nothing to do', { key: 'k' }, 'Give a status to fail with'],
    ['an unknown when', { key: 'k', status: 500, when: 'during' }, 'when must be one of'],
  ])('refuses %s with a 400 naming the problem', async (_name, body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('InvalidBody');
    expect(res.body.message).toContain(message);
  });

  it('refuses a body that is not JSON, and other methods', async () => {
    expect((await post('{')).body.code).toBe('InvalidJson');
    const get = await post(undefined, 'GET');
    expect(get.status).toBe(405);
  });
});
