import type { RtpPacket } from 'werift';
import type { AttendeeLeftReason, MeetingStats } from './media-plane.js';
import type { SignalingSession } from './signaling-session.js';
import { AudioLevels } from './audio-levels.js';
import { AudioMixer, type MixListener } from './audio-mixer.js';
import { ServerAudio } from './server-audio.js';
import { FrameType, protocol, type SignalFrameInit } from './signaling-protocol.js';
import { receiveCodecIntersection } from './video-codecs.js';

export interface Attendee {
  attendeeId: string;
  externalUserId: string;
  joinToken: string;
}

interface Presence {
  attendeeId: string;
  externalUserId: string;
  audioStreamId: number;
  muted: boolean;
}

/** An attendee with no live session that may still come back. */
interface Away {
  /** Its presence is withdrawn (with `dropped`) when this fires. */
  goneTimer: NodeJS.Timeout;
  /** Connect counts the participant as gone when this fires. */
  leftTimer: NodeJS.Timeout;
}

interface DataPayload {
  topic: string;
  data: Uint8Array;
  lifetimeMs: number;
  senderAttendeeId: string;
  senderExternalUserId: string;
  ingestTimeNs: number;
}

/** Production's limits for kept data messages (guides/03_API_Overview.md). */
const MAX_DATA_LIFETIME_MS = 5 * 60_000;
const MAX_RETAINED_DATA = 1_024;

export interface MeetingHooks {
  attendeeJoined(attendee: { attendeeId: string; externalUserId: string }): void;
  attendeeLeft(
    attendee: { attendeeId: string; externalUserId: string },
    reason: AttendeeLeftReason,
  ): void;
}

export interface MeetingTimings {
  /** How long presence survives a dropped socket (the SDK reconnects within seconds). */
  presenceGraceMs: number;
  /** How long a participant may stay away before it counts as gone (Connect keeps 60 s). */
  disconnectGraceMs: number;
  /** AUDIO_METADATA period: production sends it about five times a second. */
  audioMetadataMs: number;
  /** BITRATES period: production sends it about every 4 s. */
  bitratesMs: number;
  /** How often the server pings each client. */
  serverPingMs: number;
}

export const DEFAULT_MEETING_TIMINGS: MeetingTimings = {
  presenceGraceMs: 10_000,
  disconnectGraceMs: 60_000,
  audioMetadataMs: 200,
  bitratesMs: 4_000,
  serverPingMs: 10_000,
};

/** Who the mixer mixes: clients' sessions and the meeting's own players. */
type MixKey = SignalingSession | ServerAudio<MixKey>;
const isSession = (key: MixKey): key is SignalingSession => 'attendeeId' in key;

/** The content-share attendee of `X` is `X#content`, with the token `<JoinToken>#content`. */
export const CONTENT_SUFFIX = '#content';

/**
 * One Chime meeting: its attendees, their live signaling sessions, presence, and the RTP routes
 * between sessions.
 */
/** People in one call at most: Amazon Connect's multi-user web calls. */
export const MAX_PARTICIPANTS = 6;

export class Meeting {
  readonly attendees = new Map<string, Attendee>();
  readonly sessions = new Set<SignalingSession>();
  private readonly presence = new Map<string, Presence>();
  private readonly announced = new Set<string>();
  private readonly away = new Map<string, Away>();
  private readonly levels = new AudioLevels();
  private readonly mixer = new AudioMixer<MixKey>(() => this.mixListeners());
  private readonly players = new Set<ServerAudio<MixKey>>();
  /** Video bytes received per publishing session since the last BITRATES frame. */
  private readonly videoBytes = new Map<SignalingSession, number>();
  private timers: NodeJS.Timeout[] = [];
  /** Data messages sent with a lifetime, replayed to later joiners until they expire. */
  private retained: { payload: DataPayload; expiresAt: number }[] = [];
  /** Client events the SDK posted to the EventIngestionUrl (names, the latest 200). */
  private readonly events: { attendeeId: string; name: string }[] = [];
  private nextPingId = 1;
  private readonly forwarded = new Map<string, number>();
  /** The codec key of the latest video packet each attendee published. */
  private readonly publishedCodecs = new Map<string, string>();
  /** Video packets written to each attendee, per codec key. */
  private readonly deliveredCodecs = new Map<string, Map<string, number>>();
  private nextAudioStreamId = 1;
  private nextVideoStreamId = 1;
  private nextGroupId = 1;
  private forwardingEnabled = true;
  ended = false;

