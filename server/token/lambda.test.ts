import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenEndpointConfig } from './config.js';
import { createColdStartHandler, createLambdaHandler, type HttpApiEvent } from './lambda.js';
import type { LambdaEnv } from './load-lambda-config.js';
import { verifySessionHandle } from './session-handle.js';
import { startConnectFixture, type ConnectFixture } from './testing/connect-fixture.js';
import {
  startSecretsManagerFixture,
  type SecretsManagerFixture,
} from './testing/secrets-manager-fixture.js';
import {
  CUSTOMER_SECRET,
  HANDLE_SECRET,
  PRODUCTION_ENV,
  SHOP_ORIGIN,
  fixtureClient,
} from './testing/start-test-endpoint.js';

let fixture: ConnectFixture;
let invoke: ReturnType<typeof createLambdaHandler>;

beforeAll(async () => {
  const config = loadTokenEndpointConfig({ ...PRODUCTION_ENV, RATE_LIMIT_PER_MINUTE: '2' }, 'aws');
  fixture = await startConnectFixture({
    instanceId: config.instanceId,
    contactFlowId: config.contactFlowId,
  });
  invoke = createLambdaHandler(config, { connect: fixtureClient(fixture), sleep: async () => {} });
});
afterAll(() => fixture.close());

function event(
  overrides: Partial<HttpApiEvent> & { method?: string; sourceIp?: string },
): HttpApiEvent {
  const { method = 'POST', sourceIp = '198.51.100.7', ...rest } = overrides;
  return {
    version: '2.0',
    rawPath: '/api/session',
    headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN },
    requestContext: { http: { method, sourceIp } },
    ...rest,
  };
}

describe('Lambda handler (API Gateway HTTP API, payload 2.0)', () => {
  it('starts a contact from a plain or base64 body and answers with CORS headers', async () => {
    const body = JSON.stringify({ displayName: 'Ada', clientToken: 'lambda-1' });
    const plain = await invoke(event({ body }));
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);
    const encoded = await invoke(
      event({
        body: Buffer.from(body).toString('base64'),
        isBase64Encoded: true,
        sourceIp: '198.51.100.8',
      }),
    );
    expect(JSON.parse(encoded.body).ContactId).toBe(JSON.parse(plain.body).ContactId);
    expect(fixture.calls.at(-1)!.body).toMatchObject({
      InstanceId: 'instance-1234',
      ClientToken: 'lambda-1',
    });
  });

  it('answers the preflight, refuses oversize bodies, and rate-limits by sourceIp', async () => {
    const preflight = await invoke(
      event({
        method: 'OPTIONS',
        headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SHOP_ORIGIN);

    const calls = fixture.calls.length;
    const big = await invoke(event({ body: 'x'.repeat(70_000), sourceIp: '203.0.113.1' }));
    expect(big.statusCode).toBe(413);
    expect(fixture.calls.length).toBe(calls);

    const ip = '203.0.113.2';
    const body = JSON.stringify({ displayName: 'Ada' });
    expect((await invoke(event({ body, sourceIp: ip }))).statusCode).toBe(200);
    expect((await invoke(event({ body, sourceIp: ip }))).statusCode).toBe(200);
    const limited = await invoke(event({ body, sourceIp: ip }));
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
  });

  it('answers health, and 404 for paths it does not serve', async () => {
    const health = await invoke(event({ method: 'GET', rawPath: '/api/health' }));
    expect(health.statusCode).toBe(200);
    expect((await invoke(event({ rawPath: '/other' }))).statusCode).toBe(404);
  });
});

describe('Lambda cold start: the keys come from Secrets Manager', () => {
  const SESSION_ARN =
    'arn:aws:secretsmanager:eu-west-2:111122223333:secret:video-widget/session-handle-AbCdEf';
  const CUSTOMER_ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:shop/customer-GhIjKl';
  const {
    CUSTOMER_JWT_SECRET: _customer,
    SESSION_HANDLE_SECRET: _handle,
    ...plain
  } = PRODUCTION_ENV;
  const env: LambdaEnv = {
    ...plain,
    CUSTOMER_JWT_SECRET_ARN: CUSTOMER_ARN,
    SESSION_HANDLE_SECRET_ARN: SESSION_ARN,
  };
  let secrets: SecretsManagerFixture;
  beforeAll(async () => {
    secrets = await startSecretsManagerFixture({
      [SESSION_ARN]: { SecretString: HANDLE_SECRET },
      [CUSTOMER_ARN]: { SecretString: CUSTOMER_SECRET },
    });
  });
  afterAll(() => secrets.close());

  /** A new Lambda instance, reading through Powertools and the real Secrets Manager client. */
  const coldStart = (environment: LambdaEnv = env) =>
    createColdStartHandler(
      environment,
      new SecretsProvider({ awsSdkV3Client: secrets.client() }),
      () => fixtureClient(fixture),
    );

  it('reads each secret once per instance and signs and verifies with them', async () => {
    secrets.reads.length = 0;
    const instance = coldStart();
    expect(secrets.reads).toEqual([]);
    const customerToken = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(CUSTOMER_SECRET));
    const first = await instance(
      event({ body: JSON.stringify({ displayName: 'Ada', customerToken }), sourceIp: '192.0.2.1' }),
    );
    expect(first.statusCode).toBe(200);
    const { SessionHandle, ContactId } = JSON.parse(first.body) as Record<string, string>;
    const claims = await verifySessionHandle(
      SessionHandle!,
      'instance-1234',
      new TextEncoder().encode(HANDLE_SECRET),
      Date.now(),
    );
    expect(claims?.contactId).toBe(ContactId);
    const second = await instance(event({ method: 'GET', rawPath: '/api/health' }));
    expect(second.statusCode).toBe(200);
    expect([...secrets.reads].sort()).toEqual([CUSTOMER_ARN, SESSION_ARN].sort());

    // The next instance reads again: that is how a rotated key arrives.
    await coldStart()(event({ method: 'GET', rawPath: '/api/health' }));
    expect(secrets.reads).toHaveLength(4);
  });

  it('reads no customer key when none is configured', async () => {
    secrets.reads.length = 0;
    const { CUSTOMER_JWT_SECRET_ARN: _none, ...withoutCustomer } = env;
    const health = await coldStart(withoutCustomer)(
      event({ method: 'GET', rawPath: '/api/health' }),
    );
    expect(health.statusCode).toBe(200);
    expect(secrets.reads).toEqual([SESSION_ARN]);
  });

  it('fails the cold start naming the secret, and the next event tries again', async () => {
    const missing = SESSION_ARN.replace('AbCdEf', 'Zz9Zz9');
    const instance = coldStart({ ...env, SESSION_HANDLE_SECRET_ARN: missing });
    const health = event({ method: 'GET', rawPath: '/api/health' });
    await expect(instance(health)).rejects.toThrow(
      `SESSION_HANDLE_SECRET_ARN: the secret ${missing} was not found`,
    );
    secrets.secrets.set(missing, { SecretString: HANDLE_SECRET });
    expect((await instance(health)).statusCode).toBe(200);
  });

  it('fails a cold start with a bad environment by naming the variable', async () => {
    const { CONNECT_INSTANCE_ID: _id, ...withoutInstance } = env;
    await expect(coldStart(withoutInstance)(event({}))).rejects.toThrow(/^CONNECT_INSTANCE_ID/);
  });
});
