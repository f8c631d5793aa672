import { CreateParticipantConnectionCommand } from '@aws-sdk/client-connectparticipant';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CallParticipant } from './call-participants.js';
import { startHarness, type Harness } from './testing/emulator-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

/** The participants of the contact list's only contact. */
async function listed(): Promise<CallParticipant[]> {
  const { status, body } = await h.admin('GET', '/emulator/contacts');
  expect(status).toBe(200);
  const [contact] = body.contacts as { participants: CallParticipant[] }[];
  return contact?.participants as CallParticipant[];
}

const addTo = (contactId: string, body: unknown) =>
  h.admin('POST', `/emulator/contacts/${encodeURIComponent(contactId)}/participants`, body);

/** A contact whose customer is in the meeting and whose agent accepted and joined. */
async function connectedCall() {
  const first = await h.startContact({
    AllowedCapabilities: { Customer: { Video: 'SEND' }, Agent: { Video: 'SEND' } },
  });
  h.customerJoins(first);
  const accepted = await h.admin('POST', `/emulator/contacts/${first.ContactId}/accept`);
  expect(accepted.status).toBe(200);
  const meetingId = first.ConnectionData?.Meeting?.MeetingId as string;
  const agent = accepted.body as { ParticipantId: string; ConnectionData: { Attendee: never } };
  const agentAttendeeId = (agent.ConnectionData.Attendee as { AttendeeId: string }).AttendeeId;
  h.mediaPlane.emitJoined(meetingId, agentAttendeeId);
  return { first, contactId: first.ContactId as string, meetingId, agent, agentAttendeeId };
}

describe('the contact list: everyone in the call', () => {
  it('lists the customer alone before the agent, and whether the customer is in the meeting', async () => {
    const first = await h.startContact({ AllowedCapabilities: { Customer: { Video: 'SEND' } } });
    expect(await listed()).toEqual([
      {
        ParticipantId: first.ParticipantId,
        ContactId: first.ContactId,
        AttendeeId: first.ConnectionData?.Attendee?.AttendeeId,
        DisplayName: 'Ada Lovelace',
        ParticipantRole: 'CUSTOMER',
        kind: 'customer',
        capabilities: { Video: 'SEND' },
        state: 'INITIATED',
        present: false,
        muted: null,
      },
    ]);
    h.customerJoins(first);
    expect((await listed())[0]).toMatchObject({ present: true, muted: false });
  });

  it('adds the agent once accepted, then each added participant, with presence and mute', async () => {
    const { contactId, meetingId, agent, agentAttendeeId } = await connectedCall();
    const added = await addTo(contactId, {
      DisplayName: 'Grace Hopper',
      ParticipantRole: 'CUSTOMER',
      capabilities: { Video: 'SEND' },
    });
    expect(added.status).toBe(200);
    const [customer, agentRow, guest] = await listed();
    expect(customer).toMatchObject({ kind: 'customer', state: 'CONNECTED', present: true });
    expect(agentRow).toEqual({
      ParticipantId: agent.ParticipantId,
      ContactId: contactId,
      AttendeeId: agentAttendeeId,
      DisplayName: 'Agent',
      ParticipantRole: 'AGENT',
      kind: 'agent',
      capabilities: { Video: 'SEND' },
      state: 'CONNECTED',
      present: true,
      muted: false,
    });
    // Invited: a contact of its own, not yet in the meeting.
    expect(guest).toMatchObject({
      DisplayName: 'Grace Hopper',
      ParticipantRole: 'CUSTOMER',
      kind: 'added',
      capabilities: { Video: 'SEND' },
      state: 'INITIATED',
      present: false,
      muted: null,
    });
    expect(guest?.ContactId).not.toBe(contactId);

    h.mediaPlane.emitJoined(meetingId, guest?.AttendeeId as string);
    h.mediaPlane.setMuted(meetingId, guest?.AttendeeId as string, true);
    expect((await listed())[2]).toMatchObject({ state: 'CONNECTED', present: true, muted: true });

    // Leaving ends the guest's own contact; the customer and the agent stay in the call.
    h.mediaPlane.emitLeft(meetingId, guest?.AttendeeId as string, 'left');
    const after = await listed();
    expect(after[2]).toMatchObject({ state: 'DISCONNECTED', present: false, muted: null });
    expect(after.slice(0, 2).map((p) => [p.state, p.present])).toEqual([
      ['CONNECTED', true],
      ['CONNECTED', true],
    ]);
  });

  it('shows nobody present once the contact ended', async () => {
    const { contactId } = await connectedCall();
    await addTo(contactId, { DisplayName: 'Grace', ParticipantRole: 'AGENT' });
    await h.admin('POST', `/emulator/contacts/${contactId}/end`, {});
    const after = await listed();
    expect(after.map((p) => [p.kind, p.state, p.present])).toEqual([
      ['customer', 'DISCONNECTED', false],
      ['agent', 'DISCONNECTED', false],
      ['added', 'DISCONNECTED', false],
    ]);
  });

  it('lists the participants of one contact too, and never their tokens', async () => {
    const { contactId } = await connectedCall();
    const added = await addTo(contactId, { DisplayName: 'Grace', ParticipantRole: 'CUSTOMER' });
    const one = await h.admin('GET', `/emulator/contacts/${contactId}`);
    expect((one.body.participants as CallParticipant[]).map((p) => p.kind)).toEqual([
      'customer',
      'agent',
      'added',
    ]);
    const everything = JSON.stringify([
      one.body,
      (await h.admin('GET', '/emulator/contacts')).body,
    ]);
    expect(everything).not.toContain(added.body.ParticipantToken as string);
  });
});

