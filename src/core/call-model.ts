/*
 * The call model: one object holding the call's state as signals, and the verbs the UI and the
 * media adapter use to report what happened. It owns no media: the adapter watches `state` and
 * `session` and drives the Chime SDK; the UI renders the signals.
 *
 *                 start()                session                joined()
 *   idle ─────────────────> requesting ─────────> joining ─────────────────┐
 *    ^                          │                    │                     │
 *    │ reset()                  │ failed / end()     │ failed / stopped    v
 *    │                          v                    v             waiting-for-agent <──┐
 *  ended | failed <──────── (any active state: ended(by) or failed(error)) │ agent      │ agent
 *    │                                                                     v joined     │ left
 *    └── start() again = a new call                                     in-call ────────┘
 *                                                                          │  ^
 *                          reconnecting() (audioVideoDidStartConnecting)   v  │ reconnected()
 *                                                                      reconnecting
 *
 * Why it is shaped like this:
 * - `start()` is guarded by the state machine, so a double click starts one call; the session
 *   request gets an AbortSignal that `end()`, failure and `dispose()` abort, and a late answer for
 *   an abandoned call is dropped.
 * - The SDK reconnects by itself (connect-webrtc.md, "How a Chime session ends"): `reconnecting`
 *   only mirrors it. Nothing here restarts a session, and `stopped(status)` goes through
 *   meetingStatusOutcome, the one place that reads Chime status codes.
 * - "Agent present" comes from realtime presence through isAgentExternalUserId, and several agent
 *   attendees may overlap (a transfer), so presence is a set, not a flag.
 * - The call timer starts when the call first reaches `in-call` (the agent is there), not when media
 *   connects: the customer waiting alone is not talk time.
 */
import { batch, computed, effect, signal, type ReadonlySignal } from '@preact/signals-core';
import { canShareScreen, deriveCapabilities, type Capabilities } from './capabilities';
import {
  ACTIVE_STATES,
  transition,
  type CallEvent,
  type CallState,
  type EndedBy,
} from './call-state';
import { isAgentExternalUserId } from './is-agent-external-user-id';
import { isMeetingStatusCode, meetingStatusOutcome, type MeetingOutcome } from './meeting-status';
import type { ScreenSharingEvent } from './screen-sharing-message';
import type { SessionResponse } from './session-response';
import { WidgetError } from './widget-error';

export interface CallModelOptions {
  /**
   * Obtains the session for a new call, e.g.
   * `(signal) => requestSession({ ...config.session, fields, signal })`.
   */
  requestSession: (signal: AbortSignal) => Promise<SessionResponse>;
  /** Clock for the call timer. Default Date.now. */
  now?: () => number;
  /**
   * Told about events the current state does not accept (a stale callback or a bug); the state
   * stays as it is. Default: console.warn.
   */
  onInvalidEvent?: (state: CallState, event: CallEvent) => void;
}

/** What the media adapter passes from `audioVideoDidStop(status)`. */
export interface StoppedStatus {
  /** `MeetingSessionStatusCode[status.statusCode()]`. */
  code: string;
  /** `status.isTerminal()`. */
  terminal: boolean;
}

export interface CallModel {
  readonly state: ReadonlySignal<CallState>;
  readonly session: ReadonlySignal<SessionResponse | undefined>;
  /** From the session's AllowedCapabilities; all false until there is a session. */
  readonly capabilities: ReadonlySignal<Capabilities>;
  readonly agentPresent: ReadonlySignal<boolean>;
  readonly agentMuted: ReadonlySignal<boolean>;
  readonly selfMuted: ReadonlySignal<boolean>;
  readonly cameraOn: ReadonlySignal<boolean>;
  /** The contact's screen-sharing session (Connect's data messages), not a share in progress. */
  readonly screenSharingActive: ReadonlySignal<boolean>;
  readonly localScreenShare: ReadonlySignal<boolean>;
  readonly remoteScreenShare: ReadonlySignal<boolean>;
  /** Whether the customer's share control is live. */
  readonly canShareScreen: ReadonlySignal<boolean>;
  /**
   * A local share is running that must stop: the contact's screen-sharing session ended or was
   * never allowed, or the agent started sharing (as Amazon's samples do). The adapter stops it.
   */
  readonly localShareMustStop: ReadonlySignal<boolean>;
  readonly connectionPoor: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<WidgetError | undefined>;
  readonly endedBy: ReadonlySignal<EndedBy | undefined>;
  /** When the call first reached in-call (the call timer's zero); undefined before. */
  readonly startedAt: ReadonlySignal<number | undefined>;

