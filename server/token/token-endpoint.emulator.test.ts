import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator/emulator.js';
import { ChimeMediaPlane } from '../emulator/media/chime-media-plane.js';
import { loadTokenEndpointConfig } from './config.js';
import { silentLogger } from './logger.js';
import { startEmulatorStack, type EmulatorStack } from './testing/emulator-stack.js';
import { PRODUCTION_ENV, SHOP_ORIGIN } from './testing/start-test-endpoint.js';
import { createTokenEndpoint } from './token-endpoint.js';

/**
 * The token endpoint as deployed (aws mode), its real ConnectClient pointed at the emulated Amazon
 * Connect instead of AWS: what reaches "AWS" is read back from the emulator's own contact list.
 */
describe('the token endpoint against the emulated Amazon Connect', () => {
  let stack: EmulatorStack;
  let emulator: Emulator;
  let plane: ChimeMediaPlane;
  const config = loadTokenEndpointConfig(
    { ...PRODUCTION_ENV, AGENT_SCREEN_SHARE: 'true', RATE_LIMIT_PER_MINUTE: '10000' },
    'aws',
  );

  beforeAll(async () => {
    const endpoint: { handler?: ReturnType<typeof createTokenEndpoint> } = {};
    stack = await startEmulatorStack({
      routes: [(req, res, url) => endpoint.handler?.(req, res, url) ?? false],
      mediaPlane: (publicUrl) => (plane = new ChimeMediaPlane({ publicUrl })),
    });
    emulator = stack.emulator;
    endpoint.handler = createTokenEndpoint(config, {
      connect: stack.connectClient(config.region),
      logger: silentLogger,
      sleep: async () => undefined,
    });
  });
  afterAll(async () => {
    await stack.close();
    plane.close();
  });
  beforeEach(async () => {
    await fetch(`${stack.app.url}/emulator/faults`, { method: 'DELETE' });
    for (const contact of emulator.contacts.list()) {
      if (contact.state !== 'DISCONNECTED') emulator.contacts.endContact(contact.ContactId, 'API');
    }
  });

  const post = (path: string, body: unknown) =>
    fetch(`${stack.app.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN },
      body: JSON.stringify(body),
    });
  const contactsNamed = (name: string) =>
    emulator.contacts.list().filter((c) => c.DisplayName === name);

  it('starts one contact with the configured ids and capabilities, and returns its answer unchanged', async () => {
    const res = await post('/api/session', {
      displayName: 'Ada One',
      attributes: { orderId: '42' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ContactId: string;
      AllowedCapabilities: unknown;
      ConnectionData: { Meeting: { MeetingId: string }; Attendee: { AttendeeId: string } };
    };
    const [contact] = contactsNamed('Ada One');
    expect(contact).toMatchObject({
      ContactId: body.ContactId,
      InstanceId: config.instanceId,
      ContactFlowId: config.contactFlowId,
      state: 'INITIATED',
      Attributes: { orderId: '42' },
      AllowedCapabilities: config.allowedCapabilities,
    });
    expect(body.ConnectionData.Meeting.MeetingId).toBe(contact!.meetingId);
    expect(body.ConnectionData.Attendee.AttendeeId).toBe(contact!.customer.AttendeeId);
    expect(body.AllowedCapabilities).toEqual(config.allowedCapabilities);
  });

  it.each([
    ['an empty display name', { displayName: '' }, 'displayName'],
    ['a display name of 257 characters', { displayName: 'x'.repeat(257) }, 'displayName'],
    [
      'an attribute key that is not allowed',
      { displayName: 'Bad Attr', attributes: { secret: 'x' } },
      'attributes.secret',
    ],
    [
      'a reference of type ATTACHMENT',
      { displayName: 'Bad Ref', references: { f: { Type: 'ATTACHMENT', Value: 'x' } } },
      'references.f.Type',
    ],
    [
      'a description of 4,097 characters',
      { displayName: 'Bad Desc', description: 'd'.repeat(4097) },
      'description',
    ],
  ])(
    'refuses %s with a 400 naming the field, and no contact is created',
    async (_what, body, field) => {
      const before = emulator.contacts.list().length;
      const res = await post('/api/session', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe(field);
      expect(emulator.contacts.list()).toHaveLength(before);
    },
  );

  it('gives the same contact for the same client token, twice', async () => {
    const body = { displayName: 'Twice', clientToken: 'token-twice-1' };
    const first = (await (await post('/api/session', body)).json()) as { ContactId: string };
    const second = (await (await post('/api/session', body)).json()) as { ContactId: string };
    expect(second.ContactId).toBe(first.ContactId);
    expect(contactsNamed('Twice')).toHaveLength(1);
  });

  it('retries a throttled Connect answer and then succeeds, with one contact', async () => {
    await fetch(`${stack.app.url}/emulator/faults/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 429, count: 2, operation: 'StartWebRTCContact' }),
    });
    const res = await post('/api/session', { displayName: 'Throttled' });
    expect(res.status).toBe(200);
    expect(contactsNamed('Throttled')).toHaveLength(1);
    const faults = (await (await fetch(`${stack.app.url}/emulator/faults`)).json()) as {
      faults: unknown[];
    };
    expect(faults.faults).toEqual([]);
  });

  it('maps the instance quota to 429 without retrying it', async () => {
    for (let i = 0; i < 10; i++)
      expect((await post('/api/session', { displayName: `Quota ${i}` })).status).toBe(200);
    const res = await post('/api/session', { displayName: 'Quota 10' });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { code: string }).code).toBeTruthy();
    expect(contactsNamed('Quota 10')).toHaveLength(0);
  });

  it("starts screen sharing on the caller's own contact only", async () => {
    const mine = (await (await post('/api/session', { displayName: 'Sharer' })).json()) as {
      ContactId: string;
      SessionHandle: string;
    };
    const other = (await (await post('/api/session', { displayName: 'Other' })).json()) as {
      ContactId: string;
    };
    const refused = await post('/api/screen-sharing', {
      sessionHandle: mine.SessionHandle,
      contactId: other.ContactId,
    });
    expect(refused.status).toBe(403);
    expect(emulator.contacts.get(other.ContactId)?.screenSharingActive).toBe(false);
    const forged = await post('/api/screen-sharing', { sessionHandle: `${mine.SessionHandle}x` });
    expect(forged.status).toBe(403);
    const accepted = await post('/api/screen-sharing', { sessionHandle: mine.SessionHandle });
    expect(accepted.status).toBe(200);
    expect(emulator.contacts.get(mine.ContactId)?.screenSharingActive).toBe(true);
  });
});
