import {
  ConnectClient,
  StartWebRTCContactCommand,
  StopContactCommand,
} from '@aws-sdk/client-connect';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { listen, type RunningApp } from '../../app.js';
import { createEmulator, type Emulator } from '../emulator.js';
import { ChimeMediaPlane } from '../media/chime-media-plane.js';
import {
  decodeFrame,
  encodeFrame,
  FrameType,
  type SignalFrame,
  type SignalFrameInit,
} from '../media/signaling-protocol.js';
import { MediaPeer } from '../testing/media-peer.js';
import { decodeOpus } from '../testing/opus-tone.js';

/** The customer's SDK, reduced to what these tests need: JOIN, then a werift peer. */
class Customer {
  readonly frames: SignalFrame[] = [];
  private waiters: (() => void)[] = [];
  peer?: MediaPeer;
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(decodeFrame(data as Buffer));
      this.waiters.splice(0).forEach((w) => w());
    });
  }
  static async join(url: string, token: string): Promise<Customer> {
    const ws = new WebSocket(`${url}?X-Chime-Control-Protocol-Version=3`, [
      '_aws_wt_session',
      token,
    ]);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const customer = new Customer(ws);
    customer.send({ type: FrameType.JOIN, join: { protocolVersion: 2 } });
    await customer.next(FrameType.JOIN_ACK);
    customer.peer = new MediaPeer(customer);
    await customer.peer.subscribe();
    customer.peer.sendAudio(0); // a microphone in a quiet room
    return customer;
  }
  send(frame: SignalFrameInit): void {
    this.ws.send(encodeFrame(frame));
  }
  async next(type: number): Promise<SignalFrame> {
    for (;;) {
      const index = this.frames.findIndex((f) => f.type === type);
      if (index >= 0) return this.frames.splice(index, 1)[0]!;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  /** RMS level of each 20 ms frame received from `from` on. */
  levels(from = 0): number[] {
    return decodeOpus(this.peer!.received.slice(from).map((p) => p.payload)).map((pcm) => {
      let sum = 0;
      for (let i = 0; i < pcm.length; i += 2) sum += pcm.readInt16LE(i) ** 2;
      return Math.sqrt(sum / (pcm.length / 2));
    });
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the flow's audio in the customer's downlink (werift client, real media plane)", () => {
  let app: RunningApp;
  let plane: ChimeMediaPlane;
  let emulator: Emulator;
  let connect: ConnectClient;
  let customer: Customer | undefined;

  beforeEach(async () => {
    let base = '';
    plane = new ChimeMediaPlane({ publicUrl: () => base });
    // The demo's default flow and its committed prompts: the greeting is real speech.
    emulator = createEmulator({ mediaPlane: plane, publicUrl: () => base });
    app = await listen(
      {
        routes: emulator.routes,
        upgrades: [plane.handleUpgrade],
        onClose: () => emulator.dispose(),
      },
      0,
    );
    base = app.url;
    connect = new ConnectClient({
      endpoint: `${base}/emulator/connect`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      maxAttempts: 1,
    });
    // The greeting, then straight into a queue with music: the menu is the other tests' business.
    emulator.flows.register('greeting-then-queue', {
      name: 'Greeting, then the queue',
      start: 'greeting',
      queues: { Sales: { music: 'queue-music' } },
      blocks: {
        greeting: { type: 'playPrompt', prompt: 'greeting', next: 'enqueue' },
        enqueue: { type: 'transferToQueue', queue: 'Sales' },
      },
    });
  });
  afterEach(async () => {
    customer?.ws.terminate();
    await customer?.peer?.close();
    connect.destroy();
    plane.close();
    await app.close();
  });

  it('carries the greeting while no agent is there, the queue music after it, silence once the agent accepts, nothing after hang-up', async () => {
    const contact = await connect.send(
      new StartWebRTCContactCommand({
        InstanceId: 'instance',
        ContactFlowId: 'greeting-then-queue',
        ParticipantDetails: { DisplayName: 'Grace' },
      }),
    );
    const id = contact.ContactId!;
    const meeting = contact.ConnectionData!.Meeting!;
    customer = await Customer.join(
      meeting.MediaPlacement!.SignalingUrl!,
      contact.ConnectionData!.Attendee!.JoinToken!,
    );

    // One second of the downlink while the greeting (3 s from the JOIN) plays: speech, well above
    // the silence the mixer sends when nobody talks (an RMS of a few units).
    await expect
      .poll(() => customer!.peer!.received.length, { timeout: 10_000 })
      .toBeGreaterThan(5);
    const greetingFrom = customer.peer!.received.length;
    await sleep(1_000);
    expect(emulator.contacts.get(id)?.flow.block).toBe('greeting');
    const greeting = customer.levels(greetingFrom);
    expect(greeting.length).toBeGreaterThan(15);
    expect(mean(greeting)).toBeGreaterThan(300);

    // Nobody else is in the roster: the flow's audio has no attendee, and the agent is absent.
    const announced = customer.frames
      .filter((f) => f.type === FrameType.AUDIO_STREAM_ID_INFO)
      .flatMap((f) => f.audioStreamIdInfo?.streams ?? [])
      .map((s) => s.attendeeId)
      .filter(Boolean);
    expect(new Set(announced)).toEqual(new Set([contact.ConnectionData!.Attendee!.AttendeeId]));
    expect(plane.stats(meeting.MeetingId!)?.attendees).toHaveLength(1);

    // The greeting ends; the queue music follows.
    await expect
      .poll(() => emulator.contacts.get(id)?.queue?.Name, { timeout: 5_000 })
      .toBe('Sales');
    const musicFrom = customer.peer!.received.length;
    await sleep(600);
    expect(mean(customer.levels(musicFrom))).toBeGreaterThan(300);

    // The agent accepts (and has not even joined the meeting): the flow's audio stops at once.
    expect(
      (await fetch(`${app.url}/emulator/contacts/${id}/accept`, { method: 'POST' })).status,
    ).toBe(200);
    await sleep(200); // what was in flight
    const afterAccept = customer.peer!.received.length;
    await sleep(600);
    const quiet = customer.levels(afterAccept);
    expect(quiet.length).toBeGreaterThan(10);
    expect(Math.max(...quiet)).toBeLessThan(50);

    // Hang-up: the contact ends, the meeting with it, and no packet follows.
    await connect.send(new StopContactCommand({ InstanceId: 'instance', ContactId: id }));
    await sleep(200);
    const afterHangUp = customer.peer!.received.length;
    await sleep(500);
    expect(customer.peer!.received.length).toBe(afterHangUp);
    expect(emulator.contacts.get(id)?.flow.phase).toBe('ended');
  });

  it('a hang-up during the greeting stops it: the player is closed with the meeting', async () => {
    const contact = await connect.send(
      new StartWebRTCContactCommand({
        InstanceId: 'instance',
        ContactFlowId: 'greeting-then-queue',
        ParticipantDetails: { DisplayName: 'Ada' },
      }),
    );
    const id = contact.ContactId!;
    customer = await Customer.join(
      contact.ConnectionData!.Meeting!.MediaPlacement!.SignalingUrl!,
      contact.ConnectionData!.Attendee!.JoinToken!,
    );
    await expect
      .poll(() => customer!.peer!.received.length, { timeout: 10_000 })
      .toBeGreaterThan(5);
    await connect.send(new StopContactCommand({ InstanceId: 'instance', ContactId: id }));
    expect(emulator.contacts.get(id)).toMatchObject({
      state: 'DISCONNECTED',
      flow: { phase: 'ended' },
      queue: null,
    });
    // Past the greeting's end: the flow did not go on to the queue.
    await sleep(3_500);
    expect(emulator.contacts.get(id)?.queue).toBeNull();
  });
});
