import {
  ConnectClient,
  DescribeContactCommand,
  StartScreenSharingCommand,
  StartWebRTCContactCommand,
  StopContactCommand,
  type StartWebRTCContactCommandInput,
} from '@aws-sdk/client-connect';
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

const describeContact = (ContactId: string, InstanceId = INSTANCE_ID) =>
  h.connect.send(new DescribeContactCommand({ InstanceId, ContactId }));

describe('StartWebRTCContact', () => {
  it('starts a contact whose ConnectionData comes from the media plane', async () => {
    const out = await h.startContact({
      Attributes: { product: 'router' },
      AllowedCapabilities: { Customer: { Video: 'SEND', ScreenShare: 'SEND' } },
    });
    const [create] = h.mediaPlane.callsTo('createMeeting');
    const [attendee] = h.mediaPlane.callsTo('createAttendee');
    expect(create?.[0]?.externalMeetingId).toBe(out.ContactId);
    expect(out.ConnectionData?.Meeting?.MeetingId).toBe(attendee?.[0]);
    expect(attendee?.[1]).toBe(`${out.ParticipantId}-customer`);
    expect(attendee?.[1]).not.toMatch(/agent$/);
    expect(out.ConnectionData?.Attendee?.AttendeeId).toEqual(expect.any(String));
    expect(out.ConnectionData?.Attendee?.JoinToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(out.ConnectionData?.Meeting?.MediaPlacement?.SignalingUrl).toMatch(/^ws:/);
    expect(out.ConnectionData?.Meeting?.MeetingFeatures?.Audio?.EchoReduction).toBeDefined();
    expect(out.ParticipantToken).toMatch(/^[A-Za-z0-9_-]{1,1000}$/);

    const stored = h.emulator.contacts.get(out.ContactId as string);
    expect(stored).toMatchObject({
      state: 'INITIATED',
      DisplayName: 'Ada Lovelace',
      Attributes: { product: 'router' },
      AllowedCapabilities: { Customer: { Video: 'SEND', ScreenShare: 'SEND' } },
    });
  });

  const attributesOf = (bytes: number) => ({ k: 'a'.repeat(bytes - 1) });

  it.each<[string, Partial<StartWebRTCContactCommandInput>, string]>([
    ['missing InstanceId', { InstanceId: undefined }, 'InstanceId'],
    ['InstanceId of 101', { InstanceId: 'i'.repeat(101) }, 'InstanceId'],
    ['missing ContactFlowId', { ContactFlowId: undefined }, 'ContactFlowId'],
    ['ContactFlowId of 501', { ContactFlowId: 'f'.repeat(501) }, 'ContactFlowId'],
    ['missing ParticipantDetails', { ParticipantDetails: undefined }, 'ParticipantDetails'],
    [
      'empty DisplayName',
      { ParticipantDetails: { DisplayName: '' } },
      'ParticipantDetails.DisplayName',
    ],
    [
      'DisplayName of 257',
      { ParticipantDetails: { DisplayName: 'x'.repeat(257) } },
      'ParticipantDetails.DisplayName',
    ],
    ['Attributes one byte over', { Attributes: attributesOf(32_769) }, 'Attributes'],
    ['Attribute key with a space', { Attributes: { 'bad key': 'x' } }, 'Attributes'],
    [
      'Reference type ATTACHMENT',
      { References: { r: { Type: 'ATTACHMENT', Value: 'x' } } },
      'References.r.Type',
    ],
    [
      'Reference type unknown',
      { References: { r: { Type: 'PHONE' as 'URL', Value: 'x' } } },
      'References.r.Type',
    ],
    [
      'References over 4,096 bytes',
      { References: { r: { Type: 'STRING', Value: 'v'.repeat(4096) } } },
      'References',
    ],
    ['Description of 4,097', { Description: 'd'.repeat(4097) }, 'Description'],
    [
      'capability value other than SEND',
      { AllowedCapabilities: { Customer: { Video: 'RECEIVE' as 'SEND' } } },
      'AllowedCapabilities.Customer.Video',
    ],
    ['ClientToken of 501', { ClientToken: 't'.repeat(501) }, 'ClientToken'],
    ['RelatedContactId of 257', { RelatedContactId: 'r'.repeat(257) }, 'RelatedContactId'],
    ['empty RelatedContactId', { RelatedContactId: '' }, 'RelatedContactId'],
  ])('refuses %s with InvalidParameterException naming %s', async (_name, overrides, field) => {
    const error = await rejectionOf(h.startContact(overrides));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain(field);
    expect(h.emulator.contacts.list()).toHaveLength(0);
    expect(h.mediaPlane.calls).toHaveLength(0);
  });

  it('accepts Attributes of exactly 32,768 bytes', async () => {
    const out = await h.startContact({ Attributes: attributesOf(32_768) });
    expect(h.emulator.contacts.get(out.ContactId as string)?.Attributes.k).toHaveLength(32_767);
  });

  it('refuses a body that is not JSON with InvalidRequestException', async () => {
    const res = await fetch(`${h.app.url}/emulator/connect/contact/webrtc`, {
      method: 'PUT',
      headers: {
        authorization: 'AWS4-HMAC-SHA256 Credential=x',
        'content-type': 'application/json',
      },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(h.emulator.contacts.list()).toHaveLength(0);
  });

  it('returns the same contact for the same ClientToken, never a second one', async () => {
    const first = await h.startContact({ ClientToken: 'token-1' });
    const again = await h.startContact({ ClientToken: 'token-1' });
    const { $metadata: _a, ...firstBody } = first;
    const { $metadata: _b, ...againBody } = again;
    expect(againBody).toEqual(firstBody);
    expect(h.emulator.contacts.list()).toHaveLength(1);
    expect(h.mediaPlane.callsTo('createMeeting')).toHaveLength(1);

    const other = await h.startContact({ ClientToken: 'token-2' });
    expect(other.ContactId).not.toBe(first.ContactId);
  });

  it('refuses the 11th active contact with LimitExceededException, and frees a slot on end', async () => {
    const started = [];
    for (let i = 0; i < 10; i++) started.push(await h.startContact());
    const error = await rejectionOf(h.startContact());
    expect(error.name).toBe('LimitExceededException');
    expect(error.$metadata?.httpStatusCode).toBe(429);
    expect(h.emulator.contacts.list()).toHaveLength(10);

    await h.connect.send(
      new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: started[0]?.ContactId }),
    );
    await expect(h.startContact()).resolves.toMatchObject({ ContactId: expect.any(String) });
    await expect(h.startContact({ InstanceId: 'another-instance' })).resolves.toBeDefined();
  });

  it('answers an idempotent retry even when the quota is full', async () => {
    const first = await h.startContact({ ClientToken: 'retry' });
    for (let i = 0; i < 9; i++) await h.startContact();
    const again = await h.startContact({ ClientToken: 'retry' });
    expect(again.ContactId).toBe(first.ContactId);
  });

  it('leaves nothing behind when the media plane fails to create the attendee', async () => {
    h.mediaPlane.failNext.add('createAttendee');
    const error = await rejectionOf(h.startContact({ ClientToken: 'fails' }));
    expect(error.name).toBe('InternalServiceException');
    expect(error.message).not.toContain('on purpose');
    expect(h.emulator.contacts.list()).toHaveLength(0);
    const [meetingId] = h.mediaPlane.callsTo('createAttendee')[0] ?? [];
    expect(h.mediaPlane.callsTo('endMeeting')).toEqual([[meetingId]]);
    // The failed token did not reserve a contact: a retry starts one.
    await expect(h.startContact({ ClientToken: 'fails' })).resolves.toBeDefined();
  });
});

describe('SigV4 and routing', () => {
  it('refuses an unsigned request with AccessDeniedException', async () => {
    const res = await fetch(`${h.app.url}/emulator/connect/contact/webrtc`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        InstanceId: INSTANCE_ID,
        ContactFlowId: 'f',
        ParticipantDetails: { DisplayName: 'x' },
      }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await res.json()).toEqual({ message: expect.stringContaining('authorization') });
    expect(h.emulator.contacts.list()).toHaveLength(0);
  });

  it('answers an unknown operation with UnknownOperationException', async () => {
    const res = await fetch(`${h.app.url}/emulator/connect/contact/task`, {
      method: 'PUT',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=x' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });
});

describe('contact lifecycle', () => {
  it('DescribeContact follows INITIATED, CONNECTED and DISCONNECTED', async () => {
    const started = await h.startContact({
      Description: 'Router will not boot',
      RelatedContactId: 'previous-contact',
      Attributes: { plan: 'gold' },
    });
    const id = started.ContactId as string;

    const initiated = (await describeContact(id)).Contact;
    expect(initiated).toMatchObject({
      Id: id,
      InitialContactId: id,
      RelatedContactId: 'previous-contact',
      Channel: 'VOICE',
      InitiationMethod: 'WEBRTC_API',
      Description: 'Router will not boot',
      Attributes: { plan: 'gold' },
    });
    expect(initiated?.Arn).toBe(
      `arn:aws:connect:us-east-1:000000000000:instance/${INSTANCE_ID}/contact/${id}`,
    );
    expect(initiated?.InitiationTimestamp).toBeInstanceOf(Date);
    expect(initiated?.AgentInfo).toBeUndefined();
    expect(initiated?.DisconnectTimestamp).toBeUndefined();

    h.customerJoins(started);
    expect((await h.admin('POST', `/emulator/contacts/${id}/accept`)).status).toBe(200);
    const connected = (await describeContact(id)).Contact;
    expect(connected?.AgentInfo?.Id).toEqual(expect.any(String));
    expect(connected?.AgentInfo?.ConnectedToAgentTimestamp).toBeInstanceOf(Date);
    expect(connected?.DisconnectTimestamp).toBeUndefined();

    await h.connect.send(
      new StopContactCommand({
        InstanceId: INSTANCE_ID,
        ContactId: id,
        DisconnectReason: { Code: 'CUSTOM_REASON' },
      }),
    );
    const ended = (await describeContact(id)).Contact;
    expect(ended?.DisconnectTimestamp).toBeInstanceOf(Date);
    expect(ended?.DisconnectReason).toBe('CUSTOM_REASON');
    expect(h.emulator.contacts.get(id)?.state).toBe('DISCONNECTED');
  });

  it('DescribeContact of an unknown contact, or of another instance, is ResourceNotFoundException', async () => {
    const { ContactId } = await h.startContact();
    for (const call of [
      describeContact('no-such-contact'),
      describeContact(ContactId as string, 'other-instance'),
    ]) {
      const error = await rejectionOf(call);
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.$metadata?.httpStatusCode).toBe(404);
    }
  });

  it('StopContact ends the meeting once, and a second stop is ContactNotFoundException', async () => {
    const out = await h.startContact();
    const stop = () =>
      h.connect.send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: out.ContactId }));
    await stop();
    expect(h.mediaPlane.callsTo('endMeeting')).toEqual([[out.ConnectionData?.Meeting?.MeetingId]]);
    expect(h.emulator.contacts.get(out.ContactId as string)).toMatchObject({
      state: 'DISCONNECTED',
      disconnectReason: 'API',
    });

    const error = await rejectionOf(stop());
    expect(error.name).toBe('ContactNotFoundException');
    expect(h.mediaPlane.callsTo('endMeeting')).toHaveLength(1);
  });

  it('StopContact validates its input before ending anything', async () => {
    const out = await h.startContact();
    const error = await rejectionOf(
      h.connect.send(new StopContactCommand({ InstanceId: '', ContactId: out.ContactId })),
    );
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain('InstanceId');
    expect(h.emulator.contacts.get(out.ContactId as string)?.state).toBe('INITIATED');
  });

  it.each([
    ['customer', 'left', 'CUSTOMER_DISCONNECT'],
    ['customer', 'disconnected', 'TELECOM_PROBLEM'],
    ['agent', 'left', 'AGENT_DISCONNECT'],
    ['agent', 'disconnected', 'AGENT_NETWORK_DISCONNECT'],
  ] as const)(
    'ends the contact when the %s attendee is %s',
    async (party, reason, disconnectReason) => {
      const out = await h.startContact();
      const id = out.ContactId as string;
      h.customerJoins(out);
      const agent = await h.admin('POST', `/emulator/contacts/${id}/accept`);
      const meetingId = out.ConnectionData?.Meeting?.MeetingId as string;
      const attendeeId =
        party === 'customer'
          ? (out.ConnectionData?.Attendee?.AttendeeId as string)
          : ((agent.body.ConnectionData as { Attendee: { AttendeeId: string } }).Attendee
              .AttendeeId as string);

      // A content-share session of the same attendee leaving is not the party leaving.
      h.mediaPlane.emitLeft(meetingId, `${attendeeId}#content`, reason);
      expect(h.emulator.contacts.get(id)?.state).toBe('CONNECTED');

      h.mediaPlane.emitLeft(meetingId, attendeeId, reason);
      expect(h.emulator.contacts.get(id)).toMatchObject({
        state: 'DISCONNECTED',
        disconnectReason,
      });
      expect(h.mediaPlane.callsTo('endMeeting')).toEqual([[meetingId]]);
    },
  );

  it('does not end the contact when an attendee is removed (a fault the test controls)', async () => {
    const out = await h.startContact();
    h.mediaPlane.emitLeft(
      out.ConnectionData?.Meeting?.MeetingId as string,
      out.ConnectionData?.Attendee?.AttendeeId as string,
      'removed',
    );
    expect(h.emulator.contacts.get(out.ContactId as string)?.state).toBe('INITIATED');
  });
});

