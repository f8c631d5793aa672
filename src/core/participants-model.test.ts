import { describe, expect, it } from 'vitest';
import { createParticipantsModel, SPEAKER_HOLD_MS, TAKEOVER_MS } from './participants-model';

const SELF = 'self-attendee';

// A clock and one timer the tests move by hand: `advance` runs the timer when its time comes.
let clock = 0;
let timer: { at: number; run: () => void } | undefined;
const timers = {
  setTimeout: (run: () => void, ms = 0) => {
    timer = { at: clock + ms, run };
    return 1;
  },
  clearTimeout: () => {
    timer = undefined;
  },
} as unknown as Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;
function advance(ms: number) {
  const until = clock + ms;
  while (timer && timer.at <= until) {
    const due = timer;
    timer = undefined;
    clock = due.at;
    due.run();
  }
  clock = until;
}
function setup() {
  clock = 0;
  timer = undefined;
  return createParticipantsModel(
    () => SELF,
    () => clock,
    timers,
  );
}
const speaking = (model: ReturnType<typeof setup>) =>
  model.speaker.value === undefined ? [] : [model.speaker.value];

describe('createParticipantsModel', () => {
  it('lists everyone else in order of arrival, numbered within their role', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.presence('c2', 'p3-customer', true);
    expect(model.participants.value.map((p) => [p.attendeeId, p.role, p.number])).toEqual([
      ['a1', 'agent', 1],
      ['c1', 'participant', 1],
      ['c2', 'participant', 2],
    ]);
    expect(model.count.value).toBe(4);
  });

  it('ignores the customer themself, content shares and repeated presence', () => {
    const model = setup();
    model.presence(SELF, 'me-customer', true);
    model.presence('a1#content', 'p1-agent#content', true);
    model.presence('a1', 'p1-agent', true);
    model.presence('a1', 'p1-agent', true);
    expect(model.participants.value.map((p) => p.attendeeId)).toEqual(['a1']);
    expect(model.count.value).toBe(2);
  });

  it("announces joins and leaves, but not the agent's first arrival (the call state tells it)", () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    expect(model.lastChange.value).toBeUndefined();
    model.presence('c1', 'p2-customer', true);
    expect(model.lastChange.value).toMatchObject({
      kind: 'joined',
      participant: { attendeeId: 'c1', role: 'participant', number: 1 },
    });
    const joinedId = model.lastChange.value?.id ?? 0;
    model.presence('c1', 'p2-customer', false);
    expect(model.lastChange.value).toMatchObject({
      kind: 'left',
      participant: { attendeeId: 'c1' },
    });
    expect(model.lastChange.value?.id).toBeGreaterThan(joinedId);
    expect(model.participants.value.map((p) => p.attendeeId)).toEqual(['a1']);
  });

  it('keeps a number for someone who leaves and comes back', () => {
    const model = setup();
    model.presence('c1', 'p2-customer', true);
    model.presence('c2', 'p3-customer', true);
    model.presence('c1', 'p2-customer', false);
    model.presence('c1', 'p2-customer', true);
    model.presence('c3', 'p4-customer', true);
    expect(model.participants.value.map((p) => [p.attendeeId, p.number])).toEqual([
      ['c2', 2],
      ['c1', 1],
      ['c3', 3],
    ]);
  });

  it('marks the one speaking, holds the mark through a pause, and hands it to a voice clearly louder for a while', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.volume('c1', 0.6);
    expect(speaking(model)).toEqual(['c1']);
    // A pause between words: still marked.
    advance(300);
    model.volume('c1', 0);
    model.volume('a1', 0.1);
    expect(speaking(model)).toEqual(['c1']);
    // The agent speaks up while c1 is quiet: louder, but the mark waits to see it last.
    advance(200);
    model.volume('a1', 0.5);
    expect(speaking(model)).toEqual(['c1']);
    advance(TAKEOVER_MS);
    expect(speaking(model)).toEqual(['a1']);
    // c1 at about the agent's level does not take it back; clearly louder for a moment neither.
    model.volume('c1', 0.55);
    expect(speaking(model)).toEqual(['a1']);
    model.volume('c1', 0.9);
    advance(TAKEOVER_MS - 100);
    model.volume('c1', 0.5);
    advance(200);
    expect(speaking(model)).toEqual(['a1']);
    // Clearly louder for longer does, without another report.
    model.volume('c1', 0.9);
    advance(TAKEOVER_MS);
    expect(speaking(model)).toEqual(['c1']);
    // Silence past the hold: nobody, without another report.
    model.volume('c1', 0);
    model.volume('a1', 0);
    advance(SPEAKER_HOLD_MS);
    expect(speaking(model)).toEqual([]);
    // The customer's own voice never marks anyone.
    model.volume(SELF, 1);
    expect(speaking(model)).toEqual([]);
  });

  it('a mark that moved stays put through a word over it: moves a second are few when everyone talks', () => {
    const model = setup();
    for (const id of ['a1', 'c1', 'c2']) model.presence(id, `p-${id}`, true);
    let moves = 0;
    const stop = model.speaker.subscribe(() => moves++);
    // Three voices, each loudest in turn for 200 ms, for 10 s.
    for (let t = 0; t < 10_000; t += 200) {
      const loudest = ['a1', 'c1', 'c2'][(t / 200) % 3]!;
      for (const id of ['a1', 'c1', 'c2']) model.volume(id, id === loudest ? 0.9 : 0.4);
      advance(200);
    }
    stop();
    // The first mark only (subscribe counts the initial value too).
    expect(moves).toBe(2);
  });

  it('keeps marking a steady voice, which the SDK reports only once, and hands the mark on when it stops', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.volume('a1', 0.7);
    model.volume('c1', 0.7);
    expect(speaking(model)).toEqual(['a1']);
    // c1 mutes (its volume goes to 0); the agent, still at 0.7, sends nothing new.
    advance(5_000);
    model.volume('c1', 0);
    expect(speaking(model)).toEqual(['a1']);
    // The agent stops while c1 talks: held through the pause while c1 is not yet long enough
    // louder, then c1 takes the mark.
    model.volume('c1', 0.7);
    advance(300);
    model.volume('a1', 0);
    expect(speaking(model)).toEqual(['a1']);
    advance(TAKEOVER_MS);
    expect(speaking(model)).toEqual(['c1']);
    advance(5_000);
    model.volume('a1', 0.1);
    expect(speaking(model)).toEqual(['c1']);
  });

  it('follows mute changes', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.muted('a1', true);
    expect(model.participants.value.map((p) => p.muted)).toEqual([true, false]);
  });

  it('leaves the list as it is when a report changes nothing (no render per volume tick)', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.volume('c1', 0.7);
    model.muted('a1', true);
    const list = model.participants.value;
    model.volume('c1', 0.6);
    model.volume('a1', 0.1);
    model.muted('a1', true);
    model.muted('c1', false);
    model.muted('nobody', true);
    expect(model.participants.value).toBe(list);
  });

  it('a speaker ranked before the meeting reports them present is the speaker once they are', () => {
    const model = setup();
    model.volume('c1', 0.7);
    model.presence('c1', 'p2-customer', true);
    expect(model.speaker.value).toBe('c1');
    expect(model.participants.value.map((p) => p.attendeeId)).toEqual(['c1']);
  });

  it('the speaker moving does not replace the list', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    const list = model.participants.value;
    model.volume('a1', 0.7);
    advance(1_500);
    model.volume('a1', 0);
    model.volume('c1', 0.7);
    advance(SPEAKER_HOLD_MS);
    expect(model.speaker.value).toBe('c1');
    expect(model.participants.value).toBe(list);
  });

  it('clear() starts a new call: nobody, numbers from 1, the agent not announced', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.clear();
    expect(model.participants.value).toEqual([]);
    expect(model.lastChange.value).toBeUndefined();
    model.presence('a9', 'p9-agent', true);
    model.presence('c9', 'p8-customer', true);
    expect(model.lastChange.value?.participant).toMatchObject({ attendeeId: 'c9', number: 1 });
  });
});
