import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTokenEndpointConfig } from './config.js';
import { createLambdaHandler, handler, type HttpApiEvent } from './lambda.js';
import { startConnectFixture, type ConnectFixture } from './testing/connect-fixture.js';
import { PRODUCTION_ENV, SHOP_ORIGIN, fixtureClient } from './testing/start-test-endpoint.js';

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

  it('fails a cold start with a bad environment by naming the variable', async () => {
    const saved = process.env.CONNECT_INSTANCE_ID;
    delete process.env.CONNECT_INSTANCE_ID;
    try {
      await expect(handler(event({}))).rejects.toThrow(/CONNECT_INSTANCE_ID/);
    } finally {
      if (saved !== undefined) process.env.CONNECT_INSTANCE_ID = saved;
    }
  });
});
