import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSessionResponse } from '../../src/core/session-response.js';
import type { Emulator } from '../emulator/emulator.js';
import { STRAIGHT_TO_QUEUE_FLOW_PATH } from '../emulator/flow/flow-catalog.js';
import { RecordingMediaPlane } from '../emulator/testing/recording-media-plane.js';
import type { RouteHandler } from '../http/route.js';
import { loadTokenEndpointConfig, type TokenEndpointEnv } from './config.js';
import { createDynamoDbInvitationLedger } from './dynamodb-invitation-ledger.js';
import type { InvitationLedger } from './invitation-ledger.js';
import { createParticipantClient } from './participant-client.js';
import { signSessionHandle } from './session-handle.js';
import { startDynamoDbFixture, type DynamoDbFixture } from './testing/dynamodb-fixture.js';
import { startEmulatorStack, type EmulatorStack } from './testing/emulator-stack.js';
import {
  capturingLogger,
  PRODUCTION_ENV,
  SHOP_ORIGIN,
  type LogLine,
} from './testing/start-test-endpoint.js';
import { createTokenEndpoint } from './token-endpoint.js';

const GUEST_PAGE = 'https://shop.example/video/guest';
const INVITATIONS_ENV: TokenEndpointEnv = {
  INVITATIONS: 'true',
  INVITATION_URL: GUEST_PAGE,
  RATE_LIMIT_PER_MINUTE: '10000',
};

interface Session {
  ContactId: string;
  ParticipantToken: string;
  SessionHandle: string;
  Invitations?: boolean;
  AllowedCapabilities: unknown;
  ConnectionData: { Meeting: { MeetingId: string }; Attendee: { AttendeeId: string } };
}
interface Invitation {
  InvitationUrl: string;
  Invitation: string;
  ExpiresAt: string;
}

/**
 * The token endpoint as deployed (aws mode), with the real Connect and Participant Service clients
 * pointed at the emulator; what reached "AWS" is read back from the emulator's contacts, and every
 * CreateParticipantConnection that reached it is counted.
 */
let stack: EmulatorStack;
let emulator: Emulator;
let mediaPlane: RecordingMediaPlane;
let dynamo: DynamoDbFixture;
let endpoint: RouteHandler | undefined;
let connections = 0;
let logs: LogLine[] = [];
let now = Math.floor(Date.now() / 1000) * 1000;

beforeAll(async () => {
  const countConnections: RouteHandler = (req, _res, url) => {
    if (url.pathname === '/emulator/participant/participant/connection' && req.method === 'POST') {
      connections += 1;
    }
    return false;
  };
  stack = await startEmulatorStack({
    routes: [(req, res, url) => endpoint?.(req, res, url) ?? false, countConnections],
    mediaPlane: () => (mediaPlane = new RecordingMediaPlane()),
    defaultFlowPath: STRAIGHT_TO_QUEUE_FLOW_PATH,
  });
  emulator = stack.emulator;
  dynamo = await startDynamoDbFixture();
});
afterAll(async () => {
  await stack.close();
  await dynamo.close();
});
afterEach(() => {
  for (const contact of emulator.contacts.list()) {
    if (contact.state !== 'DISCONNECTED') emulator.contacts.endContact(contact.ContactId, 'API');
  }
  now = Math.floor(Date.now() / 1000) * 1000;
});

function useEndpoint(env: TokenEndpointEnv = INVITATIONS_ENV, ledger?: InvitationLedger) {
  const config = loadTokenEndpointConfig({ ...PRODUCTION_ENV, ...env }, 'aws');
  logs = [];
  connections = 0;
  endpoint = createTokenEndpoint(config, {
    connect: stack.connectClient(config.region),
    participant: createParticipantClient(config, `${stack.app.url}/emulator/participant`),
    ...(ledger && { invitationLedger: ledger }),
    logger: capturingLogger(logs),
    now: () => now,
    sleep: async () => undefined,
  });
  return config;
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${stack.app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, ...headers },
    body: JSON.stringify(body),
  });
