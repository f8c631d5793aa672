import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import {
  CUSTOMER_SECRET,
  HANDLE_SECRET,
  startTestEndpoint,
  type TestEndpoint,
} from './testing/start-test-endpoint.js';
import { signSessionHandle } from './session-handle.js';

let now = Date.parse('2030-06-01T12:00:00Z');
let endpoint: TestEndpoint | undefined;
async function start(env: Parameters<typeof startTestEndpoint>[0] = {}): Promise<TestEndpoint> {
  endpoint = await startTestEndpoint(env, { now: () => now });
  return endpoint;
}
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
  now = Date.parse('2030-06-01T12:00:00Z');
});

async function session(api: TestEndpoint): Promise<{ ContactId: string; SessionHandle: string }> {
  const res = await api.post('/api/session', { displayName: 'Ada' });
  expect(res.status).toBe(200);
  return (await res.json()) as { ContactId: string; SessionHandle: string };
}

const screenShares = (api: TestEndpoint) =>
  api.fixture.calls.filter((call) => call.operation === 'StartScreenSharing');

describe('POST /api/screen-sharing', () => {
  it('starts screen sharing on the contact the handle names', async () => {
    const api = await start();
    const { ContactId, SessionHandle } = await session(api);
    const res = await api.post('/api/screen-sharing', { sessionHandle: SessionHandle });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(screenShares(api)).toHaveLength(1);
    expect(screenShares(api)[0]!.body).toEqual({
      InstanceId: 'instance-1234',
      ContactId,
      ClientToken: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });

    const viaHeader = await api.post(
      '/api/screen-sharing',
      { clientToken: 'share-1' },
      { authorization: `Bearer ${SessionHandle}` },
    );
    expect(viaHeader.status).toBe(200);
    expect(screenShares(api)[1]!.body).toMatchObject({ ContactId, ClientToken: 'share-1' });
  });

  it("refuses someone else's contact, and forged, foreign or expired handles, with 403", async () => {
    const api = await start();
    const mine = await session(api);
    const theirs = await session(api);
    const forged = await signSessionHandle(
      theirs.ContactId,
      'instance-1234',
      new TextEncoder().encode('y'.repeat(44)),
      now,
    );
    const otherInstance = await signSessionHandle(
      theirs.ContactId,
      'another-instance',
      new TextEncoder().encode(HANDLE_SECRET),
      now,
    );
    // A customer token is signed with the other secret and has no audience: never a handle.
    const customerToken = await new SignJWT({ sub: theirs.ContactId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(CUSTOMER_SECRET));
    const [header, , signature] = mine.SessionHandle.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ sub: theirs.ContactId })).toString('base64url')}.${signature}`;

    const attempts: [unknown, string][] = [
      [{ sessionHandle: mine.SessionHandle, contactId: theirs.ContactId }, 'ContactNotYours'],
      [{ sessionHandle: forged }, 'SessionHandleInvalid'],
      [{ sessionHandle: otherInstance }, 'SessionHandleInvalid'],
      [{ sessionHandle: customerToken }, 'SessionHandleInvalid'],
      [{ sessionHandle: tampered }, 'SessionHandleInvalid'],
    ];
    for (const [body, code] of attempts) {
      const res = await api.post('/api/screen-sharing', body);
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code });
    }
    now += 3601_000;
    const expired = await api.post('/api/screen-sharing', { sessionHandle: mine.SessionHandle });
    expect(expired.status).toBe(403);
    expect(screenShares(api)).toHaveLength(0);
  });

  it('is refused when customer screen sharing is not enabled', async () => {
    const api = await start({ CUSTOMER_SCREEN_SHARE: 'false' });
    const { SessionHandle } = await session(api);
    expect(api.fixture.calls[0]!.body.AllowedCapabilities).toEqual({
      Customer: { Video: 'SEND' },
      Agent: { Video: 'SEND' },
    });
    const res = await api.post('/api/screen-sharing', { sessionHandle: SessionHandle });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'ScreenSharingNotAllowed' });
    expect(screenShares(api)).toHaveLength(0);
  });

  it.each([
    [{}, 400, 'InvalidField'],
    [{ sessionHandle: 5 }, 400, 'InvalidField'],
    [{ sessionHandle: 'x', extra: 1 }, 400, 'UnknownField'],
    [[], 400, 'InvalidBody'],
  ])('refuses the body %j', async (body, status, code) => {
    const api = await start();
    const res = await api.post('/api/screen-sharing', body);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code });
    expect(api.fixture.calls).toHaveLength(0);
  });

  it('retries a throttled StartScreenSharing and maps a vanished contact to 404', async () => {
    const api = await start();
    const { SessionHandle, ContactId } = await session(api);
    api.fixture.failNext('StartScreenSharing', { status: 429, type: 'ThrottlingException' });
    expect((await api.post('/api/screen-sharing', { sessionHandle: SessionHandle })).status).toBe(
      200,
    );
    expect(screenShares(api)).toHaveLength(2);
    expect(screenShares(api)[0]!.body.ClientToken).toBe(screenShares(api)[1]!.body.ClientToken);

    api.fixture.contacts.delete(ContactId);
    const gone = await api.post('/api/screen-sharing', { sessionHandle: SessionHandle });
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ code: 'ConnectResourceNotFound' });
  });
});

describe('logs and responses', () => {
  it('never hold tokens, names, attribute values or client addresses', async () => {
    const api = await start({ ALLOWED_ATTRIBUTE_KEYS: 'orderId' });
    const customerToken = await new SignJWT({ attributes: { vip: 'Customer-Secret-Tier' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + 300)
      .sign(new TextEncoder().encode(CUSTOMER_SECRET));
    const ok = await api.post('/api/session', {
      displayName: 'Zelda Secretname',
      attributes: { orderId: 'order-secret-77' },
      description: 'my card number is 4111',
      customerToken,
    });
    const started = (await ok.json()) as Record<string, unknown> & {
      ConnectionData: { Attendee: { JoinToken: string } };
    };
    await api.post('/api/screen-sharing', { sessionHandle: started.SessionHandle });
    await api.post('/api/session', {
      displayName: 'Zelda Secretname',
      attributes: { nope: 'attr-secret-88' },
    });
    await api.post('/api/session', {
      displayName: 'Zelda Secretname',
      customerToken: `${customerToken}x`,
    });
    api.fixture.failNext('StartWebRTCContact', {
      status: 400,
      type: 'InvalidParameterException',
      message: 'Zelda Secretname order-secret-77 is not valid',
    });
    const failed = await api.post('/api/session', {
      displayName: 'Zelda Secretname',
      attributes: { orderId: 'order-secret-77' },
    });
    const failedText = await failed.text();

    const logText = JSON.stringify(api.logs);
    expect(api.logs.length).toBeGreaterThanOrEqual(5);
    expect(api.logs.some((line) => line.contactId === started.ContactId)).toBe(true);
    for (const secret of [
      'Zelda',
      'order-secret-77',
      'attr-secret-88',
      'Customer-Secret-Tier',
      '4111',
      customerToken,
      started.ParticipantToken as string,
      started.ConnectionData.Attendee.JoinToken,
      started.SessionHandle as string,
      '127.0.0.1',
    ]) {
      expect(logText).not.toContain(secret);
    }
    expect(failedText).not.toContain('Zelda');
    expect(failedText).not.toContain('order-secret');
    expect(failedText).not.toMatch(/\bat \S+:\d+/);
  });
});
