import { randomUUID } from 'node:crypto';
import type {
  AttendeeDetails,
  AudioPlayer,
  AttendeeLeftReason,
  InjectedStatus,
  MediaPlane,
  MediaPlaneEvents,
  MeetingDetails,
  MeetingStats,
} from '../media/media-plane.js';
import { randomToken } from '../random-token.js';

type Recorded =
  | 'createMeeting'
  | 'createAttendee'
  | 'endMeeting'
  | 'removeAttendee'
  | 'sendDataMessage'
  | 'dropSignaling'
  | 'injectStatus'
  | 'setMediaForwarding';
type ArgsOf = { [M in Recorded]: Parameters<MediaPlane[M]> };
export type RecordedCall = { [M in Recorded]: { method: M; args: ArgsOf[M] } }[Recorded];

/** One `play` on a recording player, as the media plane received it. */
export interface RecordedPlay {
  meetingId: string;
  attendeeId: string;
  packets: readonly Buffer[];
  loop: boolean;
  /** Set once it ended: true when it played to its end, false when stopped first. */
  finished?: boolean;
}

/**
 * A player paced by timers as the mixer's clock paces the real one (20 ms a packet), so that fake
 * timers drive it in tests; it records what was played, and when each play ended.
 */
export class RecordingAudioPlayer implements AudioPlayer {
  private current?: { play: RecordedPlay; timer?: NodeJS.Timeout; done(ok: boolean): void };
  closed = false;

  constructor(
    readonly meetingId: string,
    readonly attendeeId: string,
    private readonly record: (play: RecordedPlay) => void,
  ) {}

  get playing(): RecordedPlay | undefined {
    return this.current?.play;
  }

  play(packets: readonly Buffer[], options: { loop?: boolean } = {}): Promise<boolean> {
    this.stop();
    if (this.closed) return Promise.resolve(false);
    const play: RecordedPlay = {
      meetingId: this.meetingId,
      attendeeId: this.attendeeId,
      packets,
      loop: options.loop ?? false,
    };
    this.record(play);
    return new Promise((resolve) => {
      const current: NonNullable<typeof this.current> = {
        play,
        done: (ok) => {
          clearTimeout(current.timer);
          play.finished = ok;
          if (this.current === current) this.current = undefined;
          resolve(ok);
        },
      };
      this.current = current;
      if (!play.loop) current.timer = setTimeout(() => current.done(true), packets.length * 20);
    });
  }

  stop(): void {
    this.current?.done(false);
  }

  close(): void {
    this.stop();
    this.closed = true;
  }
}

type Listeners = { [K in keyof MediaPlaneEvents]: Set<MediaPlaneEvents[K]> };

/**
 * An in-memory MediaPlane for unit tests of the control plane: it hands out plausible meetings and
 * attendees, records every call, and lets a test raise the events a real media plane would.
 */
export class RecordingMediaPlane implements MediaPlane {
  readonly calls: RecordedCall[] = [];
  /** Methods that throw on their next call, to test that callers leave nothing half-done. */
  readonly failNext = new Set<RecordedCall['method']>();
  private readonly meetings = new Map<
    string,
    { attendees: Map<string, string>; ended: boolean; forwarding: boolean }
  >();
  private readonly listeners: Listeners = { attendeeJoined: new Set(), attendeeLeft: new Set() };
  /** Every play of every player, in order. */
  readonly plays: RecordedPlay[] = [];
  readonly players: RecordingAudioPlayer[] = [];
  /** Who is in a meeting now, by `<meetingId> <attendeeId>`, and whether their microphone is muted. */
  private readonly present = new Map<string, { muted: boolean }>();

  constructor(private readonly baseUrl = 'http://127.0.0.1:9') {}

  private record(call: RecordedCall): void {
    this.calls.push(call);
    if (this.failNext.delete(call.method)) {
      throw new Error(`RecordingMediaPlane: ${call.method} failed on purpose`);
    }
  }

  callsTo<M extends Recorded>(method: M): ArgsOf[M][] {
    return this.calls
      .filter((call) => call.method === method)
      .map((call) => call.args as ArgsOf[M]);
  }

  createMeeting(options?: { echoReduction?: boolean; externalMeetingId?: string }): MeetingDetails {
    this.record({ method: 'createMeeting', args: [options] });
    const MeetingId = randomUUID();
    this.meetings.set(MeetingId, { attendees: new Map(), ended: false, forwarding: true });
    const ws = this.baseUrl.replace(/^http/, 'ws');
    return {
      MeetingId,
      MediaRegion: 'us-east-1',
      MediaPlacement: {
        AudioHostUrl: `${this.baseUrl}/audio/${MeetingId}`,
        AudioFallbackUrl: `${ws}/audio-fallback/${MeetingId}`,
        SignalingUrl: `${ws}/signaling/${MeetingId}`,
        TurnControlUrl: `${this.baseUrl}/turn/${MeetingId}`,
      },
      MeetingFeatures: {
        Audio: { EchoReduction: options?.echoReduction ? 'AVAILABLE' : 'UNAVAILABLE' },
      },
    };
  }