async function expectRefusal(res: Response, status: number, code: string) {
  const body = (await res.json()) as { code: string; message: string };
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(body.message).not.toBe('');
}

async function startCall(name = 'Ada'): Promise<Session> {
  const res = await post('/api/session', { displayName: name });
  expect(res.status).toBe(200);
  return (await res.json()) as Session;
}
/** The customer's browser joins the meeting; the flow queues the contact; an agent accepts. */
async function agentAccepts(session: Session): Promise<void> {
  mediaPlane.emitJoined(
    session.ConnectionData.Meeting.MeetingId,
    session.ConnectionData.Attendee.AttendeeId,
  );
  const res = await fetch(`${stack.app.url}/emulator/contacts/${session.ContactId}/accept`, {
    method: 'POST',
  });
  expect(res.status).toBe(200);
}
async function connectedCall(): Promise<Session> {
  const session = await startCall();
  await agentAccepts(session);
  return session;
}
const invite = (session: Pick<Session, 'SessionHandle'>, body: Record<string, unknown> = {}) =>
  post('/api/invitation', { sessionHandle: session.SessionHandle, ...body });
async function invitation(session: Session, body: Record<string, unknown> = {}) {
  const res = await invite(session, body);
  expect(res.status).toBe(200);
  return (await res.json()) as Invitation;
}
const join = (invitationToken: string, clientToken?: string) =>
  post('/api/invitation/join', {
    invitation: invitationToken,
    ...(clientToken !== undefined && { clientToken }),
  });
const added = (session: Session) => emulator.contacts.get(session.ContactId)?.added ?? [];

describe('invitations off (the default)', () => {
  it('are not offered, and both routes refuse with 403 InvitationsNotAllowed, adding nobody', async () => {
    useEndpoint({ RATE_LIMIT_PER_MINUTE: '10000' });
    const session = await connectedCall();
    expect(session).not.toHaveProperty('Invitations');
    await expectRefusal(await invite(session), 403, 'InvitationsNotAllowed');
    await expectRefusal(await join('anything'), 403, 'InvitationsNotAllowed');
    expect(added(session)).toEqual([]);
  });
});