  get forwarding(): boolean {
    return this.forwardingEnabled;
  }

  /** Fault switch: with forwarding off, no media path of this meeting carries anything. */
  set forwarding(enabled: boolean) {
    this.forwardingEnabled = enabled;
    for (const session of this.sessions) session.peer?.setBlackhole(!enabled);
    // Every subscriber missed frames while the path was dead: as a forwarding unit does when a
    // path comes back, ask each publisher for a key frame rather than wait for every decoder's
    // own request to get through.
    if (enabled) {
      for (const session of this.sessions) {
        if (session.publishing) this.requestKeyFrame(session.videoStreamId);
      }
    }
  }

  constructor(
    readonly meetingId: string,
    private readonly hooks: MeetingHooks,
    private readonly timings: MeetingTimings,
  ) {}

  allocateAudioStreamId(): number {
    return this.nextAudioStreamId++;
  }
  allocateVideoStreamId(): number {
    return this.nextVideoStreamId++;
  }
  allocateGroupId(): number {
    return this.nextGroupId++;
  }

  /**
   * Whether this session would be a seventh person in the call. Amazon Connect takes six at most
   * (the agent, the first customer and four more); the SDK reports AudioCallAtCapacity when one
   * more joins (administrator guide, "Enable multi-user in-app, web, and video calling"). Content
   * shares are not people, and an attendee already in the call (a reconnect) is no one new.
   */
  isFullFor(session: SignalingSession): boolean {
    if (isContent(session.attendeeId)) return false;
    const others = new Set(
      [...this.sessions]
        .filter((s) => !isContent(s.attendeeId) && s.attendeeId !== session.attendeeId)
        .map((s) => s.attendeeId),
    );
    return others.size >= MAX_PARTICIPANTS;
  }

  /**
   * A session finished JOIN: it replaces any older live session of the same attendee. It is not
   * present yet: production announces an attendee once its audio reaches the server
   * (connectionhealthpolicy/ConnectionHealthPolicyConfiguration.js), see `mediaArrived`.
   */
  join(session: SignalingSession): void {
    for (const other of this.sessions) {
      if (other !== session && other.attendeeId === session.attendeeId) {
        // The same credentials joined again (a second tab): the SDK reports
        // AudioJoinedFromAnotherDevice for 301 and stops that session.
        other.send({ type: FrameType.AUDIO_STATUS, audioStatus: { audioStatus: 301 } });
        other.close(1000, 'joined from another device');
      }
    }
    this.sessions.add(session);
    this.startTimers();
    this.cancelAway(session.attendeeId);
    // The first stream info a (re)joining client gets is the whole roster: after a reconnect the
    // SDK marks everyone missing from it as gone (DefaultVolumeIndicatorAdapter.cleanUpState).
    session.send(this.presenceFrame([...this.presence.values()]));
    session.send(this.indexFrameFor(session));
    this.replayData(session);
    // Connect's view: the participant is in the call from its join on (it can leave before its
    // audio ever arrives, and that still ends the contact).
    if (!isContent(session.attendeeId) && !this.announced.has(session.attendeeId)) {
      this.announced.add(session.attendeeId);
      this.hooks.attendeeJoined({
        attendeeId: session.attendeeId,
        externalUserId: session.externalUserId,
      });
    }
  }

  /**
   * The session's first media reached the server (its audio; a content share may have none, so its
   * video counts too): the attendee is present now, on this session's audio stream. A rejoining
   * attendee's older stream is retired after the new one is announced, so the SDK never sees it
   * absent in between (DefaultVolumeIndicatorAdapter: a newer stream id of the same attendee).
   */
  mediaArrived(session: SignalingSession): void {
    if (!this.sessions.has(session) || this.ended) return;
    const previous = this.presence.get(session.attendeeId);
    if (previous?.audioStreamId === session.audioStreamId) return;
    const entry: Presence = {
      attendeeId: session.attendeeId,
      externalUserId: session.externalUserId,
      audioStreamId: session.audioStreamId,
      muted: session.muted,
    };
    this.presence.set(session.attendeeId, entry);
    this.broadcast(this.presenceFrame([entry]));
    if (previous) {
      this.broadcast(this.absenceFrame(previous.audioStreamId));
      this.levels.forget(previous.audioStreamId);
    } else {
      // INDEX's num_participants counts who is present.
      this.broadcastIndex();
    }
  }

