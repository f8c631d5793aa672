import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { listen, type RunningApp } from '../../app.js';
import { MediaPeer } from '../testing/media-peer.js';
import { decodeOpus, toneAmplitude } from '../testing/opus-tone.js';
import { ChimeMediaPlane } from './chime-media-plane.js';
import {
  decodeFrame,
  encodeFrame,
  FrameType,
  protocol,
  type SignalFrame,
} from './signaling-protocol.js';

/**
 * The signaling server spoken to as the SDK speaks to it (same protobuf module, same framing and
 * sub-protocols), without a browser: join, presence, ping, data messages, leave, end, faults.
 */
class TestClient {
  readonly frames: SignalFrame[] = [];
  closeCode?: number;
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(decodeFrame(data as Buffer));
      this.waiters.forEach((w) => w());
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.waiters.forEach((w) => w());
    });
  }
  static async connect(url: string, token: string): Promise<TestClient> {
    const ws = new WebSocket(`${url}?X-Chime-Control-Protocol-Version=3`, [
      '_aws_wt_session',
      token,
    ]);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new TestClient(ws);
  }
  send(frame: Parameters<typeof encodeFrame>[0]): void {
    this.ws.send(encodeFrame(frame));
  }
  async next(type: number, match: (f: SignalFrame) => boolean = () => true): Promise<SignalFrame> {
    for (;;) {
      const index = this.frames.findIndex((f) => f.type === type && match(f));
      if (index >= 0) return this.frames.splice(index, 1)[0]!;
      if (this.closeCode !== undefined)
        throw new Error(`closed (${this.closeCode}) before frame ${type}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }
  async closed(): Promise<number> {
    while (this.closeCode === undefined)
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.closeCode;
  }
  async join(): Promise<void> {
    this.send({ type: FrameType.JOIN, join: { protocolVersion: 2 } });
    const ack = await this.next(FrameType.JOIN_ACK);
    expect(ack.joinack?.wantsCompressedSdp).toBe(false);
    await this.next(FrameType.INDEX);
  }
  peer?: MediaPeer;
  /** Subscribes with a real peer connection and sends microphone packets, as the SDK does. */
  async speak(
    options: { audioMuted?: boolean; video?: boolean; toneHz?: number } = {},
  ): Promise<void> {
    this.peer = new MediaPeer(this, { video: options.video });
    await this.peer.subscribe(options);
    this.peer.sendAudio(options.toneHz);
    if (options.video) this.peer.sendVideo();
  }
  /** Frames of `type` that arrive within `ms`. */
  async collect(type: number, ms: number): Promise<SignalFrame[]> {
    const from = this.frames.length;
    await new Promise((r) => setTimeout(r, ms));
    return this.frames.slice(from).filter((f) => f.type === type);
  }
}

/** The stream-info entries of a frame, as attendee id (or stream id when gone) and flags. */
const streamsOf = (frame: SignalFrame) =>
  (frame.audioStreamIdInfo?.streams ?? []).map((s) => ({
    attendeeId: s.attendeeId || undefined,
    audioStreamId: s.audioStreamId,
    ...(s.muted ? { muted: true } : {}),
    ...(s.dropped ? { dropped: true } : {}),
  }));
const announces = (attendeeId: string) => (f: SignalFrame) =>
  !!f.audioStreamIdInfo?.streams?.some((s) => s.attendeeId === attendeeId);
/** A frame that marks a stream gone (an entry with neither attendee id nor mute state). */
const absence = (f: SignalFrame) =>
  !!f.audioStreamIdInfo?.streams?.some((s) => !s.attendeeId && !('muted' in s && s.muted));

describe('ChimeMediaPlane signaling', () => {
  let app: RunningApp;
  let plane: ChimeMediaPlane;
  const clients: TestClient[] = [];
  const connect = async (url: string, token: string) => {
    const client = await TestClient.connect(url, token);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    let base = '';
    plane = new ChimeMediaPlane({
      publicUrl: () => base,
      // Long enough that a loaded machine's pauses (tens of ms) never pass for a grace period.
      timings: {
        presenceGraceMs: 500,
        disconnectGraceMs: 1_000,
        bitratesMs: 500,
        serverPingMs: 300,
      },
    });
    app = await listen({ routes: [], upgrades: [plane.handleUpgrade] }, 0);
    base = app.url;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) {
      client.ws.terminate();
      await client.peer?.close();
    }
    plane.close();
    await app.close();
  });

  function meetingWithTwo() {
    const meeting = plane.createMeeting();
    const customer = plane.createAttendee(meeting.MeetingId, 'p-1-customer');
    const agent = plane.createAttendee(meeting.MeetingId, 'ana-agent');
    return { meeting, customer, agent, url: meeting.MediaPlacement.SignalingUrl };
  }

  it('hands out a signaling URL without a query string and JoinTokens that are HTTP tokens', () => {
    const { meeting, customer } = meetingWithTwo();
    expect(meeting.MediaPlacement.SignalingUrl).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/emulator\/signaling\/[\w-]+$/,
    );
    expect(customer.JoinToken).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses an unknown JoinToken or one for another meeting as production does: socket accepted, JOIN read, then 4403', async () => {
    const { url } = meetingWithTwo();
    const other = meetingWithTwo();
    for (const token of ['not-a-token', other.customer.JoinToken]) {
      const client = await connect(url, token);
      // Nothing happens before JOIN: the SDK has to send it to learn it is refused.
      await new Promise((r) => setTimeout(r, 50));
      expect(client.closeCode).toBeUndefined();
      client.send({ type: FrameType.JOIN, join: { protocolVersion: 2 } });
      expect(await client.closed()).toBe(4403);
      expect(client.frames).toEqual([]);
    }
  });

  it("a removed attendee's JoinToken, and its content-share token, stay refused", async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    plane.removeAttendee(meeting.MeetingId, customer.AttendeeId);
    expect(await c.closed()).toBe(4411);
    for (const token of [customer.JoinToken, `${customer.JoinToken}#content`]) {
      const again = await connect(url, token);
      again.send({ type: FrameType.JOIN, join: { protocolVersion: 2 } });
      expect(await again.closed()).toBe(4403);
    }
    // The others are untouched.
    const a = await connect(url, agent.JoinToken);
    await a.join();
  });

  it("injects AUDIO_STATUS and error statuses into one attendee's session only", async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    expect(plane.injectStatus(meeting.MeetingId, customer.AttendeeId, { audioStatus: 409 })).toBe(
      1,
    );
    expect((await c.next(FrameType.AUDIO_STATUS)).audioStatus?.audioStatus).toBe(409);
    plane.injectStatus(meeting.MeetingId, customer.AttendeeId, { errorStatus: 206 });
    const error = await c.next(FrameType.AUDIO_STATUS, (f) => !!f.error);
    expect(error.error?.status).toBe(206);
    expect(a.frames.filter((f) => f.type === FrameType.AUDIO_STATUS)).toEqual([]);
  });

  it('an attendee is present once its audio reaches the server, not at JOIN', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const joined: string[] = [];
    plane.on('attendeeJoined', (_id, a) => joined.push(a.externalUserId));
    const c = await connect(url, customer.JoinToken);
    await c.join();
    // The roster at JOIN: nobody has sent audio yet.
    expect(streamsOf(await c.next(FrameType.AUDIO_STREAM_ID_INFO))).toEqual([]);
    expect(plane.stats(meeting.MeetingId)?.attendees.some((x) => x.present)).toBe(false);
    // Connect counts the participant from its join on.
    expect(joined).toEqual(['p-1-customer']);
    await c.speak();
    const self = await c.next(FrameType.AUDIO_STREAM_ID_INFO, announces(customer.AttendeeId));
    expect(self.audioStreamIdInfo?.streams?.[0]?.externalUserId).toBe('p-1-customer');

    const a = await connect(url, agent.JoinToken);
    await a.join();
    const roster = await a.next(FrameType.AUDIO_STREAM_ID_INFO);
    expect(streamsOf(roster).map((e) => e.attendeeId)).toEqual([customer.AttendeeId]);
    expect(joined).toEqual(['p-1-customer', 'ana-agent']);
    // Joined but silent: the customer has not been told about the agent.
    await new Promise((r) => setTimeout(r, 200));
    expect(c.frames.filter(announces(agent.AttendeeId))).toEqual([]);
    await a.speak();
    const seen = await c.next(FrameType.AUDIO_STREAM_ID_INFO, announces(agent.AttendeeId));
    expect(seen.audioStreamIdInfo?.streams?.[0]).toMatchObject({
      attendeeId: agent.AttendeeId,
      externalUserId: 'ana-agent',
    });
    expect(plane.stats(meeting.MeetingId)?.attendees.every((x) => x.present)).toBe(true);
  });

  it('each client hears one mixed stream of everyone else: two talkers at once, never itself', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const guest = plane.createAttendee(meeting.MeetingId, 'guest-1');
    const c = await connect(url, customer.JoinToken);
    const a = await connect(url, agent.JoinToken);
    const g = await connect(url, guest.JoinToken);
    for (const client of [c, a, g]) await client.join();
    await c.speak({ toneHz: 440 });
    await a.speak({ toneHz: 1_000 });
    await g.speak();
    const forwarded = (id: string) =>
      plane
        .stats(meeting.MeetingId)
        ?.forwarded.find((f) => f.attendeeId === id && f.kind === 'audio')?.packets ?? 0;
    await expect
      .poll(() => Math.min(forwarded(customer.AttendeeId), forwarded(agent.AttendeeId)), {
        timeout: 10_000,
      })
      .toBeGreaterThan(25);
    const from = { g: g.peer!.received.length, a: a.peer!.received.length };
    const startedAt = performance.now();
    await expect
      .poll(() => g.peer!.received.length - from.g, { timeout: 10_000 })
      .toBeGreaterThan(75);
    const seconds = (performance.now() - startedAt) / 1000;

    // One stream of about 50 packets a second (two forwarded streams would be about 100).
    const rate = (g.peer!.received.length - from.g) / seconds;
    expect(rate).toBeLessThan(65);
    expect(new Set(g.peer!.received.map((p) => p.header.ssrc)).size).toBe(1);
    const frames = (client: TestClient, since: number) =>
      decodeOpus(client.peer!.received.map((p) => p.payload)).slice(since);
    const heard = (pcm: Buffer, hz: number) => toneAmplitude(pcm, hz) > 2_000;
    // The guest hears both talkers in the same frames (interleaved streams would carry one or the
    // other in each). Frames where neither is heard are a loaded machine's stalls: the test's own
    // talkers pause with it.
    const guestHears = frames(g, from.g).filter((pcm) => heard(pcm, 440) || heard(pcm, 1_000));
    expect(guestHears.length).toBeGreaterThan(20);
    const both = guestHears.filter((pcm) => heard(pcm, 440) && heard(pcm, 1_000));
    expect(both.length / guestHears.length).toBeGreaterThan(0.8);
    // The agent hears the customer and never itself.
    const agentHears = frames(a, from.a);
    expect(agentHears.filter((pcm) => heard(pcm, 440)).length).toBeGreaterThan(20);
    expect(agentHears.filter((pcm) => toneAmplitude(pcm, 1_000) > 800)).toEqual([]);
  });

  it('a dropped attendee is announced gone with `dropped` after the grace period', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    await c.speak();
    await a.next(FrameType.AUDIO_STREAM_ID_INFO, announces(customer.AttendeeId));
    plane.dropSignaling(meeting.MeetingId, customer.AttendeeId);
    const gone = await a.next(FrameType.AUDIO_STREAM_ID_INFO, absence);
    expect(streamsOf(gone)).toEqual([{ audioStreamId: expect.any(Number), dropped: true }]);
  });

  it('a reconnecting client first gets the whole roster, and keeps its mute from SUBSCRIBE', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    await a.speak();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    await c.speak();
    await a.next(FrameType.AUDIO_STREAM_ID_INFO, announces(customer.AttendeeId));
    c.send({ type: FrameType.AUDIO_CONTROL, audioControl: { muted: true } });
    await a.next(FrameType.AUDIO_STREAM_ID_INFO, (f) => !!f.audioStreamIdInfo?.streams?.[0]?.muted);

    plane.dropSignaling(meeting.MeetingId, customer.AttendeeId, 4500);
    await c.closed();
    await c.peer?.close();
    const again = await connect(url, customer.JoinToken);
    await again.join();
    // The first stream info after the reconnect is the roster: both attendees (the customer still
    // on its old stream), so the SDK's cleanUpState removes nobody.
    const roster = await again.next(FrameType.AUDIO_STREAM_ID_INFO);
    expect(
      streamsOf(roster)
        .map((e) => e.attendeeId)
        .sort(),
    ).toEqual([agent.AttendeeId, customer.AttendeeId].sort());
    // Reconnected muted: no AUDIO_CONTROL, only `audio_muted` in SUBSCRIBE.
    await again.speak({ audioMuted: true });
    const back = await a.next(FrameType.AUDIO_STREAM_ID_INFO, announces(customer.AttendeeId));
    expect(back.audioStreamIdInfo?.streams?.[0]?.muted).toBe(true);
    expect(
      plane.stats(meeting.MeetingId)?.attendees.find((x) => x.attendeeId === customer.AttendeeId),
    ).toMatchObject({ present: true, muted: true });
  });

  it("sends AUDIO_METADATA about five times a second with each present stream's level and signal", async () => {
    const { customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    await c.speak();
    await c.next(FrameType.AUDIO_STREAM_ID_INFO, announces(customer.AttendeeId));
    const a = await connect(url, agent.JoinToken);
    await a.join();
    const frames = await a.collect(FrameType.AUDIO_METADATA, 1_000);
    expect(frames.length).toBeGreaterThanOrEqual(4);
    expect(frames.length).toBeLessThanOrEqual(6);
    const state = frames.at(-1)?.audioMetadata?.attendeeStates?.[0];
    // 50 packets a second arrive: full strength. The test peer writes no level extension, so its
    // volume reads as silence (127 dB below overload).
    expect(state).toMatchObject({ signalStrength: 2, volume: 127, muted: false });
  });

  it('INDEX counts the present participants, BITRATES reports published video, the server pings', async () => {
    const { customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    await c.speak({ video: true });
    await a.speak();
    await a.next(FrameType.AUDIO_STREAM_ID_INFO, announces(agent.AttendeeId));
    const index = await a.next(
      FrameType.INDEX,
      (f) => f.index?.numParticipants === 2 && (f.index?.sources?.length ?? 0) === 1,
    );
    expect(index.index?.sources?.[0]?.attendeeId).toBe(customer.AttendeeId);
    const bitrates = await a.next(
      FrameType.BITRATES,
      (f) => (f.bitrates?.bitrates?.[0]?.avgBitrateBps ?? 0) > 100_000,
    );
    expect(bitrates.bitrates?.bitrates?.[0]?.sourceStreamId).toBe(
      index.index?.sources?.[0]?.streamId,
    );
    const ping = await a.next(
      FrameType.PING_PONG,
      (f) => f.pingPong?.type === protocol.SdkPingPongType.PING,
    );
    expect(ping.pingPong?.pingId).toBeGreaterThan(0);
  });

  it('answers ping with pong of the same id', async () => {
    const { customer, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    c.send({
      type: FrameType.PING_PONG,
      pingPong: { type: protocol.SdkPingPongType.PING, pingId: 42 },
    });
    const pong = await c.next(FrameType.PING_PONG);
    expect(pong.pingPong).toMatchObject({ type: protocol.SdkPingPongType.PONG, pingId: 42 });
  });

  it('relays data messages with the sender filled in, and sends service messages', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    a.send({
      type: FrameType.DATA_MESSAGE,
      dataMessage: { messages: [{ topic: 'chat', data: Buffer.from('hi'), lifetimeMs: 0 }] },
    });
    const relayed = await c.next(FrameType.DATA_MESSAGE);
    expect(relayed.dataMessage?.messages?.[0]).toMatchObject({
      topic: 'chat',
      senderAttendeeId: agent.AttendeeId,
      senderExternalUserId: 'ana-agent',
    });
    expect(Buffer.from(relayed.dataMessage?.messages?.[0]?.data ?? []).toString()).toBe('hi');
    plane.sendDataMessage(
      meeting.MeetingId,
      'AMAZON_CONNECT_SCREEN_SHARING',
      '{"message":"ScreenSharingStarted"}',
    );
    const fromService = await c.next(FrameType.DATA_MESSAGE);
    expect(Buffer.from(fromService.dataMessage?.messages?.[0]?.data ?? []).toString()).toContain(
      'ScreenSharingStarted',
    );
  });

  it('keeps messages sent with lifetimeMs and replays them, in order, to later joiners until they expire', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    const chat = (text: string, lifetimeMs: number) => ({
      topic: 'chat',
      data: Buffer.from(text),
      lifetimeMs,
    });
    a.send({
      type: FrameType.DATA_MESSAGE,
      dataMessage: { messages: [chat('kept', 60_000), chat('gone', 0), chat('brief', 100)] },
    });
    // The agent's frame has reached the server before the service sends its own.
    await new Promise((r) => setTimeout(r, 50));
    plane.sendDataMessage(meeting.MeetingId, 'AMAZON_CONNECT_SCREEN_SHARING', 'started', 60_000);
    await new Promise((r) => setTimeout(r, 200));
    const c = await connect(url, customer.JoinToken);
    await c.join();
    const replay = await c.next(FrameType.DATA_MESSAGE);
    expect(
      replay.dataMessage?.messages?.map((m) => [
        m.topic,
        Buffer.from(m.data ?? []).toString(),
        m.senderAttendeeId,
      ]),
    ).toEqual([
      ['chat', 'kept', agent.AttendeeId],
      ['AMAZON_CONNECT_SCREEN_SHARING', 'started', ''],
    ]);
    // Replays carry the original ingest time, so a client can tell them from new messages.
    expect(Number(replay.dataMessage?.messages?.[0]?.ingestTimeNs)).toBeLessThan(
      (Date.now() - 150) * 1e6,
    );
  });

  it('throttles a sender over 100 messages a second (burst 200): the excess comes back to it alone', async () => {
    const { customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    for (let i = 0; i < 260; i++) {
      a.send({
        type: FrameType.DATA_MESSAGE,
        dataMessage: { messages: [{ topic: 'burst', data: Buffer.from(String(i)) }] },
      });
    }
    const toCustomer = await c.collect(FrameType.DATA_MESSAGE, 300);
    const backToAgent = a.frames.filter((f) => f.type === FrameType.DATA_MESSAGE);
    const delivered = toCustomer.flatMap((f) => f.dataMessage?.messages ?? []);
    const throttled = backToAgent.flatMap((f) => f.dataMessage?.messages ?? []);
    expect(delivered.length).toBeGreaterThanOrEqual(200);
    expect(delivered.length).toBeLessThan(260);
    expect(delivered.length + throttled.length).toBe(260);
    // Ingest time 0 is how the SDK marks a message throttled (DataMessage.throttled).
    expect(throttled.every((m) => Number(m.ingestTimeNs) === 0)).toBe(true);
    expect(throttled[0]?.senderAttendeeId).toBe(agent.AttendeeId);
  });

  it('broadcasts mute state as stream info', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    await c.speak();
    await c.next(FrameType.AUDIO_STREAM_ID_INFO, announces(customer.AttendeeId));
    const a = await connect(url, agent.JoinToken);
    await a.join();
    c.send({ type: FrameType.AUDIO_CONTROL, audioControl: { muted: true } });
    const info = await a.next(
      FrameType.AUDIO_STREAM_ID_INFO,
      (f) => f.audioStreamIdInfo?.streams?.[0]?.muted === true,
    );
    expect(info.audioStreamIdInfo?.streams?.[0]?.attendeeId).toBeFalsy();
    expect(
      plane.stats(meeting.MeetingId)?.attendees.find((x) => x.attendeeId === customer.AttendeeId)
        ?.muted,
    ).toBe(true);
  });

  it('LEAVE gets LEAVE_ACK, marks the attendee gone and reports it as left', async () => {
    const { customer, agent, url } = meetingWithTwo();
    const left: string[] = [];
    plane.on('attendeeLeft', (_id, a, reason) => left.push(`${a.externalUserId}:${reason}`));
    const c = await connect(url, customer.JoinToken);
    await c.join();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    await a.speak();
    await c.next(FrameType.AUDIO_STREAM_ID_INFO, announces(agent.AttendeeId));
    a.send({ type: FrameType.LEAVE, leave: {} });
    await a.next(FrameType.LEAVE_ACK);
    const gone = await c.next(FrameType.AUDIO_STREAM_ID_INFO, absence);
    // Left, not dropped.
    expect(streamsOf(gone)).toEqual([{ audioStreamId: expect.any(Number) }]);
    expect(left).toEqual(['ana-agent:left']);
  });

  it('a dropped socket that does not come back counts as disconnected after the grace period', async () => {
    const { meeting, customer, url } = meetingWithTwo();
    const left: string[] = [];
    plane.on('attendeeLeft', (_id, a, reason) => left.push(`${a.externalUserId}:${reason}`));
    const c = await connect(url, customer.JoinToken);
    await c.join();
    expect(plane.dropSignaling(meeting.MeetingId, customer.AttendeeId)).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(left).toEqual([]);
    await expect.poll(() => left, { timeout: 5_000 }).toEqual(['p-1-customer:disconnected']);
  });

  it('a rejoin within the grace period keeps the attendee', async () => {
    const { meeting, customer, url } = meetingWithTwo();
    const left: string[] = [];
    plane.on('attendeeLeft', (_id, a) => left.push(a.externalUserId));
    const c = await connect(url, customer.JoinToken);
    await c.join();
    plane.dropSignaling(meeting.MeetingId, customer.AttendeeId, 4500);
    expect(await c.closed()).toBe(4500);
    const again = await connect(url, customer.JoinToken);
    await again.join();
    await new Promise((r) => setTimeout(r, 900));
    expect(left).toEqual([]);
  });

  it('the same credentials joining again replace the older session with status 301', async () => {
    const { customer, url } = meetingWithTwo();
    const first = await connect(url, customer.JoinToken);
    await first.join();
    const second = await connect(url, customer.JoinToken);
    await second.join();
    const status = await first.next(FrameType.AUDIO_STATUS);
    expect(status.audioStatus?.audioStatus).toBe(301);
    await first.closed();
  });

  it('ending the meeting sends 410 and closes with 4410; a late join is refused the same way', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    plane.endMeeting(meeting.MeetingId);
    expect((await c.next(FrameType.AUDIO_STATUS)).audioStatus?.audioStatus).toBe(410);
    expect(await c.closed()).toBe(4410);
    const late = await connect(url, agent.JoinToken);
    late.send({ type: FrameType.JOIN, join: { protocolVersion: 2 } });
    expect((await late.next(FrameType.AUDIO_STATUS)).audioStatus?.audioStatus).toBe(410);
  });

  it('six people in a call at most: a seventh gets 409 (AudioCallAtCapacity), a content share and a reconnect do not count', async () => {
    const meeting = plane.createMeeting();
    const url = meeting.MediaPlacement.SignalingUrl;
    const people = Array.from({ length: 7 }, (_, i) =>
      plane.createAttendee(meeting.MeetingId, `p-${i}-${i === 1 ? 'agent' : 'customer'}`),
    );
    const joined = [];
    for (const person of people.slice(0, 6)) {
      const client = await connect(url, person.JoinToken);
      await client.join();
      joined.push(client);
    }
    const content = await connect(url, `${people[0]!.JoinToken}#content`);
    await content.join();
    const again = await connect(url, people[2]!.JoinToken);
    await again.join();

    const seventh = await connect(url, people[6]!.JoinToken);
    seventh.send({ type: FrameType.JOIN, join: { protocolVersion: 2 } });
    expect((await seventh.next(FrameType.AUDIO_STATUS)).audioStatus?.audioStatus).toBe(409);
    expect(await seventh.closed()).toBe(1000);
    expect(joined[0]!.closeCode).toBeUndefined();

    // One leaves: there is room again.
    const gone = new Promise<void>((resolve) =>
      plane.on('attendeeLeft', (_id, a) => {
        if (a.attendeeId === people[5]!.AttendeeId) resolve();
      }),
    );
    joined[5]!.send({ type: FrameType.LEAVE, leave: {} });
    await joined[5]!.next(FrameType.LEAVE_ACK);
    joined[5]!.ws.close();
    await gone;
    const retry = await connect(url, people[6]!.JoinToken);
    await retry.join();
    expect(retry.closeCode).toBeUndefined();
  });

  it('removing an attendee sends 411 to it alone', async () => {
    const { meeting, customer, agent, url } = meetingWithTwo();
    const c = await connect(url, customer.JoinToken);
    await c.join();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    plane.removeAttendee(meeting.MeetingId, customer.AttendeeId);
    expect((await c.next(FrameType.AUDIO_STATUS)).audioStatus?.audioStatus).toBe(411);
    expect(a.closeCode).toBeUndefined();
  });

  it('a content-share session joins as <AttendeeId>#content', async () => {
    const { customer, agent, url } = meetingWithTwo();
    const a = await connect(url, agent.JoinToken);
    await a.join();
    const content = await connect(url, `${customer.JoinToken}#content`);
    await content.join();
    await content.speak();
    const seen = await a.next(
      FrameType.AUDIO_STREAM_ID_INFO,
      (f) => !!f.audioStreamIdInfo?.streams?.[0]?.attendeeId?.endsWith('#content'),
    );
    expect(seen.audioStreamIdInfo?.streams?.[0]).toMatchObject({
      attendeeId: `${customer.AttendeeId}#content`,
      externalUserId: 'p-1-customer#content',
    });
  });
});
