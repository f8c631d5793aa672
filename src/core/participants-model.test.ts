import { describe, expect, it } from 'vitest';
import { createParticipantsModel } from './participants-model';

const SELF = 'self-attendee';

let clock = 0;
function setup() {
  clock = 0;
  return createParticipantsModel(
    () => SELF,
    () => clock,
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

  it('marks the one speaking, holds the mark through a pause, and hands it to a louder voice', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.volume('c1', 0.6);
    expect(speaking(model)).toEqual(['c1']);
    // A pause between words: still marked.
    clock += 300;
    model.volume('c1', 0);
    model.volume('a1', 0.1);
    expect(speaking(model)).toEqual(['c1']);
    // The agent speaks up while c1 is quiet: the mark moves.
    clock += 200;
    model.volume('a1', 0.5);
    expect(speaking(model)).toEqual(['a1']);
    // c1 at about the agent's level does not take it back; clearly louder does.
    clock += 100;
    model.volume('c1', 0.55);
    expect(speaking(model)).toEqual(['a1']);
    model.volume('c1', 0.9);
    expect(speaking(model)).toEqual(['c1']);
    // Silence past the hold: nobody.
    model.volume('c1', 0);
    model.volume('a1', 0);
    clock += 1_500;
    model.volume('a1', 0.05);
    expect(speaking(model)).toEqual([]);
    // The customer's own voice never marks anyone.
    model.volume(SELF, 1);
    expect(speaking(model)).toEqual([]);
  });

  it('keeps marking a steady voice, which the SDK reports only once, and hands the mark on when it stops', () => {
    const model = setup();
    model.presence('a1', 'p1-agent', true);
    model.presence('c1', 'p2-customer', true);
    model.volume('a1', 0.7);
    model.volume('c1', 0.7);
    expect(speaking(model)).toEqual(['a1']);
    // c1 mutes (its volume goes to 0); the agent, still at 0.7, sends nothing new.
    clock += 5_000;
    model.volume('c1', 0);
    expect(speaking(model)).toEqual(['a1']);
    // The agent stops: held through the pause, then the one still talking takes the mark.
    model.volume('c1', 0.7);
    clock += 300;
    model.volume('a1', 0);
    expect(speaking(model)).toEqual(['c1']);
    clock += 5_000;
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
    clock += 1_500;
    model.volume('a1', 0);
    model.volume('c1', 0.7);
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