  /** Starts a new call. False (and nothing happens) when a call is already under way. */
  start(): boolean;
  /** `audioVideoDidStart`. After a reconnect it means reconnected(). */
  joined(): void;
  /** Realtime presence of an attendee. */
  attendeePresence(externalUserId: string, present: boolean): void;
  agentMuteChanged(muted: boolean): void;
  selfMuteChanged(muted: boolean): void;
  cameraChanged(on: boolean): void;
  /**
   * A parsed AMAZON_CONNECT_SCREEN_SHARING data message, with when Connect sent it. Connect's
   * messages are kept and replayed after a reconnect, so the same or an older one can come again:
   * only a newer one changes anything.
   */
  screenSharingMessage(event: ScreenSharingEvent, sentAt?: number): void;
  localScreenShareChanged(on: boolean): void;
  remoteScreenShareChanged(on: boolean): void;
  connectionQualityChanged(poor: boolean): void;
  /** `audioVideoDidStartConnecting(true)`. */
  reconnecting(): void;
  reconnected(): void;
  /** `audioVideoDidStop(status)`. Ignored once the call is over (e.g. `Left` after end()). */
  stopped(status: StoppedStatus): void;
  /** A failure outside the meeting status (devices, browser, the participant service). */
  failed(error: WidgetError): void;
  /** The customer hangs up (or cancels while the session is requested). */
  end(): void;
  /** Leave the end or error screen. */
  reset(): void;
  /** Aborts a pending request and disposes the model's effects. */
  dispose(): void;
}

/** How soon after the agent leaves a meeting end still counts as the agent's hang-up. */
const AGENT_HANG_UP_WINDOW_MS = 10_000;

const JOINED: readonly CallState[] = ['waiting-for-agent', 'in-call', 'reconnecting'];

