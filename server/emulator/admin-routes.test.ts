import { DescribeContactCommand, StartScreenSharingCommand } from '@aws-sdk/client-connect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INSTANCE_ID, startHarness, type Harness } from './testing/emulator-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const SHARING = { AllowedCapabilities: { Customer: { ScreenShare: 'SEND' as const } } };

describe('contact list', () => {
  it('lists contacts with what the agent console shows, and no bearer secrets', async () => {
    const out = await h.startContact({
      Attributes: { plan: 'gold' },
      References: { order: { Type: 'URL', Value: 'https://example.com/o/1' } },
      Description: 'Billing question',
      ...SHARING,
    });
    const { status, body } = await h.admin('GET', '/emulator/contacts');
    expect(status).toBe(200);
    expect(body.contacts).toEqual([
      expect.objectContaining({
        ContactId: out.ContactId,
        state: 'INITIATED',
        DisplayName: 'Ada Lovelace',
        Attributes: { plan: 'gold' },
        References: { order: { Type: 'URL', Value: 'https://example.com/o/1' } },
        Description: 'Billing question',
        AllowedCapabilities: SHARING.AllowedCapabilities,
        screenSharingActive: false,
        messages: [],
        initiatedAt: expect.any(String),
        connectedAt: null,
        disconnectedAt: null,
        disconnectReason: null,
        customer: {
          ParticipantId: out.ParticipantId,
          AttendeeId: out.ConnectionData?.Attendee?.AttendeeId,
          ExternalUserId: `${out.ParticipantId}-customer`,
        },
        agent: null,
      }),
    ]);
    const text = JSON.stringify(body);
    expect(text).not.toContain(out.ParticipantToken);
    expect(text).not.toContain(out.ConnectionData?.Attendee?.JoinToken);
  });

  it('shows one contact, and 404 for an unknown one', async () => {
    const out = await h.startContact();
    const one = await h.admin('GET', `/emulator/contacts/${out.ContactId}`);
    expect(one.body).toMatchObject({ ContactId: out.ContactId, state: 'INITIATED' });
    const missing = await h.admin('GET', '/emulator/contacts/nope');
    expect(missing).toEqual({
      status: 404,
      body: { code: 'ContactNotFound', message: expect.stringContaining('nope') },
    });
  });

  it('answers 405 for a wrong method on a known path', async () => {
    const res = await h.admin('DELETE', '/emulator/contacts');
    expect(res.status).toBe(405);
    expect(res.body.code).toBe('MethodNotAllowed');
  });

  it('tells the endpoints of both APIs', async () => {
    const { body } = await h.admin('GET', '/emulator/endpoints');
    expect(body).toEqual({
      connect: `${h.app.url}/emulator/connect`,
      participant: `${h.app.url}/emulator/participant`,
    });
  });
});

describe('accept', () => {
  it('joins the agent with an ExternalUserId ending in agent, once', async () => {
    const out = await h.startContact(SHARING);
    h.customerJoins(out);
    const first = await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      ContactId: out.ContactId,
      ParticipantId: expect.any(String),
      ParticipantToken: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
      ConnectionData: {
        Attendee: { AttendeeId: expect.any(String), JoinToken: expect.any(String) },
        Meeting: { MeetingId: out.ConnectionData?.Meeting?.MeetingId },
      },
      AllowedCapabilities: SHARING.AllowedCapabilities,
    });
    const agentCalls = h.mediaPlane.callsTo('createAttendee').slice(1);
    expect(agentCalls).toEqual([
      [out.ConnectionData?.Meeting?.MeetingId, `${first.body.ParticipantId}-agent`],
    ]);
    expect(h.emulator.contacts.get(out.ContactId as string)).toMatchObject({
      state: 'CONNECTED',
      connectedAt: expect.any(String),
      agent: { ExternalUserId: `${first.body.ParticipantId}-agent` },
    });

    const again = await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`);
    expect(again.body).toEqual(first.body);
    expect(h.mediaPlane.callsTo('createAttendee')).toHaveLength(2);
  });

  it('refuses an ended contact with 409 and an unknown one with 404', async () => {
    const out = await h.startContact();
    await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`);
    expect(await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`)).toEqual({
      status: 409,
      body: { code: 'ContactEnded', message: expect.any(String) },
    });
    expect((await h.admin('POST', '/emulator/contacts/nope/accept')).status).toBe(404);
  });

  it('answers 502 and stays INITIATED when the media plane fails', async () => {
    const out = await h.startContact();
    h.customerJoins(out);
    h.mediaPlane.failNext.add('createAttendee');
    const res = await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`);
    expect(res).toEqual({
      status: 502,
      body: { code: 'MediaPlaneFailure', message: 'The media plane failed.' },
    });
    expect(h.emulator.contacts.get(out.ContactId as string)?.state).toBe('INITIATED');
  });
});

