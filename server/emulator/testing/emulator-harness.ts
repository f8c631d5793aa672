import { ConnectClient, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import type {
  StartWebRTCContactCommandInput,
  StartWebRTCContactCommandOutput,
} from '@aws-sdk/client-connect';
import { ConnectParticipantClient } from '@aws-sdk/client-connectparticipant';
import { listen, type RunningApp } from '../../app.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator.js';
import { STRAIGHT_TO_QUEUE_FLOW_PATH } from '../flow/flow-catalog.js';
import { RecordingMediaPlane } from './recording-media-plane.js';

export const INSTANCE_ID = 'instance-under-test';
export const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };

export interface Harness {
  app: RunningApp;
  emulator: Emulator;
  mediaPlane: RecordingMediaPlane;
  /** The real SDK client; retries off so each test sees exactly the calls it makes. */
  connect: ConnectClient;
  participant: ConnectParticipantClient;
  connectClient(options?: { maxAttempts?: number }): ConnectClient;
  /** Calls an admin route; answers the status and the parsed JSON body. */
  admin(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  startContact(
    overrides?: Partial<StartWebRTCContactCommandInput>,
  ): Promise<StartWebRTCContactCommandOutput>;
  /**
   * The customer joins the meeting (as the media plane reports it), which starts the contact's
   * flow; with the harness's default flow the contact is then in a queue, ready to accept.
   */
  customerJoins(contact: StartWebRTCContactCommandOutput): void;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<Omit<EmulatorOptions, 'mediaPlane' | 'publicUrl'>> = {},
): Promise<Harness> {
  const mediaPlane = new RecordingMediaPlane();
  let url = '';
  // Straight to a queue unless a test says otherwise: most tests are not about the flow.
  const emulator = createEmulator({
    mediaPlane,
    publicUrl: () => url,
    defaultFlowPath: STRAIGHT_TO_QUEUE_FLOW_PATH,
    ...options,
  });
  const app = await listen(
    { routes: emulator.routes, upgrades: emulator.upgrades, onClose: () => emulator.dispose() },
    0,
  );
  url = app.url;
  const connectClient = ({ maxAttempts = 1 } = {}) =>
    new ConnectClient({
      endpoint: `${app.url}/emulator/connect`,
      region: 'us-east-1',
      credentials,
      maxAttempts,
    });
  const connect = connectClient();
  const participant = new ConnectParticipantClient({
    endpoint: `${app.url}/emulator/participant`,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  return {
    app,
    emulator,
    mediaPlane,
    connect,
    participant,
    connectClient,
    async admin(method, path, body) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        ...(body !== undefined && {
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
        }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    startContact(overrides = {}) {
      return connect.send(
        new StartWebRTCContactCommand({
          InstanceId: INSTANCE_ID,
          ContactFlowId: 'flow-1',
          ParticipantDetails: { DisplayName: 'Ada Lovelace' },
          ...overrides,
        }),
      );
    },
    customerJoins(contact) {
      mediaPlane.emitJoined(
        contact.ConnectionData?.Meeting?.MeetingId as string,
        contact.ConnectionData?.Attendee?.AttendeeId as string,
      );
    },
    async close() {
      connect.destroy();
      participant.destroy();
      await app.close();
    },
  };
}

/** Runs `promise`, expecting it to reject; returns the error for assertions. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}