describe('POST /api/invitation', () => {
  it('adds a guest once the agent is connected, whose join lands in the same meeting', async () => {
    const config = useEndpoint();
    const session = await startCall();
    expect(session.Invitations).toBe(true);

    // Before the agent accepted, Connect refuses CreateParticipant: a plain 409, nobody added.
    await expectRefusal(await invite(session), 409, 'AgentNotConnected');
    expect(added(session)).toEqual([]);

    await agentAccepts(session);
    const created = await invitation(session, { displayName: 'Grace' });
    expect(created.InvitationUrl).toBe(
      `${GUEST_PAGE}#connect-video-invitation=${created.Invitation}`,
    );
    expect(Date.parse(created.ExpiresAt)).toBe(now + 15 * 60 * 1000);
    const [guest] = added(session);
    expect(added(session)).toHaveLength(1);
    expect(guest).toMatchObject({
      DisplayName: 'Grace',
      ParticipantRole: 'CUSTOMER',
      ParticipantCapabilities: { Video: 'SEND' },
    });
    expect(created.Invitation.split('.')).toHaveLength(5); // a compact JWE

    const res = await join(created.Invitation);
    expect(res.status).toBe(200);
    const joined = (await res.json()) as Session & { ParticipantId: string; Guest: boolean };
    expect(joined).toMatchObject({
      ContactId: session.ContactId,
      ParticipantId: guest!.ParticipantId,
      ParticipantToken: expect.any(String),
      Guest: true,
      AllowedCapabilities: {
        Customer: { Video: 'SEND' },
        Agent: config.allowedCapabilities.Agent,
      },
    });
    // The widget joins with it as it is: the same checks as a first customer's session pass.
    expect(parseSessionResponse(joined)).toMatchObject({ Guest: true });
    expect(joined.ConnectionData.Meeting.MeetingId).toBe(session.ConnectionData.Meeting.MeetingId);
    expect(joined.ConnectionData.Attendee.AttendeeId).toBe(guest!.AttendeeId);
    expect(joined.ConnectionData.Attendee.AttendeeId).not.toBe(
      session.ConnectionData.Attendee.AttendeeId,
    );
    expect(connections).toBe(1);
    // The participant token travelled only sealed: not in the link, not in any log line.
    expect(joined.ParticipantToken.length).toBeGreaterThan(8);
    expect(created.InvitationUrl).not.toContain(joined.ParticipantToken);
    expect(JSON.stringify(logs)).not.toContain(joined.ParticipantToken);
    expect(logs.map((line) => line.event)).toContain('request_done');

    // A guest may not invite in turn, nor share a screen unless guests may (not by default).
    await expectRefusal(await invite(joined), 403, 'InvitationsNotAllowed');
    await expectRefusal(
      await post('/api/screen-sharing', { sessionHandle: joined.SessionHandle }),
      403,
      'ScreenSharingNotAllowed',
    );
    expect(added(session)).toHaveLength(1);
  });

  it('gives the guest the configured capabilities: no video when GUEST_VIDEO is false', async () => {
    useEndpoint({ ...INVITATIONS_ENV, GUEST_VIDEO: 'false', GUEST_SCREEN_SHARE: 'true' });
    const session = await connectedCall();
    const created = await invitation(session);
    expect(added(session)[0]?.ParticipantCapabilities).toEqual({ ScreenShare: 'SEND' });
    const joined = (await (await join(created.Invitation)).json()) as Session;
    expect(joined.AllowedCapabilities).toMatchObject({ Customer: { ScreenShare: 'SEND' } });
    const share = await post('/api/screen-sharing', { sessionHandle: joined.SessionHandle });
    expect(share.status).toBe(200);
  });

  it('refuses bad, forged, expired and foreign session handles with 403, adding nobody', async () => {
    const config = useEndpoint();
    const session = await connectedCall();
    const forged = await signSessionHandle(
      session.ContactId,
      config.instanceId,
      new TextEncoder().encode('f'.repeat(44)),
      now,
      { invite: config.allowedCapabilities },
    );
    const foreign = await signSessionHandle(
      session.ContactId,
      'another-instance',
      config.sessionHandleSecret,
      now,
      { invite: config.allowedCapabilities },
    );
    for (const sessionHandle of ['not-a-handle', forged, foreign, `${session.SessionHandle}x`]) {
      await expectRefusal(
        await invite({ SessionHandle: sessionHandle }),
        403,
        'SessionHandleInvalid',
      );
    }
    now += 3601 * 1000;
    await expectRefusal(await invite(session), 403, 'SessionHandleInvalid');
    expect(added(session)).toEqual([]);
  });

  it('names the field it refuses, adding nobody', async () => {
    useEndpoint();
    const session = await connectedCall();
    const cases: [Record<string, unknown>, string][] = [
      [{ displayName: '' }, 'displayName'],
      [{ displayName: 'x'.repeat(257) }, 'displayName'],
      [{ displayName: 42 }, 'displayName'],
      [{ clientToken: 'c'.repeat(501) }, 'clientToken'],
      [{ contactId: session.ContactId }, 'contactId'],
    ];
    for (const [body, field] of cases) {
      const res = await invite(session, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { field: string }).field).toBe(field);
    }
    const missing = await post('/api/invitation', {});
    expect(((await missing.json()) as { field: string }).field).toBe('sessionHandle');
    expect(added(session)).toEqual([]);
  });

  it('refuses beyond MAX_GUESTS_PER_CONTACT with 409 CallFull, creating nothing more', async () => {
    useEndpoint({ ...INVITATIONS_ENV, MAX_GUESTS_PER_CONTACT: '2' });
    const session = await connectedCall();
    await invitation(session);
    await invitation(session);
    await expectRefusal(await invite(session), 409, 'CallFull');
    expect(added(session)).toHaveLength(2);
    // Another call has its own guests.
    const other = await connectedCall();
    await invitation(other);
  });

  it('gives the slot back when Connect refuses, so a refused invitation does not count', async () => {
    useEndpoint({ ...INVITATIONS_ENV, MAX_GUESTS_PER_CONTACT: '1' });
    const session = await startCall();
    await expectRefusal(await invite(session), 409, 'AgentNotConnected');
    await agentAccepts(session);
    await invitation(session);
    expect(added(session)).toHaveLength(1);
  });

  it('answers 409 AgentNotConnected for a call that has ended (Connect tells it no better)', async () => {
    useEndpoint();
    const session = await connectedCall();
    emulator.contacts.endContact(session.ContactId, 'API');
    await expectRefusal(await invite(session), 409, 'AgentNotConnected');
    expect(added(session)).toEqual([]);
  });
});