  /** The session's socket is gone: `left` when it sent LEAVE first. */
  sessionClosed(session: SignalingSession, left: boolean): void {
    const intersection = this.codecIntersection().join();
    if (!this.sessions.delete(session)) return;
    this.videoBytes.delete(session);
    this.mixer.forget(session);
    // A client that could not receive some codec is gone: publishers may go back to their first
    // choice (ReceiveVideoStreamIndexTask renegotiates when the intersection grows).
    if (session.publishing || this.codecIntersection().join() !== intersection) {
      this.broadcastIndex();
    }
    // A newer session of the same attendee carries on (a reconnect that overlapped, a second
    // tab): its first media retires this one's stream.
    if ([...this.sessions].some((s) => s.attendeeId === session.attendeeId)) return;
    if (left || this.ended || isContent(session.attendeeId)) {
      this.attendeeGone(session, left ? 'left' : 'meeting-ended');
      return;
    }
    // Dropped without LEAVE: the SDK reconnects within seconds, so presence stays for a while,
    // then goes with `dropped` (what the SDK passes on to realtimeSubscribeToAttendeeIdPresence).
    const attendeeId = session.attendeeId;
    this.cancelAway(attendeeId);
    this.away.set(attendeeId, {
      goneTimer: setTimeout(() => {
        const entry = this.presence.get(attendeeId);
        if (!entry) return;
        this.presence.delete(attendeeId);
        this.levels.forget(entry.audioStreamId);
        this.broadcast(this.absenceFrame(entry.audioStreamId, true));
        this.broadcastIndex();
      }, this.timings.presenceGraceMs),
      leftTimer: setTimeout(
        () => this.attendeeGone(session, 'disconnected'),
        this.timings.disconnectGraceMs,
      ),
    });
  }

  private cancelAway(attendeeId: string): void {
    const away = this.away.get(attendeeId);
    if (!away) return;
    clearTimeout(away.goneTimer);
    clearTimeout(away.leftTimer);
    this.away.delete(attendeeId);
  }

  private attendeeGone(
    attendee: { attendeeId: string; externalUserId: string },
    reason: AttendeeLeftReason,
  ): void {
    this.cancelAway(attendee.attendeeId);
    const entry = this.presence.get(attendee.attendeeId);
    if (entry) {
      this.presence.delete(attendee.attendeeId);
      this.levels.forget(entry.audioStreamId);
      // After the end nobody "leaves" any more: the meeting is gone for everyone at once.
      if (!this.ended) {
        this.broadcast(this.absenceFrame(entry.audioStreamId));
        this.broadcastIndex();
      }
    }
    if (!isContent(attendee.attendeeId) && this.announced.delete(attendee.attendeeId)) {
      this.hooks.attendeeLeft(
        { attendeeId: attendee.attendeeId, externalUserId: attendee.externalUserId },
        reason,
      );
    }
  }

  setMuted(session: SignalingSession, muted: boolean): void {
    session.muted = muted;
    const entry = this.presence.get(session.attendeeId);
    if (!entry || entry.audioStreamId !== session.audioStreamId || entry.muted === muted) return;
    entry.muted = muted;
    this.broadcast({
      type: FrameType.AUDIO_STREAM_ID_INFO,
      audioStreamIdInfo: { streams: [{ audioStreamId: entry.audioStreamId, muted }] },
    });
  }

  /**
   * Relays data messages; `from` undefined means the service itself sent them. As production does
   * (guides/03_API_Overview.md, "data messages"): a sender over 100 messages a second (burst 200)
   * gets the excess back marked throttled (ingest time 0, which the SDK's
   * SendAndReceiveDataMessagesTask reads as `throttled`) and nobody else sees it; a message with
   * `lifetimeMs` is kept (at most 1,024, for at most 5 minutes) and replayed to whoever joins later,
   * a reconnecting client included.
   */
  relayData(
    messages: { topic: string; data: Uint8Array; lifetimeMs?: number }[],
    from?: SignalingSession,
  ): void {
    const now = Date.now();
    const ingestTimeNs = Number(BigInt(now) * 1_000_000n);
    const accepted: DataPayload[] = [];
    const throttled: DataPayload[] = [];
    for (const m of messages) {
      const payload: DataPayload = {
        topic: m.topic,
        data: m.data,
        lifetimeMs: m.lifetimeMs ?? 0,
        senderAttendeeId: from?.attendeeId ?? '',
        senderExternalUserId: from?.externalUserId ?? '',
        ingestTimeNs,
      };
      if (from && !from.dataRate.take(now)) {
        throttled.push({ ...payload, ingestTimeNs: 0 });
        continue;
      }
      accepted.push(payload);
      if (payload.lifetimeMs > 0) {
        const lifetime = Math.min(payload.lifetimeMs, MAX_DATA_LIFETIME_MS);
        this.retained.push({ payload, expiresAt: now + lifetime });
        this.retained.splice(0, Math.max(0, this.retained.length - MAX_RETAINED_DATA));
      }
    }
    if (throttled.length > 0) {
      from?.send({ type: FrameType.DATA_MESSAGE, dataMessage: { messages: throttled } });
    }
    if (accepted.length > 0) {
      this.broadcast({ type: FrameType.DATA_MESSAGE, dataMessage: { messages: accepted } }, from);
    }
  }

