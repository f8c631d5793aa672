import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConnectClient } from '@aws-sdk/client-connect';
import { SignJWT, decodeJwt } from 'jose';
import { listen, type RunningApp } from '../app.js';
import { createEmulator } from '../emulator/emulator.js';
import { RecordingMediaPlane } from '../emulator/testing/recording-media-plane.js';
import { loadTokenEndpointConfig, type TokenEndpointEnv } from './config.js';
import { silentLogger } from './logger.js';
import {
  CUSTOMER_SECRET,
  HANDLE_SECRET,
  PRODUCTION_ENV,
  SHOP_ORIGIN,
} from './testing/start-test-endpoint.js';
import { signSessionHandle } from './session-handle.js';
import { createTokenEndpoint } from './token-endpoint.js';

/**
 * `/api/chat` as deployed (aws mode, CHAT=true), its real ConnectClient pointed at the emulated
 * Amazon Connect: what reaches "AWS" is read back from the emulator's own chat list. Then the
 * switch to video: `/api/session` names the chat as RelatedContactId only with its chat handle.
 */
describe('the chat route against the emulated Amazon Connect', () => {
  let app: RunningApp;
  let emulator: ReturnType<typeof createEmulator>;
  const endpoints = new Map<string, ReturnType<typeof createTokenEndpoint>>();
  const CHAT_ENV: TokenEndpointEnv = {
    ...PRODUCTION_ENV,
    CHAT: 'true',
    CHAT_CONTACT_FLOW_ID: 'chat-flow-1',
    CHAT_DURATION_MINUTES: '120',
  };

  /** Mounts an endpoint of this configuration at `/<name>/api/...`. */
  const mount = (name: string, env: TokenEndpointEnv) => {
    const config = loadTokenEndpointConfig(env, 'aws');
    endpoints.set(
      name,
      createTokenEndpoint(config, {
        connect: new ConnectClient({
          endpoint: `${app.url}/emulator/connect`,
          region: config.region,
          credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
          maxAttempts: 1,
        }),
        logger: silentLogger,
        sleep: async () => undefined,
      }),
    );
  };

  beforeAll(async () => {
    let base = '';
    const mediaPlane = new RecordingMediaPlane();
    emulator = createEmulator({ mediaPlane, publicUrl: () => base });
    app = await listen(
      {
        routes: [
          async (req, res, url) => {
            const [, name, ...rest] = url.pathname.split('/');
            const endpoint = endpoints.get(name ?? '');
            if (!endpoint) return false;
            return endpoint(req, res, new URL(`/${rest.join('/')}`, url));
          },
          ...emulator.routes,
        ],
        upgrades: emulator.upgrades,
      },
      0,
    );
    base = app.url;
    mount('chat', CHAT_ENV);
    mount('nochat', PRODUCTION_ENV);
    mount('jwt', { ...CHAT_ENV, REQUIRE_CUSTOMER_JWT: 'true' });
    mount('slow', { ...CHAT_ENV, RATE_LIMIT_PER_MINUTE: '1' });
  });
  afterAll(async () => {
    emulator.dispose();
    await app.close();
  });
  beforeEach(() => {
    for (const chat of emulator.chats.list()) {
      if (chat.state !== 'DISCONNECTED') emulator.chats.endContact(chat.ContactId, 'API');
    }
    for (const contact of emulator.contacts.list()) {
      if (contact.state !== 'DISCONNECTED') emulator.contacts.endContact(contact.ContactId, 'API');
    }
  });

  const post = (
    path: string,
    body: unknown,
    {
      origin = SHOP_ORIGIN,
      headers = {},
    }: { origin?: string; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const chatsNamed = (name: string) => emulator.chats.list().filter((c) => c.DisplayName === name);

  it('starts one chat in the configured flow and answers what chatjs needs, with a chat handle', async () => {
    const res = await post('/chat/api/chat', {
      displayName: 'Ada One',
      attributes: { orderId: '42' },
      initialMessage: 'Where is my order?',
      clientToken: 'chat-token-1',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SHOP_ORIGIN);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(
      ['ChatHandle', 'ContactId', 'ParticipantId', 'ParticipantToken'].sort(),
    );
    const [chat] = chatsNamed('Ada One');
    expect(chat).toMatchObject({
      ContactId: body.ContactId,
      customerParticipantId: body.ParticipantId,
      InstanceId: 'instance-1234',
      ContactFlowId: 'chat-flow-1',
      Attributes: { orderId: '42' },
      SupportedMessagingContentTypes: ['text/plain', 'text/markdown'],
    });
    expect(Date.parse(chat!.expiresAt) - Date.parse(chat!.initiatedAt)).toBe(120 * 60_000);
    expect(chat!.transcript.find((i) => i.Type === 'MESSAGE')).toMatchObject({
      ContentType: 'text/plain',
      Content: 'Where is my order?',
      ParticipantRole: 'CUSTOMER',
    });
    const handle = decodeJwt(body.ChatHandle!);
    expect(handle).toMatchObject({ sub: body.ContactId, chat: true });
    expect(body.ChatHandle).not.toContain(body.ParticipantToken);

    // A retry with the same clientToken is the same chat.
    const again = (await (
      await post('/chat/api/chat', { displayName: 'Ada One', clientToken: 'chat-token-1' })
    ).json()) as Record<string, string>;
    expect(again.ContactId).toBe(body.ContactId);
    expect(chatsNamed('Ada One')).toHaveLength(1);
  });

  it.each<[string, string, unknown, number, string, string | undefined]>([
    ['chat is off', '/nochat/api/chat', { displayName: 'Bad 1' }, 403, 'ChatNotAllowed', undefined],
    [
      'an unknown field',
      '/chat/api/chat',
      { displayName: 'Bad 2', ContactFlowId: 'other' },
      400,
      'UnknownField',
      'ContactFlowId',
    ],
    [
      'an attribute not on the allowlist',
      '/chat/api/chat',
      { displayName: 'Bad 3', attributes: { priority: 'high' } },
      400,
      'AttributeNotAllowed',
      'attributes.priority',
    ],
    ['a blank name', '/chat/api/chat', { displayName: '  ' }, 400, 'InvalidField', 'displayName'],
    [
      'a name of 257 characters',
      '/chat/api/chat',
      { displayName: 'x'.repeat(257) },
      400,
      'InvalidField',
      'displayName',
    ],
    [
      'an empty first message',
      '/chat/api/chat',
      { displayName: 'Bad 6', initialMessage: '' },
      400,
      'InvalidField',
      'initialMessage',
    ],
    [
      'a first message of 16,385 characters',
      '/chat/api/chat',
      { displayName: 'Bad 7', initialMessage: 'x'.repeat(16_385) },
      400,
      'InvalidField',
      'initialMessage',
    ],
    [
      'no customer token where one is required',
      '/jwt/api/chat',
      { displayName: 'Bad 8' },
      401,
      'CustomerTokenRequired',
      'customerToken',
    ],
    [
      'a forged customer token',
      '/jwt/api/chat',
      { displayName: 'Bad 9', customerToken: 'eyJhbGciOiJIUzI1NiJ9.e30.x' },
      401,
      'CustomerTokenInvalid',
      'customerToken',
    ],
  ])(
    'refuses %s (%s) with its 4xx and starts no chat',
    async (_name, path, body, status, code, field) => {
      const before = emulator.chats.list().length;
      const res = await post(path, body);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ code, ...(field !== undefined && { field }) });
      expect(emulator.chats.list()).toHaveLength(before);
    },
  );

  it('refuses other origins, other content types and floods, starting nothing', async () => {
    const before = emulator.chats.list().length;
    const foreign = await post(
      '/chat/api/chat',
      { displayName: 'Eve' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    const form = await fetch(`${app.url}/chat/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: SHOP_ORIGIN },
      body: '{"displayName":"Eve"}',
    });
    expect(form.status).toBe(415);
    expect((await post('/slow/api/chat', { displayName: 'Flood 1' })).status).toBe(200);
    const flood = await post('/slow/api/chat', { displayName: 'Flood 2' });
    expect(flood.status).toBe(429);
    expect(flood.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(emulator.chats.list()).toHaveLength(before + 1);
  });

  it('puts the customer token’s trusted attributes over the browser’s', async () => {
    const token = await new SignJWT({ attributes: { orderId: 'trusted-7' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(CUSTOMER_SECRET));
    const res = await post(
      '/jwt/api/chat',
      { displayName: 'Trusted Tess', attributes: { orderId: 'browser-1' } },
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(res.status).toBe(200);
    expect(chatsNamed('Trusted Tess')[0]?.Attributes).toEqual({ orderId: 'trusted-7' });
  });

  describe('switching from the chat to a video call', () => {
    it('starts the call with RelatedContactId = the chat, proved by its chat handle', async () => {
      const chat = (await (await post('/chat/api/chat', { displayName: 'Switcher' })).json()) as {
        ContactId: string;
        ChatHandle: string;
      };
      const res = await post('/chat/api/session', {
        displayName: 'Switcher',
        chatHandle: chat.ChatHandle,
        relatedContactId: chat.ContactId,
      });
      expect(res.status).toBe(200);
      const call = (await res.json()) as { ContactId: string };
      expect(emulator.contacts.get(call.ContactId)?.RelatedContactId).toBe(chat.ContactId);
      // The handle alone is enough: the chat it names becomes the RelatedContactId.
      const alone = (await (
        await post('/chat/api/session', { displayName: 'Switcher 2', chatHandle: chat.ChatHandle })
      ).json()) as { ContactId: string };
      expect(emulator.contacts.get(alone.ContactId)?.RelatedContactId).toBe(chat.ContactId);
    });

    it('refuses a related contact that is not a chat of this customer, starting no call', async () => {
      const chat = (await (await post('/chat/api/chat', { displayName: 'Owner' })).json()) as {
        ContactId: string;
        ChatHandle: string;
      };
      const video = (await (await post('/chat/api/session', { displayName: 'Owner' })).json()) as {
        SessionHandle: string;
      };
      const forged = await signSessionHandle(
        chat.ContactId,
        'instance-1234',
        new TextEncoder().encode('another-secret-0123456789abcdefghijklmnopqrstuv'),
        Date.now(),
        { chat: true },
      );
      const expired = await signSessionHandle(
        chat.ContactId,
        'instance-1234',
        new TextEncoder().encode(HANDLE_SECRET),
        Date.now() - 2 * 3600_000,
        { chat: true },
      );
      const cases: [Record<string, unknown>, number, string, string][] = [
        [{ relatedContactId: chat.ContactId }, 400, 'RelatedContactNotProven', 'relatedContactId'],
        [{ chatHandle: video.SessionHandle }, 403, 'ChatHandleInvalid', 'chatHandle'],
        [{ chatHandle: forged }, 403, 'ChatHandleInvalid', 'chatHandle'],
        [{ chatHandle: expired }, 403, 'ChatHandleInvalid', 'chatHandle'],
        [
          { chatHandle: chat.ChatHandle, relatedContactId: 'someone-elses-contact' },
          403,
          'ContactNotYours',
          'relatedContactId',
        ],
        [{ chatHandle: 42 }, 400, 'InvalidField', 'chatHandle'],
      ];
      const before = emulator.contacts.list().length;
      for (const [extra, status, code, field] of cases) {
        const res = await post('/chat/api/session', { displayName: 'Mallory', ...extra });
        expect(res.status, code).toBe(status);
        expect(await res.json()).toMatchObject({ code, field });
      }
      expect(emulator.contacts.list()).toHaveLength(before);
    });
  });
});
