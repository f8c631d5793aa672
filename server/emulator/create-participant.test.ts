import {
  CreateParticipantCommand,
  DescribeContactCommand,
  type CreateParticipantCommandInput,
  type ParticipantDetailsToAdd,
} from '@aws-sdk/client-connect';
import {
  CreateParticipantConnectionCommand,
  DisconnectParticipantCommand,
} from '@aws-sdk/client-connectparticipant';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  INSTANCE_ID,
  rejectionOf,
  startHarness,
  type Harness,
} from './testing/emulator-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const guest: ParticipantDetailsToAdd = {
  DisplayName: 'Grace Hopper',
  ParticipantRole: 'CUSTOMER',
  ParticipantCapabilities: { Video: 'SEND' },
};

const createParticipant = (
  ContactId: string,
  overrides: Partial<CreateParticipantCommandInput> = {},
) =>
  h.connect.send(
    new CreateParticipantCommand({
      InstanceId: INSTANCE_ID,
      ContactId,
      ParticipantDetails: guest,
      ...overrides,
    }),
  );

const webRTCConnection = (ParticipantToken: string) =>
  h.participant.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken,
      Type: ['WEBRTC_CONNECTION', 'CONNECTION_CREDENTIALS'],
    }),
  );

/** A contact whose customer joined and whose agent accepted: participants may be added now. */
async function connectedContact() {
  const out = await h.startContact();
  h.customerJoins(out);
  const agent = await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`);
  expect(agent.status).toBe(200);
  return out;
}

describe('CreateParticipant', () => {
  it('adds a participant to the connected call, whose WEBRTC_CONNECTION joins the same meeting', async () => {
    const first = await connectedContact();
    const before = Date.now();
    const created = await createParticipant(first.ContactId as string);
    expect(created.ParticipantId).toEqual(expect.any(String));
    expect(created.ParticipantCredentials?.ParticipantToken).toMatch(/^[A-Za-z0-9_-]{1,1000}$/);
    expect(Date.parse(created.ParticipantCredentials?.Expiry as string)).toBeGreaterThan(before);

    const connection = await webRTCConnection(
      created.ParticipantCredentials?.ParticipantToken as string,
    );
    const meeting = first.ConnectionData?.Meeting;
    expect(connection.WebRTCConnection?.Meeting?.MeetingId).toBe(meeting?.MeetingId);
    expect(connection.WebRTCConnection?.Meeting?.MediaPlacement?.SignalingUrl).toBe(
      meeting?.MediaPlacement?.SignalingUrl,
    );
    const attendee = connection.WebRTCConnection?.Attendee;
    expect(attendee?.AttendeeId).not.toBe(first.ConnectionData?.Attendee?.AttendeeId);
    expect(attendee?.JoinToken).toMatch(/^[A-Za-z0-9_-]+$/);
    // A user, not an agent: the widget tells the agent by the external id's suffix.
    expect(h.mediaPlane.callsTo('createAttendee').at(-1)?.[1]).toBe(
      `${created.ParticipantId}-customer`,
    );
    expect(connection.ConnectionCredentials?.ConnectionToken).toEqual(expect.any(String));

    const stored = h.emulator.contacts.get(first.ContactId as string);
    expect(stored?.added).toEqual([
      expect.objectContaining({
        ParticipantId: created.ParticipantId,
        AttendeeId: attendee?.AttendeeId,
        DisplayName: 'Grace Hopper',
        ParticipantRole: 'CUSTOMER',
        ParticipantCapabilities: { Video: 'SEND' },
        state: 'INITIATED',
      }),
    ]);
  });

  it('gives the added participant a contact of its own, linked to the first, connected once it joins', async () => {
    const first = await connectedContact();
    const created = await createParticipant(first.ContactId as string);
    const [added] = h.emulator.contacts.get(first.ContactId as string)?.added ?? [];
    const describe = () =>
      h.connect.send(
        new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: added?.ContactId }),
      );
    expect(added?.ContactId).not.toBe(first.ContactId);
    const { Contact } = await describe();
    expect(Contact).toMatchObject({
      Id: added?.ContactId,
      InitialContactId: first.ContactId,
      PreviousContactId: first.ContactId,
      Channel: 'VOICE',
    });
    expect(Contact?.DisconnectTimestamp).toBeUndefined();

    h.mediaPlane.emitJoined(
      first.ConnectionData?.Meeting?.MeetingId as string,
      added?.AttendeeId as string,
    );
    expect(h.emulator.contacts.get(first.ContactId as string)?.added[0]?.state).toBe('CONNECTED');
    expect(created.ParticipantId).toBe(added?.ParticipantId);
  });

  it('is refused with InvalidRequestException until the first customer is connected to the agent', async () => {
    const first = await h.startContact();
    h.customerJoins(first);
    const error = await rejectionOf(createParticipant(first.ContactId as string));
    expect(error.name).toBe('InvalidRequestException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain('not connected to an agent');
    expect(h.emulator.contacts.get(first.ContactId as string)?.added).toEqual([]);
    expect(h.mediaPlane.callsTo('createAttendee')).toHaveLength(1);
  });

  it('is refused for an unknown contact (404) and an ended one (400), adding nothing', async () => {
    expect((await rejectionOf(createParticipant('no-such-contact'))).name).toBe(
      'ResourceNotFoundException',
    );
    const first = await connectedContact();
    await h.admin('POST', `/emulator/contacts/${first.ContactId}/end`);
    const ended = await rejectionOf(createParticipant(first.ContactId as string));
    expect(ended.name).toBe('InvalidRequestException');
    expect(h.emulator.contacts.get(first.ContactId as string)?.added).toEqual([]);
  });

  it('returns the same participant for the same ClientToken', async () => {
    const first = await connectedContact();
    const one = await createParticipant(first.ContactId as string, { ClientToken: 'invite-1' });
    const again = await createParticipant(first.ContactId as string, { ClientToken: 'invite-1' });
    expect(again.ParticipantId).toBe(one.ParticipantId);
    expect(again.ParticipantCredentials?.ParticipantToken).toBe(
      one.ParticipantCredentials?.ParticipantToken,
    );
    expect(h.emulator.contacts.get(first.ContactId as string)?.added).toHaveLength(1);
  });

  it('adds an AGENT as an agent, with the capabilities given', async () => {
    const first = await connectedContact();
    const created = await createParticipant(first.ContactId as string, {
      ParticipantDetails: {
        DisplayName: 'Supervisor Sam',
        ParticipantRole: 'AGENT',
        ParticipantCapabilities: { Video: 'SEND', ScreenShare: 'SEND' },
      },
    });
    expect(h.mediaPlane.callsTo('createAttendee').at(-1)?.[1]).toBe(
      `${created.ParticipantId}-agent`,
    );
    expect(h.emulator.contacts.get(first.ContactId as string)?.added[0]).toMatchObject({
      ParticipantRole: 'AGENT',
      ParticipantCapabilities: { Video: 'SEND', ScreenShare: 'SEND' },
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'DisplayName of 257',
      { DisplayName: 'x'.repeat(257) },
      'InvalidParameterException',
      'DisplayName',
    ],
    ['empty DisplayName', { DisplayName: '' }, 'InvalidParameterException', 'DisplayName'],
    ['unknown role', { ParticipantRole: 'GUEST' }, 'InvalidParameterException', 'ParticipantRole'],
    [
      'a chat-only role',
      { ParticipantRole: 'CUSTOM_BOT' },
      'InvalidRequestException',
      'CUSTOM_BOT',
    ],
    [
      'Video other than SEND',
      { ParticipantCapabilities: { Video: 'RECEIVE' } },
      'InvalidParameterException',
      'Video',
    ],
    [
      'an unknown capability',
      { ParticipantCapabilities: { Audio: 'SEND' } },
      'InvalidParameterException',
      'Audio',
    ],
  ])('refuses %s, naming it, and adds nothing', async (_name, details, type, named) => {
    const first = await connectedContact();
    // Sent as JSON of our own: the SDK's types would refuse some of these before sending.
    const response = await fetch(`${h.app.url}/emulator/connect/contact/create-participant`, {
      method: 'POST',
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=x',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        InstanceId: INSTANCE_ID,
        ContactId: first.ContactId,
        ParticipantDetails: { DisplayName: 'Grace', ...details },
      }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe(type);
    expect(JSON.stringify(await response.json())).toContain(named);
    expect(h.emulator.contacts.get(first.ContactId as string)?.added).toEqual([]);
  });

  it('refuses a missing ParticipantDetails with InvalidParameterException', async () => {
    const first = await connectedContact();
    const error = await rejectionOf(
      createParticipant(first.ContactId as string, { ParticipantDetails: undefined }),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain('ParticipantDetails');
  });
});

describe('an added participant in the call', () => {
  async function addedParticipant() {
    const first = await connectedContact();
    const created = await createParticipant(first.ContactId as string);
    const connection = await webRTCConnection(
      created.ParticipantCredentials?.ParticipantToken as string,
    );
    const meetingId = first.ConnectionData?.Meeting?.MeetingId as string;
    const attendeeId = connection.WebRTCConnection?.Attendee?.AttendeeId as string;
    h.mediaPlane.emitJoined(meetingId, attendeeId);
    return { first, created, connection, meetingId, attendeeId };
  }

  it('leaving ends its own contact and not the call', async () => {
    const { first, meetingId, attendeeId } = await addedParticipant();
    h.mediaPlane.emitLeft(meetingId, attendeeId, 'left');
    const stored = h.emulator.contacts.get(first.ContactId as string);
    expect(stored?.state).toBe('CONNECTED');
    expect(stored?.added[0]?.state).toBe('DISCONNECTED');
    expect(h.mediaPlane.callsTo('endMeeting')).toHaveLength(0);
  });

  it('DisconnectParticipant with its connection ends its own contact and not the call', async () => {
    const { first, created, connection } = await addedParticipant();
    await h.participant.send(
      new DisconnectParticipantCommand({
        ConnectionToken: connection.ConnectionCredentials?.ConnectionToken,
      }),
    );
    const stored = h.emulator.contacts.get(first.ContactId as string);
    expect(stored?.state).toBe('CONNECTED');
    expect(stored?.added[0]?.state).toBe('DISCONNECTED');
    // Its token is spent: it cannot join again.
    const again = await rejectionOf(
      webRTCConnection(created.ParticipantCredentials?.ParticipantToken as string),
    );
    expect(again.name).toBe('AccessDeniedException');
  });

  it('the end of the first contact ends every added one', async () => {
    const { first } = await addedParticipant();
    await h.admin('POST', `/emulator/contacts/${first.ContactId}/end`);
    const stored = h.emulator.contacts.get(first.ContactId as string);
    expect(stored?.added[0]?.state).toBe('DISCONNECTED');
    const { Contact } = await h.connect.send(
      new DescribeContactCommand({
        InstanceId: INSTANCE_ID,
        ContactId: stored?.added[0]?.ContactId,
      }),
    );
    expect(Contact?.DisconnectTimestamp).toBeInstanceOf(Date);
  });
});
