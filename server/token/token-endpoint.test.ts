import { afterEach, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import {
  SHOP_ORIGIN,
  startTestEndpoint,
  type TestEndpoint,
} from './testing/start-test-endpoint.js';

let endpoint: TestEndpoint | undefined;
async function start(...args: Parameters<typeof startTestEndpoint>): Promise<TestEndpoint> {
  endpoint = await startTestEndpoint(...args);
  return endpoint;
}
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

interface ErrorBody {
  code: string;
  message: string;
  field?: string;
}

describe('POST /api/session', () => {
  it('makes one StartWebRTCContact call with the configured ids and passes the answer through', async () => {
    const api = await start();
    const res = await api.post('/api/session', {
      displayName: 'Ada Lovelace',
      attributes: { orderId: 'A-42' },
      references: { order: { Value: 'https://shop.example/orders/42', Type: 'URL' } },
      description: 'Question about my order',
      clientToken: 'client-token-1',
    });
    expect(res.status).toBe(200);

    expect(api.fixture.calls).toHaveLength(1);
    const call = api.fixture.calls[0]!;
    expect(call.operation).toBe('StartWebRTCContact');
    // Signed by the real SDK for the configured region.
    expect(call.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d+\/eu-west-2\/connect\//,
    );
    expect(call.body).toEqual({
      InstanceId: 'instance-1234',
      ContactFlowId: 'flow-5678',
      ParticipantDetails: { DisplayName: 'Ada Lovelace' },
      AllowedCapabilities: {
        Customer: { Video: 'SEND', ScreenShare: 'SEND' },
        Agent: { Video: 'SEND' },
      },
      ClientToken: 'client-token-1',
      Attributes: { orderId: 'A-42' },
      References: { order: { Value: 'https://shop.example/orders/42', Type: 'URL' } },
      Description: 'Question about my order',
    });

    const body = (await res.json()) as Record<string, unknown>;
    const contact = api.fixture.contacts.get(body.ContactId as string);
    expect(contact).toBeDefined();
    const { AllowedCapabilities, SessionHandle, ...passedThrough } = body;
    expect(passedThrough).toEqual(contact);
    expect(AllowedCapabilities).toEqual(api.config.allowedCapabilities);

    const handle = decodeJwt(SessionHandle as string);
    expect(handle.sub).toBe(body.ContactId);
    expect(handle.exp! - handle.iat!).toBe(3600);
    expect(SessionHandle).not.toContain(contact!.ParticipantToken as string);
    expect(JSON.stringify(handle)).not.toContain('ParticipantToken');

    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(res.headers.get('vary')).toContain('Origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses an empty client token before any AWS call (found by the property test)', async () => {
    const api = await start();
    const res = await api.post('/api/session', { displayName: 'Ada', clientToken: '' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { field: string }).field).toBe('clientToken');
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('ignores the local-only capabilities switch in aws mode', async () => {
    const api = await start();
    const res = await api.post('/api/session?capabilities=agentScreenShare', {
      displayName: 'Ada',
    });
    expect(res.status).toBe(200);
    expect(api.fixture.calls[0]!.body).toMatchObject({
      AllowedCapabilities: api.config.allowedCapabilities,
    });
    expect(((await res.json()) as { AllowedCapabilities: unknown }).AllowedCapabilities).toEqual(
      api.config.allowedCapabilities,
    );
  });

  it('generates a ClientToken when the browser sends none', async () => {
    const api = await start();
    expect((await api.post('/api/session', { displayName: 'Ada' })).status).toBe(200);
    expect(api.fixture.calls[0]!.body.ClientToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives the same contact for the same client token, twice', async () => {
    const api = await start();
    const first = await api.post('/api/session', { displayName: 'Ada', clientToken: 'retry-me' });
    const second = await api.post('/api/session', { displayName: 'Ada', clientToken: 'retry-me' });
    const a = (await first.json()) as { ContactId: string };
    const b = (await second.json()) as { ContactId: string };
    expect(b.ContactId).toBe(a.ContactId);
    expect(api.fixture.contacts.size).toBe(1);
    expect(api.fixture.calls.map((call) => call.body.ClientToken)).toEqual([
      'retry-me',
      'retry-me',
    ]);
  });

  const long = (n: number, unit = 'a') => unit.repeat(n);
  const invalid: [string, unknown, string, string][] = [
    ['display name missing', {}, 'InvalidField', 'displayName'],
    ['display name empty', { displayName: '' }, 'InvalidField', 'displayName'],
    ['display name blank', { displayName: '   ' }, 'InvalidField', 'displayName'],
    ['display name too long', { displayName: long(257) }, 'InvalidField', 'displayName'],
    ['display name not a string', { displayName: 42 }, 'InvalidField', 'displayName'],
    ['display name lone surrogate', { displayName: 'Ada \ud800' }, 'InvalidField', 'displayName'],
    ['unknown field', { displayName: 'Ada', InstanceId: 'other' }, 'UnknownField', 'InstanceId'],
    [
      'capabilities from the browser',
      { displayName: 'Ada', AllowedCapabilities: {} },
      'UnknownField',
      'AllowedCapabilities',
    ],
    [
      'attribute key not allowlisted',
      { displayName: 'Ada', attributes: { priority: 'high' } },
      'AttributeNotAllowed',
      'attributes.priority',
    ],
    [
      'attribute value not a string',
      { displayName: 'Ada', attributes: { orderId: 42 } },
      'InvalidField',
      'attributes.orderId',
    ],
    [
      'attributes not an object',
      { displayName: 'Ada', attributes: ['x'] },
      'InvalidField',
      'attributes',
    ],
    [
      'attributes over 32,768 bytes',
      { displayName: 'Ada', attributes: { orderId: long(16_000), language: long(16_762) } },
      'InvalidField',
      'attributes',
    ],
    [
      'reference type ATTACHMENT',
      { displayName: 'Ada', references: { doc: { Value: 'x', Type: 'ATTACHMENT' } } },
      'InvalidField',
      'references.doc.Type',
    ],
    [
      'reference with an unknown field',
      { displayName: 'Ada', references: { doc: { Value: 'x', Type: 'URL', Arn: 'a' } } },
      'UnknownField',
      'references.doc.Arn',
    ],
    [
      'reference DATE not an epoch',
      { displayName: 'Ada', references: { when: { Value: 'tomorrow', Type: 'DATE' } } },
      'InvalidField',
      'references.when.Value',
    ],
    [
      'references over 4,096 bytes',
      {
        displayName: 'Ada',
        references: {
          a: { Value: long(2048), Type: 'STRING' },
          b: { Value: long(2047), Type: 'STRING' },
        },
      },
      'InvalidField',
      'references',
    ],
    [
      'description too long',
      { displayName: 'Ada', description: long(4097) },
      'InvalidField',
      'description',
    ],
    [
      'a related contact without the chat handle that proves it',
      { displayName: 'Ada', relatedContactId: 'someone-elses-contact' },
      'RelatedContactNotProven',
      'relatedContactId',
    ],
    [
      'client token too long',
      { displayName: 'Ada', clientToken: long(501) },
      'InvalidField',
      'clientToken',
    ],
    [
      'client token not a string',
      { displayName: 'Ada', clientToken: 7 },
      'InvalidField',
      'clientToken',
    ],
  ];
  it.each(invalid)(
    'refuses %s with a 400 naming the field, before any AWS call',
    async (_, body, code, field) => {
      const api = await start();
      const res = await api.post('/api/session', body);
      expect(res.status).toBe(400);
      const error = (await res.json()) as ErrorBody;
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
      expect(api.fixture.calls).toHaveLength(0);
      // The widget must be able to read the refusal.
      expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    },
  );

  it.each([
    ['256 emoji (code points, not UTF-16 units)', { displayName: '😀'.repeat(256) }],
    [
      'attributes of exactly 32,768 bytes',
      { displayName: 'Ada', attributes: { orderId: long(32_761) } },
    ],
    [
      'references of exactly 4,096 bytes',
      {
        displayName: 'Ada',
        references: {
          a: { Value: long(2047), Type: 'STRING' },
          b: { Value: long(2047), Type: 'STRING' },
        },
      },
    ],
    [
      'a DATE reference in epoch seconds',
      { displayName: 'Ada', references: { d: { Value: '1700000000', Type: 'DATE' } } },
    ],
  ])('accepts the limit itself: %s', async (_, body) => {
    const api = await start();
    expect((await api.post('/api/session', body)).status).toBe(200);
    expect(api.fixture.calls).toHaveLength(1);
  });

  it('checks attribute key characters and refuses __proto__ when any key is allowed', async () => {
    const api = await start({ ALLOWED_ATTRIBUTE_KEYS: '*' });
    const bad = await api.post('/api/session', {
      displayName: 'Ada',
      attributes: { 'two words': 'x' },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).field).toBe('attributes.two words');
    const proto = await api.post(
      '/api/session',
      '{"displayName":"Ada","attributes":{"__proto__":"x"}}',
    );
    expect(proto.status).toBe(400);
    expect(((await proto.json()) as ErrorBody).field).toBe('attributes.__proto__');
    expect(api.fixture.calls).toHaveLength(0);
  });

  it.each([
    ['not JSON', '{"displayName":', 'InvalidJson'],
    ['an array', '[]', 'InvalidBody'],
    ['null', 'null', 'InvalidBody'],
    ['empty', '', 'InvalidJson'],
  ])('refuses a body that is %s', async (_, raw, code) => {
    const api = await start();
    const res = await api.post('/api/session', raw);
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).code).toBe(code);
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('refuses a body that is not UTF-8', async () => {
    const api = await start();
    const res = await fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN },
      body: Buffer.from([0x7b, 0x22, 0x64, 0xff, 0x22, 0x7d]),
    });
    expect(res.status).toBe(400);
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('refuses an oversize body with 413, declared or streamed', async () => {
    const api = await start();
    const big = JSON.stringify({ displayName: 'Ada', description: 'x'.repeat(70_000) });
    const declared = await api.post('/api/session', big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorBody).code).toBe('PayloadTooLarge');

    const chunk = new TextEncoder().encode('x'.repeat(16_384));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(api.fixture.calls).toHaveLength(0);
  });

  it.each([
    ['text/plain', 415],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    ['application/json; charset=iso-8859-1', 415],
    ['application/json; charset=utf-8', 200],
    ['Application/JSON', 200],
  ])('content type %s gives %i', async (type, status) => {
    const api = await start();
    const res = await api.post('/api/session', { displayName: 'Ada' }, { 'content-type': type });
    expect(res.status).toBe(status);
    if (status === 415) {
      expect(((await res.json()) as ErrorBody).code).toBe('UnsupportedMediaType');
      expect(api.fixture.calls).toHaveLength(0);
    }
  });
});

describe('origins and CORS', () => {
  it('refuses a disallowed origin without CORS headers and without an AWS call', async () => {
    const api = await start();
    for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'null']) {
      const res = await api.post('/api/session', { displayName: 'Ada' }, { origin });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('vary')).toContain('Origin');
    }
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('answers the preflight of an allowed origin, echoing it, never *', async () => {
    const api = await start();
    const res = await fetch(`${api.url}/api/session`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.shop.example');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('vary')).toContain('Origin');

    const refused = await fetch(`${api.url}/api/session`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a cross-site form post', async () => {
    const api = await start();
    const form = await api.post('/api/session', 'displayName=Ada', {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(403);
    expect(((await form.json()) as ErrorBody).code).toBe('OriginNotAllowed');

    // A browser that dropped Origin still says where the request came from.
    const noOrigin = await fetch(`${api.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: JSON.stringify({ displayName: 'Ada' }),
    });
    expect(noOrigin.status).toBe(403);
    expect(((await noOrigin.json()) as ErrorBody).code).toBe('CrossSiteRequest');
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('lets the allowed origin call cross-site, and same-origin pages without CORS headers', async () => {
    const api = await start();
    const cross = await api.post(
      '/api/session',
      { displayName: 'Ada' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(cross.status).toBe(200);
    const same = await api.post(
      '/api/session',
      { displayName: 'Ada' },
      {
        origin: api.url,
        'sec-fetch-site': 'same-origin',
      },
    );
    expect(same.status).toBe(200);
    expect(same.headers.get('access-control-allow-origin')).toBeNull();
    expect(api.fixture.calls).toHaveLength(2);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a client spends its bucket, and refills with time', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const api = await start(
      { RATE_LIMIT_PER_MINUTE: '3', CLIENT_IP_HEADER: 'x-forwarded-for' },
      { now: () => now },
    );
    const from = (ip: string) =>
      api.post('/api/session', { displayName: 'Ada' }, { 'x-forwarded-for': `203.0.113.9, ${ip}` });
    for (let i = 0; i < 3; i++) expect((await from('198.51.100.1')).status).toBe(200);
    const limited = await from('198.51.100.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(((await limited.json()) as ErrorBody).code).toBe('RateLimited');
    expect(limited.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    expect(limited.headers.get('access-control-expose-headers')).toContain('Retry-After');
    // Another client (the right-most forwarded address is the one counted) is not affected.
    expect((await from('198.51.100.2')).status).toBe(200);
    expect(api.fixture.calls).toHaveLength(4);
    now += 20_000;
    expect((await from('198.51.100.1')).status).toBe(200);
  });
});

describe('AWS errors', () => {
  it('retries a throttled StartWebRTCContact with the same ClientToken, then succeeds', async () => {
    const api = await start();
    api.fixture.failNext(
      'StartWebRTCContact',
      { status: 429, type: 'ThrottlingException' },
      { status: 400, type: 'ThrottlingException' },
    );
    const res = await api.post('/api/session', { displayName: 'Ada' });
    expect(res.status).toBe(200);
    expect(api.fixture.calls).toHaveLength(3);
    const tokens = new Set(api.fixture.calls.map((call) => call.body.ClientToken));
    expect(tokens.size).toBe(1);
    expect(api.fixture.contacts.size).toBe(1);
    expect(api.sleeps).toHaveLength(2);
    expect(api.sleeps[0]).toBeLessThanOrEqual(200);
    expect(api.sleeps[1]).toBeLessThanOrEqual(400);
    expect(api.logs.find((line) => line.event === 'request_done')?.attempts).toBe(3);
  });

  it.each([
    ['ThrottlingException', 429, 429, 'ConnectThrottled', 3],
    ['InternalServiceException', 500, 502, 'ConnectUnavailable', 3],
    ['LimitExceededException', 429, 429, 'ConnectLimitExceeded', 1],
    ['InvalidParameterException', 400, 400, 'ConnectRejectedRequest', 1],
    ['InvalidRequestException', 400, 400, 'ConnectRejectedRequest', 1],
    ['ResourceNotFoundException', 404, 404, 'ConnectResourceNotFound', 1],
    ['AccessDeniedException', 403, 502, 'ConnectAccessDenied', 1],
    ['SomethingNewException', 400, 502, 'ConnectUnavailable', 1],
  ])('maps %s (%i) to %i %s after %i call(s)', async (type, status, expected, code, calls) => {
    const api = await start();
    const secretMessage = 'DisplayName Zelda Secretname is invalid';
    api.fixture.failNext(
      'StartWebRTCContact',
      ...Array.from({ length: 3 }, () => ({ status, type, message: secretMessage })),
    );
    const res = await api.post('/api/session', { displayName: 'Zelda Secretname' });
    expect(res.status).toBe(expected);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code });
    expect(text).not.toContain('Zelda');
    expect(api.fixture.calls).toHaveLength(calls);
    if (expected === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(api.logs)).not.toContain('Zelda');
    expect(api.logs.at(-1)).toMatchObject({ awsError: type, attempts: calls, code });
  });
});

describe('GET /api/health and other paths', () => {
  it('answers health and leaves other paths to the next route', async () => {
    const api = await start();
    const health = await fetch(`${api.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await api.post('/api/health', {})).status).toBe(405);
    expect((await fetch(`${api.url}/api/session`)).status).toBe(405);
    const other = await fetch(`${api.url}/api/other`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as ErrorBody).code).toBe('NotFound');
  });
});
