import { effect } from '@preact/signals-core';
import { describe, expect, it } from 'vitest';
import { createCallModel, type CallModel } from './call-model';
import type { CallEvent, CallState } from './call-state';
import type { SessionResponse } from './session-response';
import { WidgetError } from './widget-error';
import { sessionFixture } from './testing/session-fixture';

const sessionWith = sessionFixture;

/** A model whose session requests are settled by the test, with a clock and an invalid-event log. */
function setup(clock?: () => number) {
  const requests: {
    signal: AbortSignal;
    resolve: (s: SessionResponse) => void;
    reject: (e: unknown) => void;
  }[] = [];
  const invalid: [CallState, CallEvent['type']][] = [];
  let time = 1000;
  const model = createCallModel({
    requestSession: (signal) =>
      new Promise((resolve, reject) => requests.push({ signal, resolve, reject })),
    now: clock ?? (() => time),
    onInvalidEvent: (state, event) => invalid.push([state, event.type]),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const tick = (ms: number) => (time += ms);
  return { model, requests, invalid, settle, tick };
}

/** Drives a fresh model into `state` through its public verbs. */
async function modelIn(state: CallState, clock?: () => number) {
  const t = setup(clock);
  const { model, requests, settle } = t;
  if (state === 'idle') return t;
  model.start();
  if (state === 'requesting') return t;
  requests[0]?.resolve(sessionWith({ Customer: { ScreenShare: 'SEND' } }));
  await settle();
  if (state === 'joining') return t;
  model.joined();
  if (state === 'waiting-for-agent') return t;
  model.attendeePresence('contact-1-agent', true);
  if (state === 'in-call') return t;
  if (state === 'reconnecting') {
    model.reconnecting();
    return t;
  }
  if (state === 'ended') model.end();
  else model.failed(new WidgetError('no-device'));
  return t;
}

describe('createCallModel', () => {
  it('goes from idle to in-call, and times the call from when the agent joins', async () => {
    const { model, requests, settle, tick, invalid } = setup();
    expect(model.state.value).toBe('idle');
    expect(model.capabilities.value.customerVideo).toBe(false);

    expect(model.start()).toBe(true);
    expect(model.state.value).toBe('requesting');

    requests[0]?.resolve(sessionWith({ Customer: { Video: 'SEND' }, Agent: { Video: 'SEND' } }));
    await settle();
    expect(model.state.value).toBe('joining');
    expect(model.session.value?.ContactId).toBe('contact-1');
    expect(model.capabilities.value).toEqual({
      customerVideo: true,
      customerScreenShare: false,
      agentVideo: true,
      agentScreenShare: false,
    });

    model.joined();
    expect(model.state.value).toBe('waiting-for-agent');
    model.attendeePresence('contact-1-customer', true);
    expect(model.state.value).toBe('waiting-for-agent');
    expect(model.startedAt.value).toBeUndefined();

    tick(5000);
    model.attendeePresence('contact-1-agent', true);
    expect(model.agentPresent.value).toBe(true);
    expect(model.state.value).toBe('in-call');
    expect(model.startedAt.value).toBe(6000);
    expect(invalid).toEqual([]);
  });

  it('a double click starts one call', () => {
    const { model, requests, invalid } = setup();
    expect(model.start()).toBe(true);
    expect(model.start()).toBe(false);
    expect(requests).toHaveLength(1);
    expect(invalid).toEqual([]);
  });

  it('goes straight to in-call when the agent was present before audioVideoDidStart', async () => {
    const { model } = await modelIn('joining');
    model.attendeePresence('x#agent', true);
    expect(model.state.value).toBe('joining');
    model.joined();
    expect(model.state.value).toBe('in-call');
  });

  it('waits again while no agent is present (a transfer), keeping the timer', async () => {
    const { model, tick } = await modelIn('in-call');
    const startedAt = model.startedAt.value;
    model.agentMuteChanged(true);
    model.attendeePresence('second-agent', true); // the next agent joins before the first leaves
    model.attendeePresence('contact-1-agent', false);
    expect(model.state.value).toBe('in-call');
    model.attendeePresence('second-agent', false);
    expect(model.state.value).toBe('waiting-for-agent');
    expect(model.agentMuted.value).toBe(false);
    tick(1000);
    model.attendeePresence('third-agent', true);
    expect(model.state.value).toBe('in-call');
    expect(model.startedAt.value).toBe(startedAt);
  });

  it('mirrors the SDK reconnecting, and audioVideoDidStart ends the reconnect', async () => {
    const { model, invalid } = await modelIn('in-call');
    model.reconnecting();
    expect(model.state.value).toBe('reconnecting');
    model.reconnecting();
    model.joined();
    expect(model.state.value).toBe('in-call');
    model.reconnecting();
    model.attendeePresence('contact-1-agent', false);
    model.reconnected();
    expect(model.state.value).toBe('waiting-for-agent');
    expect(invalid).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['a WidgetError', new WidgetError('rate-limited'), 'rate-limited'],
    ['anything else', new Error('bug'), 'internal'],
  ])('fails when the session request rejects with %s', async (_name, rejection, code) => {
    const { model, requests, settle } = await modelIn('requesting');
    requests[0]?.reject(rejection);
    await settle();
    expect(model.state.value).toBe('failed');
    expect(model.error.value?.code).toBe(code);
  });

  it('hanging up while requesting aborts the request and drops its late answer', async () => {
    const { model, requests, settle } = await modelIn('requesting');
    model.end();
    expect(model.state.value).toBe('ended');
    expect(model.endedBy.value).toBe('customer');
    expect(requests[0]?.signal.aborted).toBe(true);
    requests[0]?.resolve(sessionWith());
    await settle();
    expect(model.state.value).toBe('ended');
    expect(model.session.value).toBeUndefined();
  });

  it('a new call after the end starts clean', async () => {
    const { model, requests, settle } = await modelIn('in-call');
    model.cameraChanged(true);
    model.failed(new WidgetError('device-busy'));
    expect(model.state.value).toBe('failed');
    expect(model.start()).toBe(true);
    expect(model.state.value).toBe('requesting');
    expect(model.error.value).toBeUndefined();
    expect(model.session.value).toBeUndefined();
    expect(model.agentPresent.value).toBe(false);
    expect(model.cameraOn.value).toBe(false);
    expect(model.startedAt.value).toBeUndefined();
    requests[1]?.resolve(sessionWith());
    await settle();
    model.joined();
    expect(model.state.value).toBe('waiting-for-agent'); // the old agent does not linger
  });

  it.each<[CallState, string, boolean, CallState, string]>([
    // state before, status code, isTerminal, state after, endedBy or error code
    // Ended while the agent is still in the call: the contact centre ended it.
    ['in-call', 'MeetingEnded', true, 'ended', 'system'],
    ['waiting-for-agent', 'MeetingEnded', true, 'ended', 'system'],
    ['joining', 'MeetingEnded', true, 'failed', 'meeting-ended'],
    ['in-call', 'AudioJoinedFromAnotherDevice', true, 'ended', 'another-tab'],
    ['in-call', 'AudioAttendeeRemoved', true, 'ended', 'removed'],
    ['in-call', 'Left', true, 'ended', 'customer'],
    // The SDK gave up reconnecting and stopped with the last, non-terminal, code.
    ['reconnecting', 'SignalingInternalServerError', false, 'failed', 'connection-lost'],
    ['joining', 'TaskFailed', false, 'failed', 'signaling-failed'],
    ['in-call', 'AudioCallAtCapacity', true, 'failed', 'capacity'],
    ['in-call', 'SomeFutureCode', true, 'failed', 'connection-lost'],
  ])(
    '%s + audioVideoDidStop(%s, terminal %s) -> %s (%s)',
    async (before, code, terminal, after, detail) => {
      const { model } = await modelIn(before);
      if (before === 'in-call') expect(model.agentPresent.value).toBe(true);
      model.stopped({ code, terminal });
      expect(model.state.value).toBe(after);
      if (after === 'ended') expect(model.endedBy.value).toBe(detail);
      else expect(model.error.value?.code).toBe(detail);
    },
  );

  it('tells the agent hanging up (the agent leaves, then the meeting ends) from a late end', async () => {
    let clock = 1_000_000;
    const hungUp = await modelIn('in-call', () => clock);
    hungUp.model.attendeePresence('contact-1-agent', false);
    clock += 2_000;
    hungUp.model.stopped({ code: 'MeetingEnded', terminal: true });
    expect(hungUp.model.endedBy.value).toBe('agent');

    const later = await modelIn('in-call', () => clock);
    later.model.attendeePresence('contact-1-agent', false);
    clock += 60_000;
    later.model.stopped({ code: 'MeetingEnded', terminal: true });
    expect(later.model.endedBy.value).toBe('system');
  });

  it('ignores the SDK stop that follows our own hang-up', async () => {
    const { model, invalid } = await modelIn('in-call');
    model.end();
    model.stopped({ code: 'Left', terminal: true });
    model.attendeePresence('contact-1-agent', false);
    model.end();
    expect(model.state.value).toBe('ended');
    expect(model.endedBy.value).toBe('customer');
    expect(invalid).toEqual([]);
  });

  it('reports events the state does not accept and keeps the state', async () => {
    const { model, invalid } = setup();
    model.joined();
    model.reconnecting();
    model.reset();
    expect(model.state.value).toBe('idle');
    expect(invalid).toEqual([
      ['idle', 'joined'],
      ['idle', 'reconnecting'],
      ['idle', 'reset'],
    ]);
  });

  it('reset leaves the end screen', async () => {
    const { model } = await modelIn('ended');
    model.reset();
    expect(model.state.value).toBe('idle');
  });

  describe('screen sharing', () => {
    it.each<[string, boolean, boolean, boolean]>([
      // name, Customer.ScreenShare SEND, ScreenSharingStarted received, can share
      ['not allowed', false, true, false],
      ['allowed, session not started', true, false, false],
      ['allowed and started', true, true, true],
    ])('%s', async (_name, allowed, active, expected) => {
      const { model, requests, settle } = setup();
      model.start();
      requests[0]?.resolve(sessionWith(allowed ? { Customer: { ScreenShare: 'SEND' } } : {}));
      await settle();
      if (active) model.screenSharingMessage('started');
      expect(model.canShareScreen.value).toBe(expected);
    });

    it('a replay of older screen-sharing messages after a reconnect changes nothing, not even for a moment', async () => {
      const { model } = await modelIn('in-call');
      model.screenSharingMessage('started', 1_000);
      model.screenSharingMessage('stopped', 2_000);
      model.screenSharingMessage('started', 3_000);
      model.localScreenShareChanged(true);
      const mustStop: boolean[] = [];
      const stop = effect(() => void mustStop.push(model.localShareMustStop.value));
      // The SDK reconnects: Connect's kept messages come again, in their order.
      model.screenSharingMessage('started', 1_000);
      model.screenSharingMessage('stopped', 2_000);
      model.screenSharingMessage('started', 3_000);
      stop();
      expect(mustStop).toEqual([false]);
      expect(model.canShareScreen.value).toBe(true);
      // A newer one still counts.
      model.screenSharingMessage('stopped', 4_000);
      expect(model.localShareMustStop.value).toBe(true);
    });

    it('asks to stop the local share when Connect stops the session or the agent shares', async () => {
      const { model } = await modelIn('in-call');
      model.screenSharingMessage('started');
      model.localScreenShareChanged(true);
      expect(model.localShareMustStop.value).toBe(false);

      model.remoteScreenShareChanged(true);
      expect(model.localShareMustStop.value).toBe(true);
      model.remoteScreenShareChanged(false);
      expect(model.localShareMustStop.value).toBe(false);

      model.screenSharingMessage('stopped');
      expect(model.screenSharingActive.value).toBe(false);
      expect(model.localShareMustStop.value).toBe(true);
      model.localScreenShareChanged(false);
      expect(model.localShareMustStop.value).toBe(false);
    });
  });

  it('keeps the simple flags the adapter reports', async () => {
    const { model } = await modelIn('in-call');
    const flags: [keyof CallModel, (m: CallModel, v: boolean) => void][] = [
      ['selfMuted', (m, v) => m.selfMuteChanged(v)],
      ['agentMuted', (m, v) => m.agentMuteChanged(v)],
      ['cameraOn', (m, v) => m.cameraChanged(v)],
      ['connectionPoor', (m, v) => m.connectionQualityChanged(v)],
    ];
    for (const [name, set] of flags) {
      const flag = model[name] as { value: boolean };
      set(model, true);
      expect(flag.value, name).toBe(true);
      set(model, false);
      expect(flag.value, name).toBe(false);
    }
  });

  it('notifies subscribers of state changes, in order', async () => {
    const { model, requests, settle } = setup();
    const seen: CallState[] = [];
    const stop = effect(() => {
      seen.push(model.state.value);
    });
    model.start();
    requests[0]?.resolve(sessionWith());
    await settle();
    model.joined();
    model.end();
    stop();
    model.reset();
    expect(seen).toEqual(['idle', 'requesting', 'joining', 'waiting-for-agent', 'ended']);
  });

  it('dispose aborts the pending request and ignores what comes after', async () => {
    const { model, requests, settle } = await modelIn('requesting');
    model.dispose();
    expect(requests[0]?.signal.aborted).toBe(true);
    requests[0]?.resolve(sessionWith());
    await settle();
    expect(model.state.value).toBe('requesting');
    expect(model.start()).toBe(false);
    model.dispose(); // twice is harmless
  });
});
