import type OpusScript from 'opusscript';
import { createOpusCodec, MAX_DECODED_SAMPLES } from './opus-codec.js';
import { RtpHeader, RtpPacket } from 'werift';

/** 20 ms at 48 kHz: what browsers put in one Opus packet (the SDK sets no `ptime`). */
export const FRAME_SAMPLES = 960;
export const FRAME_MS = 20;
/** Frames a source buffers before it is heard, and the most it may hold (arrival jitter, clock drift). */
const PRIME_FRAMES = 3;
const MAX_BUFFERED_FRAMES = 10;
/** Opus's dynamic payload type; the sender rewrites it to the negotiated one. */
const OPUS_PAYLOAD_TYPE = 111;
/** About what browsers send for speech, and what the SDK's default audio profile asks for. */
const MIX_BITRATE = 32_000;
/** OPUS_SET_COMPLEXITY_REQUEST: 5 of 10 keeps speech clear at a third of the top setting's cost. */
const OPUS_SET_COMPLEXITY = 4010;
const MIX_COMPLEXITY = 5;
/** How far the clock may fall behind (an event-loop stall) before missed frames are skipped. */
const MAX_CATCH_UP_FRAMES = 5;

/** Someone the mixer sends to: it hears every source `hears` accepts, never itself. */
export interface MixListener<K> {
  key: K;
  hears(source: K): boolean;
  send(packet: RtpPacket): void;
}

/**
 * A source the server itself plays into the meeting (a contact flow's prompts and music): it has
 * no microphone, no jitter buffer and no clock of its own. The mixer takes one 20 ms packet from it
 * each frame, which paces it at exactly 50 packets a second, and it alone decides who hears it.
 */
export interface ServerSource<K> {
  /** Its packet for this frame, or undefined when it has nothing to play. */
  next(): Buffer | undefined;
  /** Whether `listener` hears it (a flow plays to the customer only). */
  heardBy(listener: K): boolean;
}

interface Source<K> {
  packets: Buffer[];
  primed: boolean;
  decoder?: OpusScript;
  server?: ServerSource<K>;
}

interface ListenerState {
  encoder?: OpusScript;
  sequenceNumber: number;
  timestamp: number;
}

/**
 * Production's audio path: every client receives one mixed downlink of everyone else, content-share
 * audio included (guides/03_API_Overview.md), on its one audio m-line. Each source's packets wait
 * in a small jitter buffer; every 20 ms each listener gets one packet of its own stream (its own
 * sequence numbers and timestamps): the sum of what it hears (decoded, mixed, clipped, encoded
 * for it), one source's packet unchanged when it hears exactly one (the mix of one is that source,
 * and re-encoding it would only cost quality and CPU), or silence when it hears nobody. The stream
 * never pauses: the SDK counts an interval without audio packets as inbound loss
 * (connectionmonitor/SignalingAndMetricsConnectionMonitor.js), so production keeps it flowing.
 */
export class AudioMixer<K> {
  private readonly sources = new Map<K, Source<K>>();
  private readonly states = new Map<K, ListenerState>();
  private silence?: Buffer;
  private timer?: NodeJS.Timeout;
  private startedAt = 0;
  private framesDone = 0;
  /** Encoders that failed and were replaced (see encode). */
  encoderFailures = 0;

  /** `listeners` is asked at every frame, so joins and leaves need no bookkeeping here. */
  constructor(private readonly listeners: () => Iterable<MixListener<K>>) {}

  /** One RTP payload from a source's microphone (or content share). */
  push(source: K, payload: Buffer): void {
    if (payload.length === 0) return;
    let entry = this.sources.get(source);
    if (!entry) {
      entry = { packets: [], primed: false };
      this.sources.set(source, entry);
    }
    entry.packets.push(payload);
    if (entry.packets.length > MAX_BUFFERED_FRAMES) {
      // The sender's clock runs faster than ours: drop the oldest rather than fall behind.
      entry.packets.splice(0, entry.packets.length - PRIME_FRAMES);
    }
    if (entry.packets.length >= PRIME_FRAMES) entry.primed = true;
  }