  /** The kept messages still alive, in the order they were sent, for a (re)joining session. */
  private replayData(session: SignalingSession): void {
    const now = Date.now();
    this.retained = this.retained.filter((r) => r.expiresAt > now);
    if (this.retained.length === 0) return;
    session.send({
      type: FrameType.DATA_MESSAGE,
      dataMessage: { messages: this.retained.map((r) => r.payload) },
    });
  }

  /** Publishing changed (camera on/off): every other session gets a fresh index. */
  broadcastIndex(): void {
    for (const session of this.sessions) session.send(this.indexFrameFor(session));
  }

  indexFrameFor(viewer: SignalingSession): SignalFrameInit {
    const sources = [...this.sessions]
      .filter((s) => s !== viewer && s.publishing)
      .map((s) => ({
        attendeeId: s.attendeeId,
        externalUserId: s.externalUserId,
        streamId: s.videoStreamId,
        groupId: s.groupId,
        // The proto default is AUDIO, which the SDK ignores for video.
        mediaType: protocol.SdkStreamMediaType.VIDEO,
        maxBitrateKbps: 1500,
        avgBitrateBps: 1_000_000,
        width: 1280,
        height: 720,
        framerate: 15,
      }));
    // Without num_participants the SDK reads -1 (DefaultVideoStreamIndex.numberOfParticipants),
    // and its simulcast uplink policy decides on that.
    const numParticipants = [...this.presence.keys()].filter((id) => !isContent(id)).length;
    return {
      type: FrameType.INDEX,
      index: {
        atCapacity: false,
        sources,
        numParticipants,
        supportedReceiveCodecIntersection: this.codecIntersection(),
      },
    };
  }

  /**
   * INDEX `supported_receive_codec_intersection`: the codecs every client that has offered can
   * receive. The SDK sends the first of its preferences in it (ReceiveVideoStreamIndexTask), so
   * one client without VP9 makes every publisher fall back, and its leaving lets them go back.
   */
  codecIntersection(): number[] {
    return receiveCodecIntersection(
      [...this.sessions]
        .map((s) => s.peer?.receivableVideoCodecs)
        .filter((set): set is ReadonlySet<string> => set !== undefined && set.size > 0),
    );
  }

  /** Routes one RTP packet from a publishing session to every session that receives it. */
  forward(from: SignalingSession, kind: 'audio' | 'video', packet: RtpPacket): void {
    if (!from.mediaSeen && (kind === 'audio' || isContent(from.attendeeId))) {
      from.mediaSeen = true;
      this.mediaArrived(from);
    }
    if (kind === 'audio')
      this.levels.add(from.audioStreamId, packet, from.peer?.audioLevelExtensionId);
    else this.videoBytes.set(from, (this.videoBytes.get(from) ?? 0) + packet.payload.length);
    if (!this.forwarding || this.ended) return;
    const key = `${from.attendeeId} ${kind}`;
    this.forwarded.set(key, (this.forwarded.get(key) ?? 0) + 1);
    if (kind === 'audio') {
      this.mixer.push(from, packet.payload);
      return;
    }
    // Which codec a video packet carries, by the payload type the publisher's offer gave it.
    const codec = from.peer?.publishedCodecKey(packet.header.payloadType);
    if (codec === undefined) return;
    this.publishedCodecs.set(from.attendeeId, codec);
    let raw: Buffer | undefined;
    for (const to of this.sessions) {
      if (to === from || to.peer === undefined) continue;
      for (const output of to.peer.videoOutputs()) {
        if (output.streamId !== from.videoStreamId) continue;
        raw ??= packet.serialize();
        const written = to.peer.writeVideo(output, raw, codec);
        if (written === 'unsupported') continue;
        const delivered = this.deliveredCodecs.get(to.attendeeId) ?? new Map<string, number>();
        this.deliveredCodecs.set(to.attendeeId, delivered);
        delivered.set(codec, (delivered.get(codec) ?? 0) + 1);
        // This m-line now carries another codec (the publisher fell back, or the m-line was
        // renegotiated mid-stream): its decoder needs a key frame of it.
        if (written === 'switched') this.requestKeyFrame(from.videoStreamId);
      }
    }
  }

