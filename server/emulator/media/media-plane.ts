/**
 * What the emulated Connect service needs from the emulated Chime media plane. Field names follow
 * the Chime/Connect APIs (`ConnectionData.Meeting`, `ConnectionData.Attendee`), so the contact store
 * can hand them to the browser unchanged.
 */
export interface MediaPlacement {
  AudioHostUrl: string;
  AudioFallbackUrl: string;
  SignalingUrl: string;
  TurnControlUrl: string;
  EventIngestionUrl?: string;
}

export interface MeetingDetails {
  MeetingId: string;
  MediaRegion: string;
  MediaPlacement: MediaPlacement;
  MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' | 'UNAVAILABLE' } };
}

export interface AttendeeDetails {
  AttendeeId: string;
  JoinToken: string;
}

/** Why an attendee's last session went away. */
export type AttendeeLeftReason = 'left' | 'removed' | 'disconnected' | 'meeting-ended';

export interface MediaPlaneEvents {
  /** An attendee's first session finished joining (presence sent), or rejoined after a drop. */
  attendeeJoined(meetingId: string, attendee: { attendeeId: string; externalUserId: string }): void;
  /**
   * An attendee is gone: `left` = it sent LEAVE (the SDK's `stop()`), `disconnected` = its socket
   * closed without LEAVE and it did not come back within the grace period.
   */
  attendeeLeft(
    meetingId: string,
    attendee: { attendeeId: string; externalUserId: string },
    reason: AttendeeLeftReason,
  ): void;
}

/**
 * Audio the service itself plays into a meeting (a contact flow's prompts and queue music), heard
 * on the mixed downlink of the attendees it was made for. It has no attendee and no roster entry.
 */
export interface AudioPlayer {
  /**
   * Plays 20 ms Opus packets at real-time pace (50 a second), replacing what was playing; `loop`
   * repeats them until stopped. Resolves true once the last packet has been played, false when
   * stopped, replaced or closed first.
   */
  play(packets: readonly Buffer[], options?: { loop?: boolean }): Promise<boolean>;
  /** Stops what is playing (its `play` resolves false). */
  stop(): void;
  /** Leaves the meeting's mix for good. */
  close(): void;
}

export interface MediaPlane {
  createMeeting(options?: { echoReduction?: boolean; externalMeetingId?: string }): MeetingDetails;
  createAttendee(meetingId: string, externalUserId: string): AttendeeDetails;
  /** Ends the meeting for everyone: each session gets AUDIO_STATUS 410 and a 4410 close. */
  endMeeting(meetingId: string): void;
  /** Removes one attendee: its sessions get AUDIO_STATUS 411 and are closed. */
  removeAttendee(meetingId: string, attendeeId: string): void;
  /**
   * Sends a data message into the meeting as if from the service (no sender attendee); with
   * `lifetimeMs` it is kept and replayed to later joiners, as the SDK's own messages can be.
   */
  sendDataMessage(meetingId: string, topic: string, data: string, lifetimeMs?: number): void;
  /**
   * Fault switch: closes an attendee's signaling sockets with `closeCode`, or, when `closeCode` is
   * undefined, destroys them without a close frame. Returns how many sockets were dropped.
   */
  dropSignaling(meetingId: string, attendeeId: string, closeCode?: number): number;
  /**
   * Fault switch: sends one attendee's main session the status frame production sends: an
   * AUDIO_STATUS (`audioStatus`, e.g. 409 at capacity, 500/503 server trouble) or an ERROR frame
   * (`errorStatus`, e.g. 206 switch to view-only, 509 at video capacity, 4xx/5xx). Only the frame:
   * what follows (reconnect, stop) is the SDK's own doing. Returns how many sessions got it.
   */
  injectStatus(meetingId: string, attendeeId: string, status: InjectedStatus): number;
  /** Fault switch: stop (or resume) forwarding media in a meeting. */
  setMediaForwarding(meetingId: string, enabled: boolean): void;
  /**
   * A player whose audio only `attendeeId` hears (its main session, not its content share), for
   * as long as the meeting lasts; ending the meeting closes it.
   */
  createAudioPlayer(meetingId: string, attendeeId: string): AudioPlayer;
  /** Subscribes to meeting events; returns the unsubscribe function. */
  on<K extends keyof MediaPlaneEvents>(event: K, listener: MediaPlaneEvents[K]): () => void;
  /** Live statistics for tests and the load benchmark. */
  stats(meetingId: string): MeetingStats | undefined;
}

export type InjectedStatus = { audioStatus: number } | { errorStatus: number };

export interface MeetingStats {
  attendees: { attendeeId: string; externalUserId: string; present: boolean; muted: boolean }[];
  /** RTP packets forwarded per publishing session and kind. */
  forwarded: { attendeeId: string; kind: 'audio' | 'video'; packets: number }[];
  /**
   * Video codecs by codec key (video-codecs.ts `codecKey`, e.g. `VP9 profile-id=0`): what each
   * attendee (or `<id>#content`) last published, and how many packets of each codec were
   * written to each attendee.
   */
  videoCodecs: {
    published: Record<string, string>;
    delivered: Record<string, Record<string, number>>;
  };
  /** Client events the SDK posted to the EventIngestionUrl, oldest first. */
  events: { attendeeId: string; name: string }[];
  ended: boolean;
}