  /** Adds a server-side source under its own key; it stays until `forget(key)`, across `stop()`. */
  addServerSource(key: K, source: ServerSource<K>): void {
    this.forget(key);
    this.sources.set(key, { packets: [], primed: false, server: source });
  }

  /** A source or listener is gone for good: free its codec state. */
  forget(key: K): void {
    this.sources.get(key)?.decoder?.delete();
    this.sources.delete(key);
    this.states.get(key)?.encoder?.delete();
    this.states.delete(key);
  }

  /** Mixes one 20 ms frame for every listener. */
  mixFrame(): void {
    const heard = new Map<K, Buffer>();
    for (const [key, source] of this.sources) {
      if (source.server) {
        const packet = source.server.next();
        if (packet) heard.set(key, packet);
        continue;
      }
      if (!source.primed) continue;
      const packet = source.packets.shift();
      if (packet) heard.set(key, packet);
      // Ran dry: wait for the buffer to refill before this source is heard again.
      if (source.packets.length === 0) source.primed = false;
    }
    const decoded = new Map<K, Buffer | null>();
    const listeners = [...this.listeners()];
    for (const listener of listeners) {
      const state = this.stateOf(listener.key);
      const contributions = [...heard.keys()].filter(
        (key) =>
          key !== listener.key &&
          (this.sources.get(key)?.server?.heardBy(listener.key) ?? listener.hears(key)),
      );
      let payload: Buffer;
      const only = contributions.length === 1 ? heard.get(contributions[0]!) : undefined;
      if (contributions.length === 0) payload = this.silencePacket();
      else if (only && samplesIn(only) === FRAME_SAMPLES) payload = only;
      else {
        const frames = contributions
          .map((key) => {
            if (!decoded.has(key)) decoded.set(key, this.decode(key, heard.get(key)!));
            return decoded.get(key);
          })
          .filter((frame): frame is Buffer => !!frame);
        payload = frames.length === 0 ? this.silencePacket() : this.encode(state, sum(frames));
      }
      listener.send(
        new RtpPacket(
          new RtpHeader({
            payloadType: OPUS_PAYLOAD_TYPE,
            sequenceNumber: state.sequenceNumber,
            timestamp: state.timestamp,
          }),
          payload,
        ),
      );
      state.sequenceNumber = (state.sequenceNumber + 1) & 0xffff;
      state.timestamp = (state.timestamp + FRAME_SAMPLES) >>> 0;
    }
    if (this.states.size === listeners.length) return;
    // Listeners that left take their encoders with them.
    const present = new Set(listeners.map((l) => l.key));
    for (const [key, state] of this.states) {
      if (present.has(key)) continue;
      state.encoder?.delete();
      this.states.delete(key);
    }
  }