const LEDGERS: [string, () => InvitationLedger | undefined][] = [
  ['in memory', () => undefined],
  [
    'in DynamoDB',
    () => createDynamoDbInvitationLedger(dynamo.client(), dynamo.tableName, () => now),
  ],
];

describe.each(LEDGERS)('guest slots, ledger %s', (_name, ledger) => {
  const ONE_SHORT_INVITATION = {
    ...INVITATIONS_ENV,
    MAX_GUESTS_PER_CONTACT: '1',
    INVITATION_LIFETIME_SECONDS: '120',
  };

  it('are freed by an invitation that expired unused: the customer can then invite again', async () => {
    useEndpoint(ONE_SHORT_INVITATION, ledger());
    const session = await connectedCall();
    const unused = await invitation(session);
    await expectRefusal(await invite(session), 409, 'CallFull');
    now = Date.parse(unused.ExpiresAt);
    await expectRefusal(await join(unused.Invitation), 410, 'InvitationExpired');
    const next = await invitation(session, { displayName: 'Grace' });
    expect(added(session).map((guest) => guest.DisplayName)).toEqual(['Guest', 'Grace']);
    expect((await join(next.Invitation)).status).toBe(200);
    expect(connections).toBe(1);
  });

  it('are freed when an invitation cut short by its participant token expires', async () => {
    const config = useEndpoint(
      { ...ONE_SHORT_INVITATION, INVITATION_LIFETIME_SECONDS: '86400' },
      ledger(),
    );
    const session = await connectedCall();
    // Connect's token (24 hours from the emulator's clock) now ends before the 24-hour lifetime.
    now += 50 * 60 * 1000;
    const short = await invitation(session);
    expect(Date.parse(short.ExpiresAt)).toBeLessThan(now + 86_400_000 - 45 * 60 * 1000);
    await expectRefusal(await invite(session), 409, 'CallFull');
    now = Date.parse(short.ExpiresAt);
    const handle = await signSessionHandle(
      session.ContactId,
      config.instanceId,
      config.sessionHandleSecret,
      now,
      { invite: config.allowedCapabilities },
    );
    expect((await invite({ SessionHandle: handle })).status).toBe(200);
    expect(added(session)).toHaveLength(2);
  });

  it('stay held by a guest who joined, after the invitation would have expired', async () => {
    useEndpoint(ONE_SHORT_INVITATION, ledger());
    const session = await connectedCall();
    const used = await invitation(session);
    expect((await join(used.Invitation)).status).toBe(200);
    now = Date.parse(used.ExpiresAt) + 60_000;
    await expectRefusal(await invite(session), 409, 'CallFull');
    expect(added(session)).toHaveLength(1);
  });
});

