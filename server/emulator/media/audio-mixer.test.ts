import OpusScript from 'opusscript';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RtpPacket } from 'werift';
import { decodeOpus, opusTone, toneAmplitude } from '../testing/opus-tone.js';
import { AudioMixer, FRAME_SAMPLES, samplesIn, type MixListener } from './audio-mixer.js';

const base = (key: string) => key.replace(/#content$/, '');

/** Listeners who never hear their own base attendee, recording what they receive. */
function listeners(...keys: string[]) {
  const received = new Map<string, RtpPacket[]>(keys.map((k) => [k, []]));
  const list: MixListener<string>[] = keys.map((key) => ({
    key,
    hears: (source) => base(source) !== base(key),
    send: (packet) => received.get(key)!.push(packet),
  }));
  return { list, received };
}

/** Runs `frames` mixer frames, each after one packet from every talker. */
function run(mixer: AudioMixer<string>, talkers: Record<string, Buffer[]>, frames: number): void {
  for (let frame = 0; frame < frames; frame++) {
    for (const [key, packets] of Object.entries(talkers)) mixer.push(key, packets[frame]!);
    mixer.mixFrame();
  }
}

/** The tone's amplitude in each frame a listener received, from the 11th on (past the start-up). */
const amplitudes = (packets: RtpPacket[], hz: number) =>
  decodeOpus(packets.map((p) => p.payload))
    .slice(10)
    .map((pcm) => toneAmplitude(pcm, hz));

describe('AudioMixer', () => {
  let mixer: AudioMixer<string> | undefined;
  afterEach(() => mixer?.stop());

  it('gives each listener the mix of everyone else in every frame, never itself', () => {
    const { list, received } = listeners('a', 'b', 'c');
    mixer = new AudioMixer(() => list);
    run(mixer, { a: opusTone(440, 60), b: opusTone(1_000, 60) }, 60);

    // Past the jitter buffer and the codecs' start-up, every frame C hears carries both voices at
    // once: interleaved packets would carry one or the other.
    const heardByC = received.get('c')!;
    for (const [i, level] of amplitudes(heardByC, 440).entries()) {
      expect(level, `440 Hz in frame ${i}`).toBeGreaterThan(3_000);
    }
    for (const [i, level] of amplitudes(heardByC, 1_000).entries()) {
      expect(level, `1 kHz in frame ${i}`).toBeGreaterThan(3_000);
    }
    // A hears B only, B hears A only.
    expect(Math.max(...amplitudes(received.get('a')!, 440))).toBeLessThan(800);
    expect(Math.min(...amplitudes(received.get('a')!, 1_000))).toBeGreaterThan(3_000);
    expect(Math.max(...amplitudes(received.get('b')!, 1_000))).toBeLessThan(800);
  });

  it("mixes in a content share's audio for everyone but the sharer", () => {
    const { list, received } = listeners('a', 'a#content', 'b');
    mixer = new AudioMixer(() => list);
    run(mixer, { a: opusTone(440, 40), 'a#content': opusTone(1_000, 40) }, 40);
    expect(Math.min(...amplitudes(received.get('b')!, 440))).toBeGreaterThan(3_000);
    expect(Math.min(...amplitudes(received.get('b')!, 1_000))).toBeGreaterThan(3_000);
    expect(Math.max(...amplitudes(received.get('a')!, 1_000))).toBeLessThan(800);
  });

  it("passes one talker's packets through unchanged, in the listener's own continuous stream", () => {
    const { list, received } = listeners('a', 'b');
    mixer = new AudioMixer(() => list);
    const packets = opusTone(440, 20);
    run(mixer, { a: packets }, 20);
    const heard = received.get('b')!;
    expect(heard).toHaveLength(20);
    // Two frames of silence while the jitter buffer fills; then A's packets, in order.
    expect(heard.slice(2).map((p) => p.payload)).toEqual(packets.slice(0, 18));
    for (let i = 1; i < heard.length; i++) {
      expect(heard[i]!.header.sequenceNumber).toBe(
        (heard[i - 1]!.header.sequenceNumber + 1) & 0xffff,
      );
      expect(heard[i]!.header.timestamp).toBe(
        (heard[i - 1]!.header.timestamp + FRAME_SAMPLES) >>> 0,
      );
    }
  });

  it('sends silence every frame to a listener who hears nobody, and after a talker runs dry', () => {
    const { list, received } = listeners('a', 'b');
    mixer = new AudioMixer(() => list);
    for (let i = 0; i < 5; i++) mixer.mixFrame();
    const talk = opusTone(440, 3);
    mixer.push('a', talk[0]!);
    mixer.push('a', talk[1]!);
    // Two packets are not enough to be heard (the jitter buffer wants three)...
    mixer.mixFrame();
    expect(received.get('b')).toHaveLength(6);
    const levels = decodeOpus(received.get('b')!.map((p) => p.payload)).map((pcm) =>
      Math.max(...new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2).map(Math.abs)),
    );
    expect(Math.max(...levels)).toBeLessThan(50);
    // ...the third is.
    mixer.push('a', talk[2]!);
    mixer.mixFrame();
    expect(received.get('b')!.at(-1)!.payload.length).toBeGreaterThan(
      received.get('b')![0]!.payload.length,
    );
  });

  it('a talker that ran dry is heard again only once the jitter buffer has refilled', () => {
    const { list, received } = listeners('a', 'b');
    mixer = new AudioMixer(() => list);
    const talk = opusTone(440, 6);
    for (const packet of talk.slice(0, 3)) mixer.push('a', packet);
    for (let i = 0; i < 3; i++) mixer.mixFrame();
    expect(received.get('b')!.map((p) => p.payload)).toEqual(talk.slice(0, 3));
    // Dry: one late packet alone is held back, as the first ones were, not played at once.
    mixer.push('a', talk[3]!);
    mixer.mixFrame();
    expect(received.get('b')!.at(-1)!.payload).not.toBe(talk[3]);
    mixer.push('a', talk[4]!);
    mixer.push('a', talk[5]!);
    mixer.mixFrame();
    expect(received.get('b')!.at(-1)!.payload).toBe(talk[3]);
  });

  it('drops the oldest packets when a talker sends faster than the mixer plays', () => {
    const { list, received } = listeners('a', 'b');
    mixer = new AudioMixer(() => list);
    const packets = opusTone(440, 30);
    for (const packet of packets) mixer.push('a', packet);
    mixer.mixFrame();
    // Only the newest were kept: what B hears first is late in the burst, not its start.
    expect(packets.indexOf(received.get('b')![0]!.payload)).toBeGreaterThan(20);
  });

  it('a failing encoder costs its listener one silent frame, not the call: it is replaced', () => {
    const { list, received } = listeners('a', 'b', 'c');
    mixer = new AudioMixer(() => list);
    const [low, high] = [opusTone(440, 30), opusTone(1_000, 30)];
    run(mixer, { a: low, b: high }, 15);
    const talkers = { a: low.slice(15), b: high.slice(15) };
    const encode = OpusScript.prototype.encode;
    const failing = vi
      .spyOn(OpusScript.prototype, 'encode')
      .mockImplementationOnce(() => {
        throw new Error('Encode error: Bad argument');
      })
      .mockImplementation(function (this: OpusScript, ...args) {
        return encode.apply(this, args);
      });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => run(mixer!, talkers, 15)).not.toThrow();
    } finally {
      failing.mockRestore();
      errors.mockRestore();
    }
    expect(mixer.encoderFailures).toBe(1);
    // Every frame still reached C, and past the replaced encoder's start-up both voices again.
    const heardByC = received.get('c')!;
    expect(heardByC).toHaveLength(30);
    const late = decodeOpus(heardByC.slice(-5).map((p) => p.payload));
    for (const pcm of late) {
      expect(toneAmplitude(pcm, 440)).toBeGreaterThan(3_000);
      expect(toneAmplitude(pcm, 1_000)).toBeGreaterThan(3_000);
    }
  });

  it('reads how many samples an Opus packet carries from its TOC byte', () => {
    expect(samplesIn(opusTone(440, 1)[0]!)).toBe(960);
    expect(samplesIn(Buffer.from([0x00]))).toBe(480); // SILK NB 10 ms, one frame
    expect(samplesIn(Buffer.from([0x03 | (1 << 3), 3]))).toBe(2_880); // 20 ms x 3
    expect(samplesIn(Buffer.from([0xfc]))).toBe(960); // CELT FB 20 ms
    expect(samplesIn(Buffer.alloc(0))).toBe(0);
  });
});
