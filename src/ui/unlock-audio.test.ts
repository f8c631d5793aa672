import { describe, expect, it } from 'vitest';
import { unlockAudio } from './unlock-audio';

/** The parts of an audio element the decision touches, recording the order of what happened. */
function fakeElement() {
  const events: string[] = [];
  let source: unknown = null;
  const element = {
    get srcObject() {
      return source;
    },
    set srcObject(value: unknown) {
      events.push('srcObject');
      source = value;
    },
    play() {
      events.push('play');
      return Promise.reject(new Error('NotAllowedError'));
    },
  };
  return { element: element as unknown as HTMLMediaElement, events };
}

describe('unlockAudio', () => {
  it('plays the call audio element on an empty stream at once, inside the click that calls it', () => {
    const { element, events } = fakeElement();
    const stream = {} as MediaStream;
    unlockAudio(element, () => stream);
    // Synchronously: a play() after an await would be outside Safari's gesture.
    expect(events).toEqual(['srcObject', 'play']);
    expect(element.srcObject).toBe(stream);
  });

  it('leaves an element that already plays a stream alone', () => {
    const { element, events } = fakeElement();
    element.srcObject = {} as MediaStream;
    events.length = 0;
    unlockAudio(element, () => ({}) as MediaStream);
    expect(events).toEqual([]);
  });

  it('does nothing where the browser has no MediaStream', () => {
    const { element, events } = fakeElement();
    unlockAudio(element, undefined);
    expect(events).toEqual([]);
  });
});
