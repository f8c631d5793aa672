import { createOpusCodec } from '../media/opus-codec.js';

const SAMPLE_RATE = 48_000;
const FRAME_SAMPLES = 960;

/**
 * `frames` 20 ms Opus packets of a continuous sine at `hz` (0: silence), as a microphone's
 * encoder would send them: test clients loop them instead of encoding in real time.
 */
export function opusTone(hz: number, frames: number, amplitude = 6_000): Buffer[] {
  const encoder = createOpusCodec();
  encoder.setBitrate(32_000);
  const packets: Buffer[] = [];
  for (let frame = 0; frame < frames; frame++) {
    const pcm = Buffer.alloc(FRAME_SAMPLES * 2);
    for (let i = 0; i < FRAME_SAMPLES; i++) {
      const t = (frame * FRAME_SAMPLES + i) / SAMPLE_RATE;
      pcm.writeInt16LE(Math.round(amplitude * Math.sin(2 * Math.PI * hz * t)), i * 2);
    }
    packets.push(encoder.encode(pcm, FRAME_SAMPLES));
  }
  encoder.delete();
  return packets;
}

/** Decodes a stream of Opus packets, in order, to 16-bit PCM frames. */
export function decodeOpus(packets: Buffer[]): Buffer[] {
  const decoder = createOpusCodec();
  const frames = packets.map((p) => decoder.decode(p));
  decoder.delete();
  return frames;
}

/** The amplitude of the `hz` component of one PCM frame (Goertzel), comparable across tones. */
export function toneAmplitude(pcm: Buffer, hz: number): number {
  const n = pcm.length / 2;
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / SAMPLE_RATE);
  let previous = 0;
  let beforePrevious = 0;
  for (let i = 0; i < n; i++) {
    const current = pcm.readInt16LE(i * 2) + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power = previous ** 2 + beforePrevious ** 2 - coefficient * previous * beforePrevious;
  return (2 * Math.sqrt(Math.max(0, power))) / n;
}
