import type { EndedBy } from './call-state';
import { WidgetError, type WidgetErrorCode } from './widget-error';

/**
 * The member names of amazon-chime-sdk-js's `MeetingSessionStatusCode` (3.32), which core may not
 * import. `meeting-status.test.ts` reads the SDK's declaration file and fails when this list and
 * the enum differ, so an SDK upgrade that adds a code cannot go unhandled. The media adapter passes
 * `MeetingSessionStatusCode[status.statusCode()]`.
 */
export const MEETING_STATUS_CODES = [
  'OK',
  'Left',
  'AudioJoinedFromAnotherDevice',
  'AudioAuthenticationRejected',
  'AudioCallAtCapacity',
  'MeetingEnded',
  'AudioInternalServerError',
  'AudioServiceUnavailable',
  'AudioDisconnected',
  'VideoCallSwitchToViewOnly',
  'VideoCallAtSourceCapacity',
  'SignalingBadRequest',
  'SignalingInternalServerError',
  'SignalingRequestFailed',
  'SignalingChannelClosedUnexpectedly',
  'ICEGatheringTimeoutWorkaround',
  'ConnectionHealthReconnect',
  'RealtimeApiFailed',
  'TaskFailed',
  'IncompatibleSDP',
  'TURNCredentialsForbidden',
  'NoAttendeePresent',
  'AudioAttendeeRemoved',
  'AudioVideoWasRemovedFromPrimaryMeeting',
  'AudioVideoDisconnectedWhilePromoted',
  'AudioDisconnectAudio',
  'EncodedTransformManagerFailed',
] as const;

export type MeetingStatusCode = (typeof MEETING_STATUS_CODES)[number];

export function isMeetingStatusCode(name: string): name is MeetingStatusCode {
  return (MEETING_STATUS_CODES as readonly string[]).includes(name);
}

export type MeetingOutcome =
  | { kind: 'ended'; by: EndedBy }
  | { kind: 'failed'; error: WidgetError }
  /** The SDK is reconnecting on its own: the widget must neither restart nor stop the session. */
  | { kind: 'transient' };

export interface MeetingStatusContext {
  /** `status.isTerminal()`, as the SDK reports it. */
  terminal: boolean;
  /**
   * True when the status came through `audioVideoDidStop`. The session is then over whatever the
   * code: the SDK also calls it with a NON-terminal code (e.g. SignalingInternalServerError) once
   * its reconnect budget runs out (DefaultAudioVideoController.reconnect: `!willRetry` →
   * actionDisconnect → notifyStop), so "not terminal" alone does not mean "being retried".
   */
  stopped: boolean;
  /** Whether the session had started (first `audioVideoDidStart`): tells "lost" from "never connected". */
  joined: boolean;
  /**
   * Whether the agent left the call just before it ended: the agent hung up. A meeting that ends
   * while the agent is still in it was ended by the contact centre (a flow, a supervisor,
   * StopContact). Inferred from how an agent's hang-up unfolds (its attendee leaves, then Connect
   * ends the contact): kept here, in one place.
   */
  agentJustLeft: boolean;
}

/**
 * THE one place that turns a Chime meeting status into what the call does next. Chime's own
 * guidance (MeetingSessionStatusCode.d.ts): the controller retries every non-terminal failure
 * itself, so an app must never restart or recreate the session; on a terminal status it must
 * remove the meeting UI.
 */
export function meetingStatusOutcome(
  code: MeetingStatusCode,
  context: MeetingStatusContext,
): MeetingOutcome {
  if (!context.stopped && !context.terminal) return { kind: 'transient' };

  const ended = (by: EndedBy): MeetingOutcome => ({ kind: 'ended', by });
  const failed = (errorCode: WidgetErrorCode): MeetingOutcome => ({
    kind: 'failed',
    error: new WidgetError(errorCode, `Chime session stopped: ${code}`),
  });
  // Connect ends the meeting when the contact ends (connect-webrtc.md, "How a Chime session
  // ends"). Before the customer got in, that is a failure to join an already finished contact.
  const contactEnded = (): MeetingOutcome =>
    context.joined ? ended(context.agentJustLeft ? 'agent' : 'system') : failed('meeting-ended');
  // The SDK gave up reconnecting (or never connected): either way the media is gone.
  const lost = (): MeetingOutcome =>
    failed(context.joined ? 'connection-lost' : 'signaling-failed');

  switch (code) {
    case 'Left':
      // Only our own audioVideo.stop() produces Left: the customer hung up.
      return ended('customer');
    case 'AudioJoinedFromAnotherDevice':
      // The same credentials joined elsewhere (a second tab): the call goes on there.
      return ended('another-tab');
    case 'AudioAttendeeRemoved':
    case 'AudioAuthenticationRejected':
      // Removed from the contact (or a seventh participant was refused): connect-webrtc.md.
      return ended('removed');
    case 'MeetingEnded':
    case 'TURNCredentialsForbidden': // "the meeting ended, or the attendee was removed" (SDK docs)
      return contactEnded();
    case 'SignalingBadRequest':
      // The SDK's docs: the attendee was deleted, which Connect does when the contact ends. Before
      // joining it more likely means credentials that never worked.
      return context.joined ? contactEnded() : failed('signaling-failed');
    case 'AudioCallAtCapacity':
    case 'VideoCallAtSourceCapacity':
      return failed('capacity');
    case 'SignalingRequestFailed':
      return failed('signaling-failed');
    case 'RealtimeApiFailed':
      // One of our own realtime callbacks threw: a widget bug, not the network.
      return failed('internal');
    case 'OK':
      // Documented as never delivered to audioVideoDidStop; if it is, nothing went wrong.
      return ended('system');
    // The last three below are documented as internal or promotion-only, never passed to
    // audioVideoDidStop; should one arrive there, the session is still gone.
    case 'AudioInternalServerError':
    case 'AudioServiceUnavailable':
    case 'AudioDisconnected':
    case 'AudioDisconnectAudio':
    case 'SignalingInternalServerError':
    case 'SignalingChannelClosedUnexpectedly':
    case 'ICEGatheringTimeoutWorkaround':
    case 'ConnectionHealthReconnect':
    case 'TaskFailed':
    case 'IncompatibleSDP':
    case 'NoAttendeePresent':
    case 'EncodedTransformManagerFailed':
    case 'VideoCallSwitchToViewOnly':
    case 'AudioVideoWasRemovedFromPrimaryMeeting':
    case 'AudioVideoDisconnectedWhilePromoted':
      return lost();
    default: {
      // A new SDK code added to MEETING_STATUS_CODES but not handled above fails to compile here.
      const unhandled: never = code;
      return unhandled;
    }
  }
}
