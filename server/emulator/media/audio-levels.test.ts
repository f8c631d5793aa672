import { describe, expect, it } from 'vitest';
import { RtpHeader, RtpPacket } from 'werift';
import { AudioLevels } from './audio-levels.js';

const packet = (sequenceNumber: number, level?: number) => {
  const header = new RtpHeader({ payloadType: 111, sequenceNumber });
  if (level !== undefined) {
    header.extension = true;
    header.extensions = [{ id: 1, payload: Buffer.from([0x80 | level]) }];
  }
  return new RtpPacket(header, Buffer.alloc(10));
};

describe('AudioLevels', () => {
  it('reports the loudest RFC 6464 level of the window, then starts a new one', () => {
    const levels = new AudioLevels();
    levels.add(7, packet(1, 60), 1);
    levels.add(7, packet(2, 25), 1);
    levels.add(7, packet(3, 90), 1);
    expect(levels.take(7)).toEqual({ volume: 25, signalStrength: 2 });
    expect(levels.take(7)).toEqual({ volume: 127, signalStrength: 0 });
  });

  it('ignores the extension under another id, and packets without one read as silence', () => {
    const levels = new AudioLevels();
    levels.add(7, packet(1, 10), 2);
    levels.add(7, packet(2), 1);
    expect(levels.take(7).volume).toBe(127);
  });

  it("signal strength falls with the share of the sender's packets lost, across the 16-bit wrap", () => {
    const levels = new AudioLevels();
    levels.add(7, packet(65_530), 1);
    for (const sequence of [65_531, 65_532, 65_533, 65_534, 65_535, 0, 1, 2, 3, 4]) {
      levels.add(7, packet(sequence), 1);
    }
    expect(levels.take(7).signalStrength).toBe(2);
    // 3 of 10 arrive.
    for (const sequence of [7, 11, 14]) levels.add(7, packet(sequence), 1);
    expect(levels.take(7).signalStrength).toBe(0);
    // 6 of 10 arrive.
    for (const sequence of [15, 17, 19, 21, 22, 24]) levels.add(7, packet(sequence), 1);
    expect(levels.take(7).signalStrength).toBe(1);
  });
});
