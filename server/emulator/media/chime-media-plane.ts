import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type {
  AttendeeDetails,
  AudioPlayer,
  InjectedStatus,
  MediaPlane,
  MediaPlaneEvents,
  MeetingDetails,
  MeetingStats,
} from './media-plane.js';
import {
  CONTENT_SUFFIX,
  DEFAULT_MEETING_TIMINGS,
  Meeting,
  baseAttendeeId,
  type MeetingTimings,
} from './meeting.js';
import { EVENT_INGESTION_PATH, eventIngestionRoute } from './event-ingestion.js';
import { decodeFrame, FrameType } from './signaling-protocol.js';
import { SignalingSession } from './signaling-session.js';
import { turnCredentials } from './turn-credentials.js';

export interface ChimeMediaPlaneOptions {
  /** The server's own base URL (`http://127.0.0.1:PORT`), read when a meeting is created. */
  publicUrl: () => string;
  timings?: Partial<MeetingTimings>;
  mediaRegion?: string;
  /** Offer Amazon Voice Focus echo reduction in `MeetingFeatures` (a Connect instance setting). */
  echoReduction?: boolean;
  /**
   * The TURN server whose time-limited credentials JOIN_ACK hands out. With it the SDK relays all
   * media through TURN, as in production; without it the SDK connects on host candidates and logs
   * "missing TURN credentials in JoinAckFrame" (task/JoinAndReceiveIndexTask.js).
   */
  turn?: { uris: string[]; secret: string; ttlSeconds?: number };
}

/** How long JOIN_ACK's TURN credentials last; production's figure is not documented. */
const TURN_TTL_SECONDS = 3_600;

const SIGNALING_PATH = '/emulator/signaling/';
// The SDK offers these two sub-protocols; Chromium fails the socket unless one is selected.
const SESSION_PROTOCOL = '_aws_wt_session';

