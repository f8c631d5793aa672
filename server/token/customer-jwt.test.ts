import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import {
  CUSTOMER_SECRET,
  startTestEndpoint,
  type TestEndpoint,
} from './testing/start-test-endpoint.js';

const NOW = Date.parse('2030-06-01T12:00:00Z');
const nowSeconds = Math.floor(NOW / 1000);
const key = (secret: string) => new TextEncoder().encode(secret);

/** A host page backend's token, as the hosted widget's documentation describes it. */
function customerToken(
  claims: JWTPayload & { attributes?: unknown } = {},
  options: { secret?: string; alg?: string; iat?: number; exp?: number | null } = {},
): Promise<string> {
  const iat = options.iat ?? nowSeconds;
  const jwt = new SignJWT({ sub: 'widget-1', attributes: { customerId: 'c-1' }, ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .setIssuedAt(iat);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? iat + 300);
  return jwt.sign(key(options.secret ?? CUSTOMER_SECRET));
}

let endpoint: TestEndpoint | undefined;
async function start(env: Parameters<typeof startTestEndpoint>[0] = {}): Promise<TestEndpoint> {
  endpoint = await startTestEndpoint(env, { now: () => NOW });
  return endpoint;
}
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
});

describe('customer tokens (HS256 JWT from the host page backend)', () => {
  it('takes trusted attributes from the token, over the browser values for the same keys', async () => {
    const api = await start();
    const token = await customerToken({ attributes: { customerId: 'c-1', orderId: 'from-token' } });
    const res = await api.post('/api/session', {
      displayName: 'Ada',
      attributes: { orderId: 'from-browser', language: 'en' },
      customerToken: token,
    });
    expect(res.status).toBe(200);
    expect(api.fixture.calls[0]!.body.Attributes).toEqual({
      orderId: 'from-token',
      language: 'en',
      // Not on the browser allowlist, but trusted: it came signed.
      customerId: 'c-1',
    });
    expect(api.logs.at(-1)).toMatchObject({ event: 'request_done', authenticated: true });
  });

  it('accepts the token as Authorization: Bearer too', async () => {
    const api = await start();
    const token = await customerToken();
    const res = await api.post(
      '/api/session',
      { displayName: 'Ada' },
      { authorization: `Bearer ${token}` },
    );
    expect(res.status).toBe(200);
    expect(api.fixture.calls[0]!.body.Attributes).toEqual({ customerId: 'c-1' });
  });

  const cases: [string, () => Promise<string>, string][] = [
    [
      'signed with another key',
      () => customerToken({}, { secret: 'x'.repeat(44) }),
      'CustomerTokenInvalid',
    ],
    [
      'expired',
      () => customerToken({}, { iat: nowSeconds - 400, exp: nowSeconds - 100 }),
      'CustomerTokenExpired',
    ],
    [
      'alg none',
      () =>
        Promise.resolve(
          new UnsecuredJWT({ attributes: { customerId: 'c-1' } })
            .setIssuedAt(nowSeconds)
            .setExpirationTime(nowSeconds + 300)
            .encode(),
        ),
      'CustomerTokenInvalid',
    ],
    ['HS512 with the right key', () => customerToken({}, { alg: 'HS512' }), 'CustomerTokenInvalid'],
    ['HS384 with the right key', () => customerToken({}, { alg: 'HS384' }), 'CustomerTokenInvalid'],
    [
      'living longer than 10 minutes',
      () => customerToken({}, { exp: nowSeconds + 601 }),
      'CustomerTokenTooLongLived',
    ],
    ['without exp', () => customerToken({}, { exp: null }), 'CustomerTokenInvalid'],
    [
      'issued in the future',
      () => customerToken({}, { iat: nowSeconds + 300, exp: nowSeconds + 600 }),
      'CustomerTokenInvalid',
    ],
    [
      'with attributes that are not strings',
      () => customerToken({ attributes: { n: 1 } }),
      'CustomerTokenInvalid',
    ],
    [
      'with a bad attribute key',
      () => customerToken({ attributes: { 'a b': 'x' } }),
      'CustomerTokenInvalid',
    ],
    ['not a JWT', () => Promise.resolve('not-a-jwt'), 'CustomerTokenInvalid'],
    [
      'with a tampered payload',
      async () => {
        const [header, , signature] = (await customerToken()).split('.');
        const payload = Buffer.from(
          JSON.stringify({
            iat: nowSeconds,
            exp: nowSeconds + 300,
            attributes: { customerId: 'admin' },
          }),
        ).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
      'CustomerTokenInvalid',
    ],
  ];
  it.each(cases)('refuses a token %s with 401 and no AWS call', async (_, make, code) => {
    const api = await start();
    const res = await api.post('/api/session', { displayName: 'Ada', customerToken: await make() });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code, field: 'customerToken' });
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('refuses a header token that differs from the body token', async () => {
    const api = await start();
    const res = await api.post(
      '/api/session',
      { displayName: 'Ada', customerToken: await customerToken() },
      { authorization: `Bearer ${await customerToken({ sub: 'other' })}` },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'ConflictingCustomerToken' });
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('requires a token when REQUIRE_CUSTOMER_JWT is true', async () => {
    const api = await start({ REQUIRE_CUSTOMER_JWT: 'true' });
    const res = await api.post('/api/session', { displayName: 'Ada' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'CustomerTokenRequired' });
    expect(
      (await api.post('/api/session', { displayName: 'Ada', customerToken: await customerToken() }))
        .status,
    ).toBe(200);
    expect(api.fixture.calls).toHaveLength(1);
  });

  it('refuses a token when no secret is configured rather than dropping its attributes', async () => {
    const api = await start({ CUSTOMER_JWT_SECRET: '' });
    const res = await api.post('/api/session', {
      displayName: 'Ada',
      customerToken: await customerToken(),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'CustomerTokenNotAccepted' });
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('refuses an Authorization header that is not Bearer', async () => {
    const api = await start();
    const res = await api.post(
      '/api/session',
      { displayName: 'Ada' },
      { authorization: 'Basic YTpi' },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'InvalidAuthorization' });
  });
});