describe('StartScreenSharing', () => {
  const share = (ContactId: string | undefined, ClientToken?: string) =>
    h.connect.send(
      new StartScreenSharingCommand({ InstanceId: INSTANCE_ID, ContactId, ClientToken }),
    );

  it('sends ScreenSharingStarted into the meeting once, for an allowed contact', async () => {
    const out = await h.startContact({
      AllowedCapabilities: { Customer: { ScreenShare: 'SEND' } },
    });
    await share(out.ContactId, 'share-1');
    await share(out.ContactId, 'share-1');
    expect(h.mediaPlane.callsTo('sendDataMessage')).toEqual([
      [
        out.ConnectionData?.Meeting?.MeetingId,
        'AMAZON_CONNECT_SCREEN_SHARING',
        '{"message":"ScreenSharingStarted"}',
        // Kept for late joiners (a reload, a reconnect).
        300_000,
      ],
    ]);
    expect(h.emulator.contacts.get(out.ContactId as string)?.screenSharingActive).toBe(true);
  });

  it('refuses a contact that does not allow the customer to share', async () => {
    const out = await h.startContact({ AllowedCapabilities: { Agent: { ScreenShare: 'SEND' } } });
    const error = await rejectionOf(share(out.ContactId));
    expect(error.name).toBe('InvalidRequestException');
    expect(error.message).toContain('AllowedCapabilities.Customer.ScreenShare');
    expect(h.mediaPlane.callsTo('sendDataMessage')).toHaveLength(0);
  });

  it('refuses an unknown contact (404) and an ended one (400)', async () => {
    const unknown = await rejectionOf(share('no-such-contact'));
    expect(unknown.name).toBe('ResourceNotFoundException');

    const out = await h.startContact({
      AllowedCapabilities: { Customer: { ScreenShare: 'SEND' } },
    });
    await h.connect.send(
      new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: out.ContactId }),
    );
    const ended = await rejectionOf(share(out.ContactId));
    expect(ended.name).toBe('InvalidRequestException');
    expect(ended.message).toContain('ended');
    expect(h.mediaPlane.callsTo('sendDataMessage')).toHaveLength(0);
  });

  it('refuses a missing ContactId naming it', async () => {
    const error = await rejectionOf(share(undefined));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.message).toContain('ContactId');
  });
});