describe('end', () => {
  it.each([
    [undefined, 'AGENT_DISCONNECT'],
    [{ by: 'agent' }, 'AGENT_DISCONNECT'],
    [{ by: 'system' }, 'CONTACT_FLOW_DISCONNECT'],
  ])('ends with body %j as %s', async (body, reason) => {
    const out = await h.startContact();
    const res = await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`, body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'DISCONNECTED', disconnectReason: reason });
    expect(h.mediaPlane.callsTo('endMeeting')).toEqual([[out.ConnectionData?.Meeting?.MeetingId]]);
    const described = await h.connect.send(
      new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: out.ContactId }),
    );
    expect(described.Contact?.DisconnectReason).toBe(reason);
  });

  it('refuses a bad body and a second end', async () => {
    const out = await h.startContact();
    const bad = await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`, {
      by: 'customer',
    });
    expect(bad).toEqual({
      status: 400,
      body: { code: 'InvalidBody', message: expect.stringContaining('by') },
    });
    expect(h.emulator.contacts.get(out.ContactId as string)?.state).toBe('INITIATED');
    await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`);
    expect((await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`)).status).toBe(409);
  });

  it('refuses a body that is not JSON', async () => {
    const out = await h.startContact();
    const res = await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`, '{by:');
    expect(res).toEqual({
      status: 400,
      body: { code: 'InvalidJson', message: expect.any(String) },
    });
  });
});

describe('screen sharing', () => {
  it('stop sends ScreenSharingStopped after StartScreenSharing', async () => {
    const out = await h.startContact(SHARING);
    await h.connect.send(
      new StartScreenSharingCommand({ InstanceId: INSTANCE_ID, ContactId: out.ContactId }),
    );
    const res = await h.admin('POST', `/emulator/contacts/${out.ContactId}/screen-sharing/stop`);
    expect(res.status).toBe(200);
    expect(res.body.screenSharingActive).toBe(false);
    expect(h.mediaPlane.callsTo('sendDataMessage').map(([, topic, data]) => [topic, data])).toEqual(
      [
        ['AMAZON_CONNECT_SCREEN_SHARING', '{"message":"ScreenSharingStarted"}'],
        ['AMAZON_CONNECT_SCREEN_SHARING', '{"message":"ScreenSharingStopped"}'],
      ],
    );
  });

  it('stop refuses when no sharing session is active', async () => {
    const out = await h.startContact(SHARING);
    const res = await h.admin('POST', `/emulator/contacts/${out.ContactId}/screen-sharing/stop`);
    expect(res.status).toBe(409);
    expect(h.mediaPlane.callsTo('sendDataMessage')).toHaveLength(0);
  });

  it('start from the console obeys AllowedCapabilities', async () => {
    const allowed = await h.startContact(SHARING);
    const denied = await h.startContact();
    const ok = await h.admin(
      'POST',
      `/emulator/contacts/${allowed.ContactId}/screen-sharing/start`,
    );
    expect(ok.body.screenSharingActive).toBe(true);
    const no = await h.admin('POST', `/emulator/contacts/${denied.ContactId}/screen-sharing/start`);
    expect(no.status).toBe(409);
    expect(no.body.code).toBe('NotAllowed');
    expect(h.mediaPlane.callsTo('sendDataMessage')).toHaveLength(1);
  });
});

describe('media fault switches', () => {
  it('drop-signaling drops the chosen party, with or without a close code', async () => {
    const out = await h.startContact();
    h.customerJoins(out);
    const agent = await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`);
    const meetingId = out.ConnectionData?.Meeting?.MeetingId;
    const agentAttendee = (agent.body.ConnectionData as { Attendee: { AttendeeId: string } })
      .Attendee.AttendeeId;

    const customer = await h.admin('POST', `/emulator/contacts/${out.ContactId}/drop-signaling`, {
      participant: 'customer',
      closeCode: 4500,
    });
    expect(customer).toEqual({ status: 200, body: { dropped: 1 } });
    await h.admin('POST', `/emulator/contacts/${out.ContactId}/drop-signaling`, {
      participant: 'agent',
    });
    expect(h.mediaPlane.callsTo('dropSignaling')).toEqual([
      [meetingId, out.ConnectionData?.Attendee?.AttendeeId, 4500],
      [meetingId, agentAttendee, undefined],
    ]);
  });

  it('status injects one AUDIO_STATUS or error status, and refuses anything else', async () => {
    const out = await h.startContact();
    const meetingId = out.ConnectionData?.Meeting?.MeetingId;
    const path = `/emulator/contacts/${out.ContactId}/status`;
    expect(await h.admin('POST', path, { participant: 'customer', audioStatus: 409 })).toEqual({
      status: 200,
      body: { sent: 1 },
    });
    await h.admin('POST', path, { participant: 'customer', errorStatus: 206 });
    expect(h.mediaPlane.callsTo('injectStatus')).toEqual([
      [meetingId, out.ConnectionData?.Attendee?.AttendeeId, { audioStatus: 409 }],
      [meetingId, out.ConnectionData?.Attendee?.AttendeeId, { errorStatus: 206 }],
    ]);
    for (const body of [
      { participant: 'customer' },
      { participant: 'customer', audioStatus: 409, errorStatus: 206 },
      { participant: 'customer', audioStatus: 99 },
      { participant: 'customer', errorStatus: '500' },
    ]) {
      expect((await h.admin('POST', path, body)).status).toBe(400);
    }
    expect(h.mediaPlane.callsTo('injectStatus')).toHaveLength(2);
  });

  it('remove and media call the media plane', async () => {
    const out = await h.startContact();
    const meetingId = out.ConnectionData?.Meeting?.MeetingId;
    const removed = await h.admin('POST', `/emulator/contacts/${out.ContactId}/remove`, {
      participant: 'customer',
    });
    expect(removed.status).toBe(200);
    expect(h.mediaPlane.callsTo('removeAttendee')).toEqual([
      [meetingId, out.ConnectionData?.Attendee?.AttendeeId],
    ]);
    const media = await h.admin('POST', `/emulator/contacts/${out.ContactId}/media`, {
      forwarding: false,
    });
    expect(media).toEqual({ status: 200, body: { forwarding: false } });
    expect(h.mediaPlane.callsTo('setMediaForwarding')).toEqual([[meetingId, false]]);
  });

  it.each<[string, string, unknown, string]>([
    ['drop-signaling', 'drop-signaling', { participant: 'supervisor' }, 'participant'],
    ['drop-signaling', 'drop-signaling', {}, 'participant'],
    ['drop-signaling', 'drop-signaling', { participant: 'customer', closeCode: 1006 }, 'closeCode'],
    [
      'drop-signaling',
      'drop-signaling',
      { participant: 'customer', closeCode: '4500' },
      'closeCode',
    ],
    ['remove', 'remove', { participant: 'nobody' }, 'participant'],
    ['media', 'media', { forwarding: 'no' }, 'forwarding'],
    ['media', 'media', { forwarding: false, extra: 1 }, 'extra'],
  ])('%s refuses %j', async (_name, action, body, word) => {
    const out = await h.startContact();
    const res = await h.admin('POST', `/emulator/contacts/${out.ContactId}/${action}`, body);
    expect(res).toEqual({
      status: 400,
      body: { code: 'InvalidBody', message: expect.stringContaining(word) },
    });
    expect(h.mediaPlane.calls.map((call) => call.method)).toEqual([
      'createMeeting',
      'createAttendee',
    ]);
  });

  it('refuses the agent before the agent joined, and any party of an ended contact', async () => {
    const out = await h.startContact();
    const early = await h.admin('POST', `/emulator/contacts/${out.ContactId}/drop-signaling`, {
      participant: 'agent',
    });
    expect(early.status).toBe(409);
    await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`);
    for (const [action, body] of [
      ['drop-signaling', { participant: 'customer' }],
      ['remove', { participant: 'customer' }],
      ['media', { forwarding: true }],
    ] as const) {
      const res = await h.admin('POST', `/emulator/contacts/${out.ContactId}/${action}`, body);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ContactEnded');
    }
    expect(h.mediaPlane.callsTo('dropSignaling')).toHaveLength(0);
    expect(h.mediaPlane.callsTo('removeAttendee')).toHaveLength(0);
    expect(h.mediaPlane.callsTo('setMediaForwarding')).toHaveLength(0);
  });
});
