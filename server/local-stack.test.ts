import { ConnectClient, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from './app.js';
import { STRAIGHT_TO_QUEUE_FLOW_PATH } from './emulator/flow/flow-catalog.js';
import { RecordingMediaPlane } from './emulator/testing/recording-media-plane.js';
import { startLocalStack } from './local-stack.js';
import { silentLogger } from './token/logger.js';

// A directory that does not exist: these tests need no static files.
const emptyRoot = join(tmpdir(), 'local-stack-test-no-such-dir');

describe('startLocalStack', () => {
  let app: RunningApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('mounts the emulator when given a media plane', async () => {
    const mediaPlane = new RecordingMediaPlane();
    app = await startLocalStack({ port: 0, staticRoot: emptyRoot, mediaPlane });
    const client = new ConnectClient({
      endpoint: `${app.url}/emulator/connect`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const out = await client.send(
      new StartWebRTCContactCommand({
        InstanceId: 'i',
        ContactFlowId: 'f',
        ParticipantDetails: { DisplayName: 'Ada' },
      }),
    );
    client.destroy();
    expect(mediaPlane.callsTo('createMeeting')).toHaveLength(1);
    const { contacts } = (await (await fetch(`${app.url}/emulator/contacts`)).json()) as {
      contacts: { ContactId: string }[];
    };
    expect(contacts.map((contact) => contact.ContactId)).toEqual([out.ContactId]);
    const endpoints = (await (await fetch(`${app.url}/emulator/endpoints`)).json()) as {
      participant: string;
    };
    expect(endpoints.participant).toBe(`${app.url}/emulator/participant`);

    await app.close();
    app = undefined;
    // Closing the stack stops the emulator listening to the media plane.
    expect(mediaPlane.listenerCount()).toBe(0);
  });

  it('serves no emulator routes when the emulator is off', async () => {
    app = await startLocalStack({ port: 0, staticRoot: emptyRoot, emulator: false });
    expect((await fetch(`${app.url}/emulator/contacts`)).status).toBe(404);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('lets the demo invite a guest: the link goes to the demo page of the caller, the join works', async () => {
    const mediaPlane = new RecordingMediaPlane();
    app = await startLocalStack({
      port: 0,
      staticRoot: emptyRoot,
      mediaPlane,
      flowPath: STRAIGHT_TO_QUEUE_FLOW_PATH,
      tokenEndpoint: { env: {}, logger: silentLogger },
    });
    const origin = 'http://localhost:5173';
    const post = (path: string, body: unknown) =>
      fetch(`${app!.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify(body),
      });
    const session = (await (await post('/api/session', { displayName: 'Ada' })).json()) as {
      ContactId: string;
      SessionHandle: string;
      Invitations: boolean;
      ConnectionData: { Meeting: { MeetingId: string }; Attendee: { AttendeeId: string } };
    };
    expect(session.Invitations).toBe(true);
    mediaPlane.emitJoined(
      session.ConnectionData.Meeting.MeetingId,
      session.ConnectionData.Attendee.AttendeeId,
    );
    expect(
      (await fetch(`${app.url}/emulator/contacts/${session.ContactId}/accept`, { method: 'POST' }))
        .status,
    ).toBe(200);
    const invited = await post('/api/invitation', { sessionHandle: session.SessionHandle });
    expect(invited.status).toBe(200);
    const { InvitationUrl, Invitation } = (await invited.json()) as Record<string, string>;
    expect(InvitationUrl).toBe(`${origin}/#connect-video-invitation=${Invitation}`);
    const joined = await post('/api/invitation/join', { invitation: Invitation });
    expect(joined.status).toBe(200);
    const guest = (await joined.json()) as typeof session & { Guest: boolean };
    expect(guest.Guest).toBe(true);
    expect(guest.ConnectionData.Meeting.MeetingId).toBe(session.ConnectionData.Meeting.MeetingId);
  });
});