  /**
   * Everyone with a media connection hears the mix of everyone else; an attendee never hears its
   * own voice or its own content share (which shares its base id).
   */
  private *mixListeners(): Iterable<MixListener<MixKey>> {
    // With forwarding off the peers drop whatever is sent (a dead path), and each listener's
    // stream goes on counting: after the outage it resumes in sequence, as over a real network,
    // instead of restarting at new random numbers that the browser would drop as out of order.
    if (this.ended) return;
    for (const session of this.sessions) {
      const peer = session.peer;
      if (!peer) continue;
      const self = baseAttendeeId(session.attendeeId);
      yield {
        key: session,
        // The meeting's own players decide for themselves (ServerAudio.heardBy).
        hears: (source) => isSession(source) && baseAttendeeId(source.attendeeId) !== self,
        send: (packet) => peer.audioOut.writeRtp(packet),
      };
    }
  }

  /**
   * Audio the meeting plays to `attendeeId` alone (a contact flow to its customer): a source of the
   * mix with no attendee, no presence and no roster entry. Production's roster while a flow plays
   * is not documented; the SDK needs none to play what arrives on the downlink.
   */
  addPlayer(attendeeId: string): ServerAudio<MixKey> {
    const player: ServerAudio<MixKey> = new ServerAudio<MixKey>(
      (listener) => isSession(listener) && listener.attendeeId === attendeeId,
      () => {
        this.players.delete(player);
        this.mixer.forget(player);
      },
    );
    if (this.ended) {
      player.close();
      return player;
    }
    this.players.add(player);
    this.mixer.addServerSource(player, player);
    return player;
  }