describe('POST /emulator/contacts/:id/participants', () => {
  it('adds a participant as CreateParticipant does, whose token joins the same meeting', async () => {
    const { contactId, meetingId } = await connectedCall();
    const { status, body } = await addTo(contactId, {
      DisplayName: 'Grace Hopper',
      ParticipantRole: 'AGENT',
      capabilities: { Video: 'SEND', ScreenShare: 'SEND' },
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      participant: expect.objectContaining({
        DisplayName: 'Grace Hopper',
        ParticipantRole: 'AGENT',
        kind: 'added',
        capabilities: { Video: 'SEND', ScreenShare: 'SEND' },
        state: 'INITIATED',
        present: false,
      }),
      ParticipantToken: expect.stringMatching(/^[A-Za-z0-9_-]{1,1000}$/),
      Expiry: expect.any(String),
    });
    const participant = body.participant as CallParticipant;
    // An AGENT joins as an agent: the widget tells agents by the external id's suffix.
    expect(h.mediaPlane.callsTo('createAttendee').at(-1)?.[1]).toBe(
      `${participant.ParticipantId}-agent`,
    );
    expect(h.emulator.contacts.get(contactId)?.added).toEqual([
      expect.objectContaining({
        ParticipantId: participant.ParticipantId,
        DisplayName: 'Grace Hopper',
      }),
    ]);

    const connection = await h.participant.send(
      new CreateParticipantConnectionCommand({
        ParticipantToken: body.ParticipantToken as string,
        Type: ['WEBRTC_CONNECTION'],
      }),
    );
    expect(connection.WebRTCConnection?.Meeting?.MeetingId).toBe(meetingId);
    expect(connection.WebRTCConnection?.Attendee?.AttendeeId).toBe(participant.AttendeeId);
  });

  it('takes a CUSTOMER when no role is given, as Connect does', async () => {
    const { contactId } = await connectedCall();
    const { status, body } = await addTo(contactId, { DisplayName: 'Grace' });
    expect(status).toBe(200);
    expect(body.participant).toMatchObject({ ParticipantRole: 'CUSTOMER', capabilities: {} });
  });

  it('answers Bad Request before the first customer is connected to the agent, adding nothing', async () => {
    const first = await h.startContact();
    h.customerJoins(first);
    const contactId = first.ContactId as string;
    const res = await addTo(contactId, { DisplayName: 'Grace', ParticipantRole: 'CUSTOMER' });
    expect(res).toEqual({
      status: 400,
      body: {
        code: 'InvalidRequestException',
        message: expect.stringContaining('not connected to an agent'),
      },
    });
    expect(h.emulator.contacts.get(contactId)?.added).toEqual([]);
    expect(h.mediaPlane.callsTo('createAttendee')).toHaveLength(1);
  });

  it('answers Bad Request for an ended contact and 404 for an unknown one', async () => {
    const { contactId } = await connectedCall();
    await h.admin('POST', `/emulator/contacts/${contactId}/end`, {});
    const ended = await addTo(contactId, { DisplayName: 'Grace' });
    expect(ended).toEqual({
      status: 400,
      body: { code: 'InvalidRequestException', message: expect.stringContaining('ended') },
    });
    const unknown = await addTo('no-such-contact', { DisplayName: 'Grace' });
    expect(unknown).toEqual({
      status: 404,
      body: {
        code: 'ResourceNotFoundException',
        message: expect.stringContaining('no-such-contact'),
      },
    });
    expect(h.emulator.contacts.get(contactId)?.added).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'a DisplayName of 257',
      { DisplayName: 'x'.repeat(257) },
      'InvalidParameterException',
      'DisplayName must be 1 to 256',
    ],
    [
      'an empty DisplayName',
      { DisplayName: '' },
      'InvalidParameterException',
      'DisplayName must be 1 to 256',
    ],
    [
      'a DisplayName not a string',
      { DisplayName: 7 },
      'InvalidParameterException',
      'DisplayName must be a string',
    ],
    [
      'an unknown role',
      { ParticipantRole: 'GUEST' },
      'InvalidParameterException',
      'ParticipantRole must be one of',
    ],
    // The model's SUPERVISOR is refused for a web call, as the emulator's Connect API refuses it.
    [
      'a SUPERVISOR',
      { ParticipantRole: 'SUPERVISOR' },
      'InvalidRequestException',
      'ParticipantRole SUPERVISOR cannot join a web call',
    ],
    [
      'capabilities not an object',
      { capabilities: 'SEND' },
      'InvalidParameterException',
      'capabilities must be an object',
    ],
    [
      'Video other than SEND',
      { capabilities: { Video: 'RECEIVE' } },
      'InvalidParameterException',
      'capabilities.Video must be SEND',
    ],
    [
      'an unknown capability',
      { capabilities: { Audio: 'SEND' } },
      'InvalidParameterException',
      'capabilities.Audio is not a capability',
    ],
    ['an unknown member', { Role: 'AGENT' }, 'InvalidBody', 'Unknown member Role'],
  ])(
    'refuses %s with a message naming the field, adding nothing',
    async (_name, given, code, message) => {
      const { contactId } = await connectedCall();
      const res = await addTo(contactId, { DisplayName: 'Grace', ...given });
      expect(res).toEqual({
        status: 400,
        body: { code, message: expect.stringContaining(message) },
      });
      expect(h.emulator.contacts.get(contactId)?.added).toEqual([]);
    },
  );

  it('refuses a body that is not a JSON object', async () => {
    const { contactId } = await connectedCall();
    const res = await addTo(contactId, '["Grace"]');
    expect(res).toEqual({
      status: 400,
      body: { code: 'InvalidBody', message: 'The request body must be a JSON object.' },
    });
  });
});
