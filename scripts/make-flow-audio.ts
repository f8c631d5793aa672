/**
 * Makes the contact flow's prompt files (server/emulator/flow/audio/*.opk): speech synthesised
 * with Debian's espeak-ng (`apt-get install -y espeak-ng`) and a soft chord progression for the
 * queue music, synthesised here, each encoded to 20 ms Opus packets with libopus (opusscript).
 * The files are committed: tests and `npm start` never need espeak-ng.
 *
 *   node --import tsx scripts/make-flow-audio.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpusScript from 'opusscript';
import {
  DEFAULT_PROMPT_DIR,
  PROMPT_FILE_EXTENSION,
  encodePromptFile,
} from '../server/emulator/flow/prompt-files.js';
import { PROMPT_TEXTS } from '../server/emulator/flow/prompt-texts.js';

const RATE = 48_000;
const FRAME = 960;
/** Peak level of speech, and of the music (quieter: it plays under nothing, for minutes). */
const SPEECH_PEAK = 14_000;
const MUSIC_PEAK = 5_000;

const PROMPTS = PROMPT_TEXTS;

/** espeak-ng's WAV (22,050 Hz, 16-bit mono), as samples at 48 kHz, peak-normalised. */
function speak(text: string): Float32Array {
  const wav = execFileSync('espeak-ng', ['--stdout', '-v', 'en-gb', '-s', '155', text]);
  const dataAt = wav.indexOf('data') + 8;
  const sourceRate = wav.readUInt32LE(24);
  const source = new Float32Array((wav.length - dataAt) >> 1);
  for (let i = 0; i < source.length; i++) source[i] = wav.readInt16LE(dataAt + i * 2);
  // Linear interpolation: speech from a 22 kHz synthesiser has nothing above 11 kHz to alias.
  const out = new Float32Array(Math.floor((source.length * RATE) / sourceRate));
  for (let i = 0; i < out.length; i++) {
    const at = (i * sourceRate) / RATE;
    const j = Math.floor(at);
    const next = source[Math.min(j + 1, source.length - 1)]!;
    out[i] = source[j]! + (next - source[j]!) * (at - j);
  }
  return normalise(out, SPEECH_PEAK);
}

/**
 * Eight seconds that loop seamlessly: C, A minor, F, G, two seconds each, every chord three soft
 * sine voices and a bass note, faded in and out within its two seconds so the joins never click.
 */
function music(): Float32Array {
  const chords = [
    [261.63, 329.63, 392.0, 130.81],
    [220.0, 261.63, 329.63, 110.0],
    [174.61, 220.0, 261.63, 87.31],
    [196.0, 246.94, 293.66, 98.0],
  ];
  const chordSeconds = 2;
  const out = new Float32Array(chords.length * chordSeconds * RATE);
  for (const [c, notes] of chords.entries()) {
    for (let i = 0; i < chordSeconds * RATE; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, t / 0.3, (chordSeconds - t) / 0.4);
      let sample = 0;
      for (const [n, hz] of notes.entries()) {
        // A touch of second harmonic makes the sines sound like a soft electric piano.
        const voice = Math.sin(2 * Math.PI * hz * t) + 0.2 * Math.sin(4 * Math.PI * hz * t);
        sample += voice * (n === 3 ? 0.8 : 0.5) * Math.exp(-t * 0.6);
      }
      out[c * chordSeconds * RATE + i] = sample * envelope;
    }
  }
  return normalise(out, MUSIC_PEAK);
}

function normalise(samples: Float32Array, peak: number): Float32Array {
  const max = samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0) || 1;
  return samples.map((s) => (s * peak) / max);
}

function encode(samples: Float32Array, bitrate: number, application: number): Buffer[] {
  const encoder = new OpusScript(RATE, 1, application);
  encoder.setBitrate(bitrate);
  const packets: Buffer[] = [];
  for (let start = 0; start < samples.length; start += FRAME) {
    const pcm = Buffer.alloc(FRAME * 2);
    for (let i = 0; i < FRAME && start + i < samples.length; i++) {
      pcm.writeInt16LE(Math.round(samples[start + i]!), i * 2);
    }
    packets.push(Buffer.from(encoder.encode(pcm, FRAME)));
  }
  encoder.delete();
  return packets;
}

mkdirSync(DEFAULT_PROMPT_DIR, { recursive: true });
const write = (name: string, packets: Buffer[]) => {
  const file = join(DEFAULT_PROMPT_DIR, name + PROMPT_FILE_EXTENSION);
  const bytes = encodePromptFile(packets);
  writeFileSync(file, bytes);
  console.log(`${name}: ${(packets.length * 0.02).toFixed(2)} s, ${bytes.length} bytes`);
};
// 16 kb/s is plenty for a synthetic voice; the music gets a little more for its sustained tones.
for (const [name, text] of Object.entries(PROMPTS)) {
  write(name, encode(speak(text), 16_000, OpusScript.Application.VOIP));
}
write('queue-music', encode(music(), 20_000, OpusScript.Application.AUDIO));