  /** Runs `mixFrame` every 20 ms of wall-clock time, catching up after short stalls. */
  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.framesDone = 0;
    this.timer = setInterval(() => {
      const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS) - this.framesDone;
      if (due > MAX_CATCH_UP_FRAMES) {
        // A long stall: the frames it swallowed are lost, as on a congested link.
        this.framesDone += due - 1;
      }
      const frames = Math.min(due, MAX_CATCH_UP_FRAMES);
      for (let i = 0; i < frames; i++) {
        try {
          this.mixFrame();
        } catch (error) {
          // A timer's exception would end the whole emulator, and every call with it.
          console.error('Audio mixer: a frame failed: %s', (error as Error)?.message);
        }
        this.framesDone++;
      }
    }, FRAME_MS / 2);
    this.timer.unref();
  }

  /**
   * Stops the clock and frees the clients' state. Server sources stay (their codec state freed):
   * they belong to whoever added them, and resume with the clock.
   */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const key of new Set([...this.sources.keys(), ...this.states.keys()])) {
      const server = this.sources.get(key)?.server;
      this.forget(key);
      if (server) this.sources.set(key, { packets: [], primed: false, server });
    }
    this.silence = undefined;
  }

  private stateOf(key: K): ListenerState {
    let state = this.states.get(key);
    if (!state) {
      state = {
        sequenceNumber: Math.floor(Math.random() * 0x10000),
        timestamp: Math.floor(Math.random() * 0x1_0000_0000) >>> 0,
      };
      this.states.set(key, state);
    }
    return state;
  }

  private decode(key: K, payload: Buffer): Buffer | null {
    const source = this.sources.get(key);
    if (!source) return null;
    // Longer frames would not fit the decoder's output buffer (opus-codec.ts): heard as lost.
    if (samplesIn(payload) > MAX_DECODED_SAMPLES) return null;
    source.decoder ??= createOpusCodec();
    try {
      return source.decoder.decode(payload);
    } catch {
      // A packet the decoder rejects is heard as a lost one; a fresh decoder takes the next.
      source.decoder.delete();
      source.decoder = undefined;
      return null;
    }
  }

  /**
   * The listener's mix, encoded; silence for this frame if its encoder fails. opusscript's encoder
   * has answered OPUS_BAD_ARG in a six-party call (e2e/group-call.spec.ts) on input of the right
   * size: the encoder is replaced, so the next frame is heard, and the call goes on meanwhile.
   */
  private encode(state: ListenerState, pcm: Buffer): Buffer {
    state.encoder ??= createEncoder();
    try {
      return state.encoder.encode(pcm, FRAME_SAMPLES);
    } catch (error) {
      state.encoder.delete();
      state.encoder = undefined;
      this.encoderFailures++;
      if (this.encoderFailures === 1)
        console.error('Audio mixer: an encoder failed (%s); replaced', (error as Error)?.message);
      return this.silencePacket();
    }
  }

  private silencePacket(): Buffer {
    if (!this.silence) {
      const encoder = createEncoder();
      const zeros = Buffer.alloc(FRAME_SAMPLES * 2);
      // The encoder's first frames carry its start-up; a settled silent frame decodes on its own.
      for (let i = 0; i < 3; i++) this.silence = encoder.encode(zeros, FRAME_SAMPLES);
      encoder.delete();
    }
    return this.silence!;
  }
}

function createEncoder(): OpusScript {
  const encoder = createOpusCodec();
  encoder.setBitrate(MIX_BITRATE);
  encoder.encoderCTL(OPUS_SET_COMPLEXITY, MIX_COMPLEXITY);
  return encoder;
}

/** 16-bit little-endian PCM frames added sample by sample, clipped; shorter frames pad with zero. */
export function sum(frames: Buffer[]): Buffer {
  const out = Buffer.alloc(FRAME_SAMPLES * 2);
  for (let i = 0; i < FRAME_SAMPLES; i++) {
    let total = 0;
    for (const frame of frames) if (i * 2 + 1 < frame.length) total += frame.readInt16LE(i * 2);
    out.writeInt16LE(Math.max(-32768, Math.min(32767, total)), i * 2);
  }
  return out;
}

/**
 * The samples (at 48 kHz) one Opus packet carries, from its TOC byte (RFC 6716 section 3.1), or
 * 0 when it cannot be read.
 */
export function samplesIn(packet: Buffer): number {
  const toc = packet[0];
  if (toc === undefined) return 0;
  const config = toc >> 3;
  let frameSamples: number;
  if (config < 12) frameSamples = [480, 960, 1920, 2880][config % 4]!;
  else if (config < 16) frameSamples = config % 2 === 0 ? 480 : 960;
  else frameSamples = [120, 240, 480, 960][config % 4]!;
  switch (toc & 0x03) {
    case 0:
      return frameSamples;
    case 1:
    case 2:
      return frameSamples * 2;
    default: {
      const count = packet[1];
      return count === undefined ? 0 : frameSamples * (count & 0x3f);
    }
  }
}
