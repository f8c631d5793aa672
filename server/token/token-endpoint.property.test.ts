import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HttpError } from '../http/http-error.js';
import { loadTokenEndpointConfig } from './config.js';
import { createTokenApi, type ApiRequest, type TokenApi } from './token-api.js';
import { startConnectFixture, type ConnectFixture } from './testing/connect-fixture.js';
import { PRODUCTION_ENV, SHOP_ORIGIN, fixtureClient } from './testing/start-test-endpoint.js';

/**
 * Thousands of random bodies at the endpoint's core, through the real ConnectClient to the Connect
 * fixture: it must never answer 5xx, and every refusal must come before any AWS call.
 */
let fixture: ConnectFixture;
let api: TokenApi;

beforeAll(async () => {
  const config = loadTokenEndpointConfig(
    { ...PRODUCTION_ENV, RATE_LIMIT_PER_MINUTE: '1000000' },
    'aws',
  );
  fixture = await startConnectFixture({
    instanceId: config.instanceId,
    contactFlowId: config.contactFlowId,
  });
  api = createTokenApi(config, { connect: fixtureClient(fixture), sleep: async () => {} });
});
afterAll(() => fixture.close());

function request(path: string, raw: Uint8Array): ApiRequest {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN },
    clientIp: '192.0.2.1',
    async readBody(limit) {
      if (raw.length > limit) throw new HttpError(413, 'PayloadTooLarge', 'Too large.');
      return raw;
    },
  };
}

/** Sends one body; checks the invariants; returns the status. */
async function send(path: string, raw: Uint8Array): Promise<number> {
  const callsBefore = fixture.calls.length;
  const response = await api(request(path, raw));
  expect(response).toBeDefined();
  const { status, body } = response!;
  expect(status).toBeLessThan(500);
  const made = fixture.calls.length - callsBefore;
  if (status === 200) {
    expect(made).toBeGreaterThanOrEqual(1);
  } else {
    expect(made).toBe(0);
    const error = JSON.parse(body) as { code: unknown; message: unknown };
    expect(typeof error.code).toBe('string');
    expect(typeof error.message).toBe('string');
  }
  return status;
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

// Strings that probe the limits: unicode of every width, lone surrogates, long runs.
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('', ' ', '\ud800', '😀'.repeat(256), 'x'.repeat(4097), 'x'.repeat(33_000)),
);
const anything = fc.oneof(text, fc.jsonValue({ maxDepth: 3 }));
const attributeKey = fc.oneof(
  fc.constantFrom('orderId', 'language', '__proto__', 'constructor', 'priority'),
  fc.string({ maxLength: 10 }),
);
const referenceType = fc.oneof(
  fc.constantFrom('URL', 'NUMBER', 'STRING', 'DATE', 'EMAIL', 'ATTACHMENT'),
  fc.string({ maxLength: 8 }),
);
const reference = fc.oneof(
  fc.record({ Value: text, Type: referenceType }),
  fc.record({ Value: text, Type: referenceType, Arn: fc.string() }, { requiredKeys: [] }),
  anything,
);
/** Bodies shaped like the widget's, each field right, wrong, missing or extra. */
const nearlyValidBody = fc.record(
  {
    displayName: fc.oneof(text, anything),
    attributes: fc.oneof(
      fc.dictionary(attributeKey, fc.oneof(text, anything), { maxKeys: 4 }),
      anything,
    ),
    references: fc.oneof(
      fc.dictionary(fc.string({ maxLength: 12 }), reference, { maxKeys: 3 }),
      anything,
    ),
    description: fc.oneof(text, anything),
    relatedContactId: fc.oneof(text, anything),
    clientToken: fc.oneof(fc.uuid(), text, anything),
    customerToken: fc.oneof(text, fc.constant('eyJhbGciOiJub25lIn0.eyJleHAiOjl9.')),
    InstanceId: fc.string(),
  },
  { requiredKeys: [] },
);
/** Bodies the service accepts by construction: must all succeed. */
const validBody = fc.record(
  {
    displayName: fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 256 })
      .filter((s) => s.trim() !== '' && [...s].length <= 256),
    attributes: fc.dictionary(
      fc.constantFrom('orderId', 'language'),
      fc.string({ maxLength: 200 }),
    ),
    references: fc.dictionary(
      fc.string({ minLength: 1, maxLength: 20 }).filter((key) => key !== '__proto__'),
      fc.record({
        Value: fc.string({ maxLength: 100 }),
        Type: fc.constantFrom('URL', 'STRING', 'EMAIL'),
      }),
      { maxKeys: 3 },
    ),
    description: fc.string({ maxLength: 4096 }),
    clientToken: fc.uuid(),
  },
  { requiredKeys: ['displayName'] },
);

describe('random bodies at the token endpoint', () => {
  it('random JSON values and raw bytes: never 5xx, never an AWS call when refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map(json),
          fc.object({ maxDepth: 3 }).map(json),
          fc.uint8Array({ maxLength: 200 }),
          fc.string({ unit: 'binary', maxLength: 200 }).map((s) => new TextEncoder().encode(s)),
        ),
        fc.constantFrom('/api/session', '/api/screen-sharing'),
        async (raw, path) => {
          await send(path, raw);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('bodies shaped like the widget’s: never 5xx, never an AWS call when refused', async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(nearlyValidBody, async (body) => {
        const status = await send('/api/session', json(body));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach both sides, or the property says little.
    expect(statuses.get(400)).toBeGreaterThan(100);
  });

  it('bodies within the service limits are all accepted', async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        expect(await send('/api/session', json(body))).toBe(200);
      }),
      { numRuns: 500 },
    );
  });
});
