import OpusScript from 'opusscript';

/** What opusscript keeps on each instance (index.js 0.1.1), read and repaired below. */
interface OpusScriptMemory {
  inPCMPointer: number;
  inPCMLength: number;
  outPCMPointer: number;
  outPCMLength: number;
  inOpus: Uint8Array;
  inPCM: Uint16Array;
  outPCM: Uint16Array;
}

/**
 * An opusscript codec (48 kHz, mono, VoIP) whose PCM buffers are where its own `_malloc` put them.
 * opusscript 0.1.1 takes `HEAPU16.subarray(pointer, …)`, a Uint16Array indexed by the byte
 * pointer, so every encode and decode reads and writes at twice the allocated address: memory
 * nobody owns while the heap is small, other codecs' state once enough of them exist. In a
 * six-party call that surfaced as OPUS_BAD_ARG and then "memory access out of bounds" in the
 * mixer, and an emulator that could no longer end the meeting. The views are rebuilt at the
 * allocated addresses, same element type and length in bytes as allocated, so encode and decode
 * keep their one-PCM-byte-per-element convention within memory the codec owns.
 */
export function createOpusCodec(): OpusScript {
  const codec = new OpusScript(48_000, 1, OpusScript.Application.VOIP);
  const memory = codec as unknown as OpusScriptMemory;
  const heap = memory.inOpus.buffer;
  memory.inPCM = new Uint16Array(heap, memory.inPCMPointer, memory.inPCMLength / 2);
  memory.outPCM = new Uint16Array(heap, memory.outPCMPointer, memory.outPCMLength / 2);
  return codec;
}

/** Samples of one decoded frame the repaired buffers hold (20 ms; browsers send 20 ms frames). */
export const MAX_DECODED_SAMPLES = 960;
