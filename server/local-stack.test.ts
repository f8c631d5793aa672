import { ConnectClient, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningApp } from './app.js';
import { RecordingMediaPlane } from './emulator/testing/recording-media-plane.js';
import { startLocalStack } from './local-stack.js';

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
});