export function createCallModel(options: CallModelOptions): CallModel {
  const now = options.now ?? Date.now;
  const onInvalidEvent =
    options.onInvalidEvent ??
    ((state: CallState, event: CallEvent) =>
      console.warn(`[connect-video] ignored "${event.type}" in state "${state}"`));

  const state = signal<CallState>('idle');
  const session = signal<SessionResponse | undefined>(undefined);
  const agentPresent = signal(false);
  const agentMuted = signal(false);
  const selfMuted = signal(false);
  const cameraOn = signal(false);
  const screenSharingActive = signal(false);
  const localScreenShare = signal(false);
  const remoteScreenShare = signal(false);
  const connectionPoor = signal(false);
  const error = signal<WidgetError | undefined>(undefined);
  const endedBy = signal<EndedBy | undefined>(undefined);
  const startedAt = signal<number | undefined>(undefined);

  const capabilities = computed(() => deriveCapabilities(session.value?.AllowedCapabilities));
  const canShare = computed(() => canShareScreen(capabilities.value, screenSharingActive.value));
  const localShareMustStop = computed(
    () => localScreenShare.value && (!canShare.value || remoteScreenShare.value),
  );

  const agents = new Set<string>();
  // When the last agent attendee left: a meeting ending right after that is the agent's hang-up.
  let agentLeftAt: number | undefined;
  // When the newest screen-sharing message applied was sent (replays carry their original time).
  let lastScreenSharingAt: number | undefined;
  let request: AbortController | undefined;
  let disposed = false;
  const cleanups: (() => void)[] = [];

  // The call timer starts the first time the call reaches in-call.
  cleanups.push(
    effect(() => {
      if (state.value === 'in-call' && startedAt.peek() === undefined) startedAt.value = now();
    }),
  );

  const abortRequest = () => {
    request?.abort();
    request = undefined;
  };

  const dispatch = (event: CallEvent): boolean => {
    if (disposed) return false;
    const result = transition(state.peek(), event);
    if (!result.accepted) {
      onInvalidEvent(state.peek(), event);
      return false;
    }
    state.value = result.state;
    return true;
  };

  const finish = (outcome: Exclude<MeetingOutcome, { kind: 'transient' }>) => {
    batch(() => {
      const accepted =
        outcome.kind === 'ended'
          ? dispatch({ type: 'ended', by: outcome.by })
          : dispatch({ type: 'failed', error: outcome.error });
      if (!accepted) return;
      if (outcome.kind === 'ended') endedBy.value = outcome.by;
      else error.value = outcome.error;
      abortRequest();
    });
  };

  const resetCall = () => {
    agents.clear();
    agentLeftAt = undefined;
    lastScreenSharingAt = undefined;
    session.value = undefined;
    agentPresent.value = false;
    agentMuted.value = false;
    selfMuted.value = false;
    cameraOn.value = false;
    screenSharingActive.value = false;
    localScreenShare.value = false;
    remoteScreenShare.value = false;
    connectionPoor.value = false;
    error.value = undefined;
    endedBy.value = undefined;
    startedAt.value = undefined;
  };

  const start = (): boolean => {
    // A double click is expected, not a bug: refuse it without reporting.
    if (disposed || !transition(state.peek(), { type: 'start' }).accepted) return false;
    batch(() => {
      resetCall();
      dispatch({ type: 'start' });
    });
    const controller = new AbortController();
    request = controller;
    const current = () => !disposed && request === controller && !controller.signal.aborted;
    let pending: Promise<SessionResponse>;
    try {
      pending = options.requestSession(controller.signal);
    } catch (thrown) {
      pending = Promise.reject(thrown);
    }
    pending.then(
      (answer) => {
        if (!current()) return; // the customer hung up meanwhile: drop it
        request = undefined;
        batch(() => {
          session.value = answer;
          dispatch({ type: 'session-received' });
        });
      },
      (thrown: unknown) => {
        if (!current()) return;
        finish({
          kind: 'failed',
          error:
            thrown instanceof WidgetError
              ? thrown
              : new WidgetError('internal', 'requestSession threw', { cause: thrown }),
        });
      },
    );
    return true;
  };

  const reconnected = () => {
    dispatch({ type: 'reconnected', agentPresent: agentPresent.peek() });
  };

  const presenceMatters = () =>
    ACTIVE_STATES.includes(state.peek()) && state.peek() !== 'requesting';

  return {
    state,
    session,
    capabilities,
    agentPresent,
    agentMuted,
    selfMuted,
    cameraOn,
    screenSharingActive,
    localScreenShare,
    remoteScreenShare,
    canShareScreen: canShare,
    localShareMustStop,
    connectionPoor,
    error,
    endedBy,
    startedAt,

    start,

    joined() {
      if (state.peek() === 'reconnecting') reconnected();
      else dispatch({ type: 'joined', agentPresent: agentPresent.peek() });
    },

    attendeePresence(externalUserId, present) {
      // Presence callbacks still fire while the SDK tears down after the call: stale, not a bug.
      if (disposed || !isAgentExternalUserId(externalUserId) || !presenceMatters()) return;
      if (present) agents.add(externalUserId);
      else agents.delete(externalUserId);
      const nowPresent = agents.size > 0;
      if (nowPresent === agentPresent.peek()) return;
      batch(() => {
        agentPresent.value = nowPresent;
        agentLeftAt = nowPresent ? undefined : now();
        if (!nowPresent) agentMuted.value = false;
        dispatch({ type: nowPresent ? 'agent-joined' : 'agent-left' });
      });
    },

    agentMuteChanged(muted) {
      agentMuted.value = muted;
    },
    selfMuteChanged(muted) {
      selfMuted.value = muted;
    },
    cameraChanged(on) {
      cameraOn.value = on;
    },
    screenSharingMessage(event, sentAt) {
      // A replay of Started, Stopped, Started would otherwise flip the session off for a moment,
      // and that moment stops the customer's running share (localShareMustStop).
      if (
        sentAt !== undefined &&
        lastScreenSharingAt !== undefined &&
        sentAt <= lastScreenSharingAt
      )
        return;
      if (sentAt !== undefined) lastScreenSharingAt = sentAt;
      screenSharingActive.value = event === 'started';
    },
    localScreenShareChanged(on) {
      localScreenShare.value = on;
    },
    remoteScreenShareChanged(on) {
      remoteScreenShare.value = on;
    },
    connectionQualityChanged(poor) {
      connectionPoor.value = poor;
    },

    reconnecting() {
      dispatch({ type: 'reconnecting' });
    },
    reconnected,

    stopped(status) {
      // After end(), failure or reset the SDK still reports its own stop (Left, ...): expected.
      if (disposed || !ACTIVE_STATES.includes(state.peek())) return;
      const outcome = isMeetingStatusCode(status.code)
        ? meetingStatusOutcome(status.code, {
            terminal: status.terminal,
            stopped: true,
            joined: JOINED.includes(state.peek()),
            agentJustLeft:
              !agentPresent.peek() &&
              agentLeftAt !== undefined &&
              now() - agentLeftAt <= AGENT_HANG_UP_WINDOW_MS,
          })
        : ({
            kind: 'failed',
            // A code newer than this build knows: the session is over all the same.
            error: new WidgetError('connection-lost', `Chime session stopped: ${status.code}`),
          } as const);
      if (outcome.kind !== 'transient') finish(outcome);
    },

    failed(failure) {
      finish({ kind: 'failed', error: failure });
    },

    end() {
      if (!ACTIVE_STATES.includes(state.peek())) return; // hanging up twice is harmless
      finish({ kind: 'ended', by: 'customer' });
    },

    reset() {
      dispatch({ type: 'reset' });
    },

    dispose() {
      if (disposed) return;
      abortRequest();
      disposed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}