describe.each(LEDGERS)('POST /api/invitation/join, ledger %s', (_name, ledger) => {
  it('joins once: a second join of the same invitation is 409 InvitationUsed', async () => {
    useEndpoint(INVITATIONS_ENV, ledger());
    const session = await connectedCall();
    const created = await invitation(session);
    expect((await join(created.Invitation)).status).toBe(200);
    await expectRefusal(await join(created.Invitation), 409, 'InvitationUsed');
    expect(connections).toBe(1);
  });

  it('lets exactly one of two racing joins through, with one connection', async () => {
    useEndpoint(INVITATIONS_ENV, ledger());
    const session = await connectedCall();
    const created = await invitation(session);
    const statuses = await Promise.all([join(created.Invitation), join(created.Invitation)]).then(
      (responses) => responses.map((res) => res.status).sort(),
    );
    expect(statuses).toEqual([200, 409]);
    expect(connections).toBe(1);
  });

  it('lets the page that joined ask again with its client token (a lost answer), nobody else', async () => {
    useEndpoint(INVITATIONS_ENV, ledger());
    const session = await connectedCall();
    const created = await invitation(session);
    const first = await join(created.Invitation, 'guest-page-1');
    expect(first.status).toBe(200);
    const again = await join(created.Invitation, 'guest-page-1');
    expect(again.status).toBe(200);
    const [a, b] = (await Promise.all([first.json(), again.json()])) as Session[];
    // The same attendee: a retry never lets a second person in.
    expect(b!.ConnectionData.Attendee.AttendeeId).toBe(a!.ConnectionData.Attendee.AttendeeId);
    await expectRefusal(await join(created.Invitation, 'guest-page-2'), 409, 'InvitationUsed');
    await expectRefusal(await join(created.Invitation), 409, 'InvitationUsed');
  });
});

describe('POST /api/invitation/join refuses', () => {
  it('a tampered or malformed invitation with 400 InvitationInvalid, connecting nobody', async () => {
    useEndpoint();
    const session = await connectedCall();
    const { Invitation } = await invitation(session);
    const parts = Invitation.split('.');
    const flip = (text: string) =>
      `${text.slice(0, -2)}${text.at(-2) === 'A' ? 'B' : 'A'}${text.at(-1)}`;
    const tampered = [
      [parts[0], parts[1], parts[2], flip(parts[3]!), parts[4]].join('.'),
      [parts[0], parts[1], parts[2], parts[3], flip(parts[4]!)].join('.'),
      'not.an.invitation.at.all',
      'x'.repeat(9000),
    ];
    for (const bad of tampered) {
      const res = await join(bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'InvitationInvalid', field: 'invitation' });
    }
    // One made with another deployment's key is not ours either.
    useEndpoint({ ...INVITATIONS_ENV, SESSION_HANDLE_SECRET: 'z'.repeat(48) });
    await expectRefusal(await join(Invitation), 400, 'InvitationInvalid');
    const missing = await post('/api/invitation/join', {});
    expect(((await missing.json()) as { field: string }).field).toBe('invitation');
    expect(connections).toBe(0);
  });

  it('an expired invitation with 410 InvitationExpired, connecting nobody', async () => {
    useEndpoint({ ...INVITATIONS_ENV, INVITATION_LIFETIME_SECONDS: '120' });
    const session = await connectedCall();
    const created = await invitation(session);
    expect(Date.parse(created.ExpiresAt)).toBe(now + 120_000);
    now += 121_000;
    await expectRefusal(await join(created.Invitation), 410, 'InvitationExpired');
    expect(connections).toBe(0);
  });

  it('an invitation to a call that has since ended with 410 ContactEnded', async () => {
    useEndpoint();
    const session = await connectedCall();
    const created = await invitation(session);
    emulator.contacts.endContact(session.ContactId, 'API');
    await expectRefusal(await join(created.Invitation), 410, 'ContactEnded');
  });
});
