import type { WidgetError } from './widget-error';

export const CALL_STATES = [
  'idle',
  'requesting',
  'joining',
  'waiting-for-agent',
  'in-call',
  'reconnecting',
  'ended',
  'failed',
] as const;

export type CallState = (typeof CALL_STATES)[number];

/** Who ended the call, for the end screen. */
export type EndedBy = 'customer' | 'agent' | 'system' | 'another-tab' | 'removed';

export type CallEvent =
  /** The customer asked for a call (button, host API). */
  | { type: 'start' }
  /** The token endpoint answered with a valid session. */
  | { type: 'session-received' }
  /** The Chime session started (first `audioVideoDidStart`). */
  | { type: 'joined'; agentPresent: boolean }
  /** An agent attendee is present (there was none). */
  | { type: 'agent-joined' }
  /** No agent attendee is present any more (e.g. during a transfer). */
  | { type: 'agent-left' }
  /** `audioVideoDidStartConnecting(true)`: the SDK is reconnecting on its own. */
  | { type: 'reconnecting' }
  /** `audioVideoDidStart` after a reconnect. */
  | { type: 'reconnected'; agentPresent: boolean }
  | { type: 'ended'; by: EndedBy }
  | { type: 'failed'; error: WidgetError }
  /** Leave the end or error screen. */
  | { type: 'reset' };

export type CallEventType = CallEvent['type'];

export interface Transition {
  state: CallState;
  /** False when the event makes no sense in this state; the state is then unchanged. */
  accepted: boolean;
}

/** The states of a call under way: it can still end or fail. */
export const ACTIVE_STATES: readonly CallState[] = [
  'requesting',
  'joining',
  'waiting-for-agent',
  'in-call',
  'reconnecting',
];
const CONNECTED: readonly CallState[] = ['waiting-for-agent', 'in-call'];

/**
 * The call's state machine, pure. The diagram and the reasons behind it are at the top of
 * call-model.ts.
 */
export function transition(state: CallState, event: CallEvent): Transition {
  const to = (next: CallState): Transition => ({ state: next, accepted: true });
  const stay: Transition = { state, accepted: true };
  const reject: Transition = { state, accepted: false };
  const withAgent = (agentPresent: boolean): CallState =>
    agentPresent ? 'in-call' : 'waiting-for-agent';

  switch (event.type) {
    case 'start':
      // Not while a call is active: a double click must start one call only.
      return state === 'idle' || state === 'ended' || state === 'failed'
        ? to('requesting')
        : reject;
    case 'session-received':
      return state === 'requesting' ? to('joining') : reject;
    case 'joined':
      return state === 'joining' ? to(withAgent(event.agentPresent)) : reject;
    case 'agent-joined':
      if (state === 'waiting-for-agent') return to('in-call');
      // Presence may arrive before audioVideoDidStart or during a reconnect: joined/reconnected
      // carry it then.
      return state === 'joining' || state === 'in-call' || state === 'reconnecting' ? stay : reject;
    case 'agent-left':
      if (state === 'in-call') return to('waiting-for-agent');
      return state === 'joining' || state === 'waiting-for-agent' || state === 'reconnecting'
        ? stay
        : reject;
    case 'reconnecting':
      if (CONNECTED.includes(state)) return to('reconnecting');
      return state === 'reconnecting' ? stay : reject;
    case 'reconnected':
      return state === 'reconnecting' ? to(withAgent(event.agentPresent)) : reject;
    case 'ended':
      return ACTIVE_STATES.includes(state) ? to('ended') : reject;
    case 'failed':
      return ACTIVE_STATES.includes(state) ? to('failed') : reject;
    case 'reset':
      return state === 'ended' || state === 'failed' ? to('idle') : reject;
  }
}