describe('fault switches', () => {
  const fault = (body: unknown) => h.admin('POST', '/emulator/faults/connect', body);

  it('fails the next 2 calls with InternalServiceException, then succeeds', async () => {
    expect((await fault({ status: 500, count: 2 })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(h.startContact());
      expect(error.name).toBe('InternalServiceException');
      expect(error.$metadata?.httpStatusCode).toBe(500);
    }
    await expect(h.startContact()).resolves.toBeDefined();
    expect(h.emulator.contacts.list()).toHaveLength(1);
  });

  it("counts the SDK's own retries as calls", async () => {
    await fault({ status: 500, count: 2 });
    const retrying = h.connectClient({ maxAttempts: 3 });
    const out = await retrying.send(
      new StartWebRTCContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: 'f',
        ParticipantDetails: { DisplayName: 'x' },
      }),
    );
    retrying.destroy();
    expect(out.$metadata.attempts).toBe(3);
    expect(h.emulator.faults.list()).toEqual([]);
  });

  it('maps 429 to ThrottlingException and 503 to ServiceUnavailableException', async () => {
    await fault({ status: 429, count: 1 });
    await fault({ status: 503, count: 1 });
    const throttled = await rejectionOf(h.startContact());
    expect(throttled.name).toBe('ThrottlingException');
    expect(throttled.$metadata?.httpStatusCode).toBe(429);
    const unavailable = await rejectionOf(h.startContact());
    expect(unavailable.name).toBe('ServiceUnavailableException');
    expect(unavailable.$metadata?.httpStatusCode).toBe(503);
  });

  it('targets one operation and leaves the others alone', async () => {
    await fault({ status: 500, count: 1, operation: 'DescribeContact' });
    const out = await h.startContact();
    const error = await rejectionOf(describeContact(out.ContactId as string));
    expect(error.name).toBe('InternalServiceException');
    await expect(describeContact(out.ContactId as string)).resolves.toBeDefined();
  });

  it('answers slowly with delayMs and no status', async () => {
    await fault({ delayMs: 300, count: 1 });
    const started = performance.now();
    await h.startContact();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    const again = performance.now();
    await h.startContact();
    expect(performance.now() - again).toBeLessThan(290);
  });

  it('DELETE /emulator/faults clears them', async () => {
    await fault({ status: 500, count: 5 });
    expect((await h.admin('GET', '/emulator/faults')).body.faults).toHaveLength(1);
    expect((await h.admin('DELETE', '/emulator/faults')).status).toBe(200);
    await expect(h.startContact()).resolves.toBeDefined();
  });

  it.each<[string, unknown, string]>([
    ['an unknown status', { status: 404 }, 'status'],
    ['a count of 0', { status: 500, count: 0 }, 'count'],
    ['a fractional count', { status: 500, count: 1.5 }, 'count'],
    ['a negative delay', { delayMs: -1 }, 'delayMs'],
    ['neither status nor delay', { count: 2 }, 'status'],
    ['an unknown operation', { status: 500, operation: 'StartTaskContact' }, 'operation'],
    ['an unknown member', { status: 500, statusCode: 500 }, 'statusCode'],
    ['a body that is not an object', [500], 'object'],
  ])('refuses %s with a 400 naming it', async (_name, body, word) => {
    const res = await fault(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: 'InvalidBody', message: expect.stringContaining(word) });
    expect(h.emulator.faults.list()).toEqual([]);
  });
});

describe('ConnectClient configured as the brief says', () => {
  it('works with default retries and region', async () => {
    const client = new ConnectClient({
      endpoint: `${h.app.url}/emulator/connect`,
      region: 'eu-west-2',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const out = await client.send(
      new StartWebRTCContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: 'f',
        ParticipantDetails: { DisplayName: 'x' },
      }),
    );
    const described = await client.send(
      new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: out.ContactId }),
    );
    client.destroy();
    // The ARN takes the region of the SigV4 credential scope.
    expect(described.Contact?.Arn).toMatch(/^arn:aws:connect:eu-west-2:/);
  });
});