  createAttendee(meetingId: string, externalUserId: string): AttendeeDetails {
    this.record({ method: 'createAttendee', args: [meetingId, externalUserId] });
    const meeting = this.meetings.get(meetingId);
    if (!meeting || meeting.ended) throw new Error('RecordingMediaPlane: no such meeting');
    const AttendeeId = randomUUID();
    meeting.attendees.set(AttendeeId, externalUserId);
    return { AttendeeId, JoinToken: randomToken(32) };
  }

  endMeeting(meetingId: string): void {
    this.record({ method: 'endMeeting', args: [meetingId] });
    const meeting = this.meetings.get(meetingId);
    if (!meeting || meeting.ended) return;
    meeting.ended = true;
    // As the real one: ending the meeting silences its players.
    for (const player of this.players) {
      if (player.meetingId === meetingId) player.close();
    }
    // A real media plane tells listeners that everyone left because the meeting ended.
    for (const [attendeeId, externalUserId] of meeting.attendees) {
      this.emitLeft(meetingId, attendeeId, 'meeting-ended', externalUserId);
    }
  }

  removeAttendee(meetingId: string, attendeeId: string): void {
    this.record({ method: 'removeAttendee', args: [meetingId, attendeeId] });
  }

  sendDataMessage(meetingId: string, topic: string, data: string, lifetimeMs?: number): void {
    this.record({ method: 'sendDataMessage', args: [meetingId, topic, data, lifetimeMs] });
  }

  dropSignaling(meetingId: string, attendeeId: string, closeCode?: number): number {
    this.record({ method: 'dropSignaling', args: [meetingId, attendeeId, closeCode] });
    return this.meetings.get(meetingId)?.attendees.has(attendeeId) ? 1 : 0;
  }

  injectStatus(meetingId: string, attendeeId: string, status: InjectedStatus): number {
    this.record({ method: 'injectStatus', args: [meetingId, attendeeId, status] });
    return this.meetings.get(meetingId)?.attendees.has(attendeeId) ? 1 : 0;
  }

  setMediaForwarding(meetingId: string, enabled: boolean): void {
    this.record({ method: 'setMediaForwarding', args: [meetingId, enabled] });
    const meeting = this.meetings.get(meetingId);
    if (meeting) meeting.forwarding = enabled;
  }

  createAudioPlayer(meetingId: string, attendeeId: string): AudioPlayer {
    const player = new RecordingAudioPlayer(meetingId, attendeeId, (play) => this.plays.push(play));
    this.players.push(player);
    if (this.meetings.get(meetingId)?.ended !== false) player.close();
    return player;
  }

  on<K extends keyof MediaPlaneEvents>(event: K, listener: MediaPlaneEvents[K]): () => void {
    const set = this.listeners[event] as Set<MediaPlaneEvents[K]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  listenerCount(): number {
    return this.listeners.attendeeJoined.size + this.listeners.attendeeLeft.size;
  }

  /** Raises `attendeeLeft` as the real media plane would (external id looked up if known). */
  emitLeft(
    meetingId: string,
    attendeeId: string,
    reason: AttendeeLeftReason,
    externalUserId = this.meetings.get(meetingId)?.attendees.get(attendeeId) ?? '',
  ): void {
    this.present.delete(`${meetingId} ${attendeeId}`);
    for (const listener of this.listeners.attendeeLeft) {
      listener(meetingId, { attendeeId, externalUserId }, reason);
    }
  }

  emitJoined(meetingId: string, attendeeId: string): void {
    const externalUserId = this.meetings.get(meetingId)?.attendees.get(attendeeId) ?? '';
    this.present.set(`${meetingId} ${attendeeId}`, { muted: false });
    for (const listener of this.listeners.attendeeJoined) {
      listener(meetingId, { attendeeId, externalUserId });
    }
  }

  /** A present attendee mutes or unmutes, as the real media plane learns from its audio stream. */
  setMuted(meetingId: string, attendeeId: string, muted: boolean): void {
    const entry = this.present.get(`${meetingId} ${attendeeId}`);
    if (entry) entry.muted = muted;
  }

  stats(meetingId: string): MeetingStats | undefined {
    const meeting = this.meetings.get(meetingId);
    if (!meeting) return undefined;
    return {
      attendees: [...meeting.attendees].map(([attendeeId, externalUserId]) => ({
        attendeeId,
        externalUserId,
        present: this.present.has(`${meetingId} ${attendeeId}`),
        muted: this.present.get(`${meetingId} ${attendeeId}`)?.muted ?? false,
      })),
      forwarded: [],
      videoCodecs: { published: {}, delivered: {} },
      events: [],
      ended: meeting.ended,
    };
  }
}
