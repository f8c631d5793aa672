import { afterEach, describe, expect, it } from 'vitest';
import type OpusScript from 'opusscript';
import { toneAmplitude } from '../testing/opus-tone.js';
import { createOpusCodec } from './opus-codec.js';

/** 20 ms of a sine at `hz`, 16-bit little-endian mono at 48 kHz. */
function sineFrame(hz: number, frame: number): Buffer {
  const pcm = Buffer.alloc(960 * 2);
  for (let i = 0; i < 960; i++) {
    const t = (frame * 960 + i) / 48_000;
    pcm.writeInt16LE(Math.round(8_000 * Math.sin(2 * Math.PI * hz * t)), i * 2);
  }
  return pcm;
}

describe('createOpusCodec', () => {
  const codecs: OpusScript[] = [];
  afterEach(() => codecs.splice(0).forEach((codec) => codec.delete()));

  it('keeps forty encoders and forty decoders apart: each one hears only its own tone', () => {
    // As many codecs as a busy emulator holds (a mixer has one encoder per listener and one
    // decoder per talker): with opusscript's own buffers they wrote into each other's memory.
    const pairs = Array.from({ length: 40 }, (_, i) => {
      const pair = { hz: 300 + i * 40, encoder: createOpusCodec(), decoder: createOpusCodec() };
      codecs.push(pair.encoder, pair.decoder);
      return pair;
    });
    let last: Buffer[] = [];
    for (let frame = 0; frame < 25; frame++) {
      last = pairs.map(({ hz, encoder, decoder }) =>
        decoder.decode(encoder.encode(sineFrame(hz, frame), 960)),
      );
    }
    for (const [i, pcm] of last.entries()) {
      const { hz } = pairs[i]!;
      expect(pcm.length, `pair ${i}`).toBe(960 * 2);
      expect(toneAmplitude(pcm, hz), `pair ${i} hears its ${hz} Hz`).toBeGreaterThan(3_000);
    }
  });
});