  requestKeyFrame(videoStreamId: number): void {
    for (const session of this.sessions) {
      if (session.publishing && session.videoStreamId === videoStreamId)
        session.peer?.requestKeyFrame();
    }
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const player of [...this.players]) player.close();
    this.stopTimers();
    // Everyone hears "meeting ended" before anyone's socket closes, or the first close would reach
    // the others as that attendee leaving.
    const sessions = [...this.sessions];
    for (const session of sessions) {
      session.send({ type: FrameType.AUDIO_STATUS, audioStatus: { audioStatus: 410 } });
    }
    for (const session of sessions) session.close(4410, 'meeting ended');
    for (const entry of [...this.presence.values()]) this.attendeeGone(entry, 'meeting-ended');
    for (const attendeeId of [...this.announced]) {
      const attendee = this.attendees.get(attendeeId);
      if (attendee) this.attendeeGone(attendee, 'meeting-ended');
    }
    for (const attendeeId of [...this.away.keys()]) this.cancelAway(attendeeId);
  }

  remove(attendeeId: string): void {
    const removed = [...this.sessions].filter((s) => baseAttendeeId(s.attendeeId) === attendeeId);
    for (const session of removed) {
      session.send({ type: FrameType.AUDIO_STATUS, audioStatus: { audioStatus: 411 } });
      // Gone from the meeting before its socket closes, so the close is not taken for a drop.
      this.sessions.delete(session);
      this.mixer.forget(session);
      session.close(4411, 'attendee removed');
      if (session.publishing) this.broadcastIndex();
    }
    const attendee = this.attendees.get(attendeeId);
    for (const id of [attendeeId, attendeeId + CONTENT_SUFFIX]) {
      const externalUserId =
        removed.find((s) => s.attendeeId === id)?.externalUserId ??
        this.presence.get(id)?.externalUserId ??
        (attendee ? attendee.externalUserId + (id === attendeeId ? '' : CONTENT_SUFFIX) : '');
      this.attendeeGone({ attendeeId: id, externalUserId }, 'removed');
    }
  }

  /** The periodic frames production sends while anyone is connected. */
  private startTimers(): void {
    if (this.timers.length > 0 || this.ended) return;
    this.timers = [
      setInterval(() => this.sendAudioMetadata(), this.timings.audioMetadataMs),
      setInterval(() => this.sendBitrates(), this.timings.bitratesMs),
      setInterval(() => {
        const pingId = this.nextPingId++;
        // The SDK answers none (DefaultPingPong reads only PONGs): sent because production does.
        this.broadcast({
          type: FrameType.PING_PONG,
          pingPong: { type: protocol.SdkPingPongType.PING, pingId },
        });
      }, this.timings.serverPingMs),
    ];
    for (const timer of this.timers) timer.unref();
    this.mixer.start();
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.mixer.stop();
  }

  /**
   * AUDIO_METADATA about five times a second: each present stream's volume, mute and signal
   * strength, which the SDK turns into realtimeSubscribeToVolumeIndicator callbacks.
   */
  private sendAudioMetadata(): void {
    if (this.sessions.size === 0) return this.stopTimers();
    const entries = [...this.presence.values()];
    if (entries.length === 0) return;
    this.broadcast({
      type: FrameType.AUDIO_METADATA,
      audioMetadata: {
        attendeeStates: entries.map((e) => ({
          audioStreamId: e.audioStreamId,
          muted: e.muted,
          ...this.levels.take(e.audioStreamId),
        })),
      },
    });
  }

  /** BITRATES: the average bit rate of each published video over the last few seconds. */
  private sendBitrates(): void {
    const bitrates = [...this.sessions]
      .filter((s) => s.publishing)
      .map((s) => ({
        sourceStreamId: s.videoStreamId,
        avgBitrateBps: Math.round(
          ((this.videoBytes.get(s) ?? 0) * 8 * 1000) / this.timings.bitratesMs,
        ),
      }));
    this.videoBytes.clear();
    if (bitrates.length === 0) return;
    this.broadcast({ type: FrameType.BITRATES, bitrates: { bitrates } });
  }

  recordEvents(attendeeId: string, names: string[]): void {
    this.events.push(...names.map((name) => ({ attendeeId, name })));
    this.events.splice(0, Math.max(0, this.events.length - 200));
  }

  stats(): MeetingStats {
    return {
      ended: this.ended,
      events: [...this.events],
      attendees: [...this.attendees.values()].map((a) => ({
        attendeeId: a.attendeeId,
        externalUserId: a.externalUserId,
        present: this.presence.has(a.attendeeId),
        muted: this.presence.get(a.attendeeId)?.muted ?? false,
      })),
      forwarded: [...this.forwarded.entries()].map(([key, packets]) => {
        const [attendeeId = '', kind] = key.split(' ');
        return { attendeeId, kind: kind as 'audio' | 'video', packets };
      }),
      videoCodecs: {
        published: Object.fromEntries(this.publishedCodecs),
        delivered: Object.fromEntries(
          [...this.deliveredCodecs].map(([id, counts]) => [id, Object.fromEntries(counts)]),
        ),
      },
    };
  }

  private presenceFrame(entries: Presence[]): SignalFrameInit {
    return {
      type: FrameType.AUDIO_STREAM_ID_INFO,
      audioStreamIdInfo: {
        streams: entries.map((e) => ({
          audioStreamId: e.audioStreamId,
          attendeeId: e.attendeeId,
          externalUserId: e.externalUserId,
          muted: e.muted,
        })),
      },
    };
  }

  private absenceFrame(audioStreamId: number, dropped = false): SignalFrameInit {
    // An entry with only the stream id marks that stream's attendee gone; `dropped` when its
    // connection was lost rather than it leaving.
    return {
      type: FrameType.AUDIO_STREAM_ID_INFO,
      audioStreamIdInfo: { streams: [dropped ? { audioStreamId, dropped } : { audioStreamId }] },
    };
  }

  private broadcast(frame: SignalFrameInit, except?: SignalingSession): void {
    for (const session of this.sessions) {
      if (session !== except) session.send(frame);
    }
  }
}

export function isContent(attendeeId: string): boolean {
  return attendeeId.endsWith(CONTENT_SUFFIX);
}

export function baseAttendeeId(attendeeId: string): string {
  return isContent(attendeeId) ? attendeeId.slice(0, -CONTENT_SUFFIX.length) : attendeeId;
}