/** A Chime-compatible media plane: signaling over WebSocket and a werift forwarding unit. */
export class ChimeMediaPlane implements MediaPlane {
  private readonly meetings = new Map<string, Meeting>();
  private readonly tokens = new Map<string, { meetingId: string; attendeeId: string }>();
  private readonly listeners: { [K in keyof MediaPlaneEvents]: Set<MediaPlaneEvents[K]> } = {
    attendeeJoined: new Set(),
    attendeeLeft: new Set(),
  };
  private readonly wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has(SESSION_PROTOCOL) ? SESSION_PROTOCOL : false),
  });
  private readonly timings: MeetingTimings;

  constructor(private readonly options: ChimeMediaPlaneOptions) {
    this.timings = { ...DEFAULT_MEETING_TIMINGS, ...options.timings };
  }

  createMeeting(
    options: { echoReduction?: boolean; externalMeetingId?: string } = {},
  ): MeetingDetails {
    const meetingId = randomUUID();
    const meeting = new Meeting(
      meetingId,
      {
        attendeeJoined: (attendee) => this.emit('attendeeJoined', meetingId, attendee),
        attendeeLeft: (attendee, reason) => this.emit('attendeeLeft', meetingId, attendee, reason),
      },
      this.timings,
    );
    this.meetings.set(meetingId, meeting);
    const http = new URL(this.options.publicUrl());
    const ws = `ws://${http.host}`;
    return {
      MeetingId: meetingId,
      MediaRegion: this.options.mediaRegion ?? 'us-east-1',
      MediaPlacement: {
        // The SDK appends its own query string, so the URL must carry none.
        SignalingUrl: `${ws}${SIGNALING_PATH}${meetingId}`,
        AudioHostUrl: `${http.host}:${meetingId}.audio`,
        AudioFallbackUrl: `${ws}/emulator/audio-fallback/${meetingId}`,
        TurnControlUrl: `${http.origin}/emulator/turn`,
        // Production hands one out and the SDK posts its client events there.
        EventIngestionUrl: `${http.origin}${EVENT_INGESTION_PATH}`,
      },
      MeetingFeatures: {
        Audio: {
          EchoReduction:
            (options.echoReduction ?? this.options.echoReduction) ? 'AVAILABLE' : 'UNAVAILABLE',
        },
      },
    };
  }

  createAttendee(meetingId: string, externalUserId: string): AttendeeDetails {
    const meeting = this.requireMeeting(meetingId);
    const attendeeId = randomUUID();
    // base64url without padding: a JoinToken travels as a WebSocket sub-protocol, which must be an
    // HTTP token (Chromium throws on '/' and '=').
    const joinToken = randomBytes(32).toString('base64url');
    meeting.attendees.set(attendeeId, { attendeeId, externalUserId, joinToken });
    this.tokens.set(joinToken, { meetingId, attendeeId });
    return { AttendeeId: attendeeId, JoinToken: joinToken };
  }

  endMeeting(meetingId: string): void {
    this.meetings.get(meetingId)?.end();
  }

  removeAttendee(meetingId: string, attendeeId: string): void {
    const meeting = this.meetings.get(meetingId);
    if (!meeting) return;
    // DeleteAttendee: its JoinToken (and so its content-share token) never works again.
    const token = meeting.attendees.get(attendeeId)?.joinToken;
    if (token) this.tokens.delete(token);
    meeting.remove(attendeeId);
  }

  injectStatus(meetingId: string, attendeeId: string, status: InjectedStatus): number {
    const meeting = this.meetings.get(meetingId);
    if (!meeting) return 0;
    const sessions = [...meeting.sessions].filter((s) => s.attendeeId === attendeeId);
    for (const session of sessions) {
      session.send(
        'audioStatus' in status
          ? { type: FrameType.AUDIO_STATUS, audioStatus: { audioStatus: status.audioStatus } }
          : {
              // The protocol has no frame type of its own for errors: `error` may ride on any
              // frame, and MeetingSessionStatus.fromSignalFrame reads it before the type. Which
              // type production uses is not public; AUDIO_STATUS is the one no other task reads.
              type: FrameType.AUDIO_STATUS,
              error: { status: status.errorStatus, description: 'injected by the fault switch' },
            },
      );
    }
    return sessions.length;
  }

  sendDataMessage(meetingId: string, topic: string, data: string, lifetimeMs = 0): void {
    this.meetings
      .get(meetingId)
      ?.relayData([{ topic, data: Buffer.from(data, 'utf8'), lifetimeMs }]);
  }

  dropSignaling(meetingId: string, attendeeId: string, closeCode?: number): number {
    const meeting = this.meetings.get(meetingId);
    if (!meeting) return 0;
    const sessions = [...meeting.sessions].filter(
      (s) => baseAttendeeId(s.attendeeId) === attendeeId,
    );
    for (const session of sessions) {
      if (closeCode === undefined) session.kill();
      else session.close(closeCode, 'closed by fault switch');
    }
    return sessions.length;
  }

  setMediaForwarding(meetingId: string, enabled: boolean): void {
    const meeting = this.meetings.get(meetingId);
    if (meeting) meeting.forwarding = enabled;
  }

  createAudioPlayer(meetingId: string, attendeeId: string): AudioPlayer {
    return this.requireMeeting(meetingId).addPlayer(attendeeId);
  }

  on<K extends keyof MediaPlaneEvents>(event: K, listener: MediaPlaneEvents[K]): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  stats(meetingId: string): MeetingStats | undefined {
    return this.meetings.get(meetingId)?.stats();
  }

  /** The EventIngestionUrl's endpoint, mounted beside the emulator's other routes. */
  readonly handleEvents = eventIngestionRoute(
    (token) => {
      const entry = this.tokens.get(
        token.endsWith(CONTENT_SUFFIX) ? token.slice(0, -CONTENT_SUFFIX.length) : token,
      );
      return entry;
    },
    (meetingId, attendeeId, names) => this.meetings.get(meetingId)?.recordEvents(attendeeId, names),
  );

  /** Takes the WebSocket upgrade for `/emulator/signaling/<MeetingId>`; false for other paths. */
  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (!path.startsWith(SIGNALING_PATH)) return false;
    const meetingId = decodeURIComponent(path.slice(SIGNALING_PATH.length));
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const token = offered.find((p) => p !== SESSION_PROTOCOL) ?? '';
    const identity = this.identify(meetingId, token);
    if (!identity) {
      this.wss.handleUpgrade(req, socket, head, (ws) => refuseAfterJoin(ws));
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      new SignalingSession(ws, identity.meeting, identity.attendeeId, identity.externalUserId, {
        turnCredentials: () => this.turnCredentialsFor(identity.attendeeId),
      });
    });
    return true;
  };

  close(): void {
    for (const meeting of this.meetings.values()) {
      for (const session of [...meeting.sessions]) session.close(1001, 'server shutting down');
    }
    this.wss.close();
  }

  private turnCredentialsFor(attendeeId: string) {
    const turn = this.options.turn;
    if (!turn) return undefined;
    return turnCredentials({
      secret: turn.secret,
      user: attendeeId,
      ttlSeconds: turn.ttlSeconds ?? TURN_TTL_SECONDS,
      uris: turn.uris,
    });
  }

  private identify(meetingId: string, token: string) {
    const isContent = token.endsWith(CONTENT_SUFFIX);
    const baseToken = isContent ? token.slice(0, -CONTENT_SUFFIX.length) : token;
    const entry = this.tokens.get(baseToken);
    if (!entry || entry.meetingId !== meetingId) return undefined;
    const meeting = this.meetings.get(meetingId);
    const attendee = meeting?.attendees.get(entry.attendeeId);
    if (!meeting || !attendee) return undefined;
    return {
      meeting,
      attendeeId: isContent ? attendee.attendeeId + CONTENT_SUFFIX : attendee.attendeeId,
      externalUserId: isContent
        ? attendee.externalUserId + CONTENT_SUFFIX
        : attendee.externalUserId,
    };
  }

  private requireMeeting(meetingId: string): Meeting {
    const meeting = this.meetings.get(meetingId);
    if (!meeting) throw new Error(`No meeting ${meetingId}.`);
    return meeting;
  }

  private emit<K extends keyof MediaPlaneEvents>(
    event: K,
    ...args: Parameters<MediaPlaneEvents[K]>
  ): void {
    for (const listener of this.listeners[event]) {
      (listener as (...a: Parameters<MediaPlaneEvents[K]>) => void)(...args);
    }
  }
}

// How production answers an unknown, deleted or foreign JoinToken: it accepts the socket, reads
// JOIN and closes with 4403, which the SDK reports as SignalingBadRequest, a terminal status
// (task/JoinAndReceiveIndexTask.js: any close during the join that is neither 4410 nor 45xx;
// meetingsession/MeetingSessionStatus.js isTerminal). Refusing the upgrade instead (HTTP 403)
// reaches the SDK as WebSocketFailed, which it retries until its reconnect deadline: a minute of
// "connecting" for a call that can never start.
const BAD_REQUEST_CLOSE = 4403;
const JOIN_WAIT_MS = 10_000;

function refuseAfterJoin(ws: WebSocket): void {
  const close = () => ws.close(BAD_REQUEST_CLOSE, 'attendee not found');
  const timer = setTimeout(close, JOIN_WAIT_MS);
  ws.on('message', (data, isBinary) => {
    let joined = false;
    try {
      joined = isBinary && decodeFrame(data as Buffer).type === FrameType.JOIN;
    } catch {
      // Not even a frame: refused all the same.
    }
    if (!joined) return;
    clearTimeout(timer);
    close();
  });
  ws.on('close', () => clearTimeout(timer));
}
