import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A prompt file: the magic `OPK1`, then each 20 ms Opus packet as a 16-bit big-endian length and
 * its bytes. Packets as the mixer sends them, so a prompt plays without decoding or encoding
 * anything, and a few seconds of speech weigh a few kilobytes.
 */
const MAGIC = Buffer.from('OPK1', 'ascii');
export const PROMPT_FILE_EXTENSION = '.opk';

/** The prompts the emulator ships with (made by scripts/make-flow-audio.ts). */
export const DEFAULT_PROMPT_DIR = fileURLToPath(new URL('./audio/', import.meta.url));

/** Prompt name → its 20 ms Opus packets. */
export type PromptLibrary = ReadonlyMap<string, readonly Buffer[]>;

export function encodePromptFile(packets: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [MAGIC];
  for (const packet of packets) {
    if (packet.length === 0 || packet.length > 0xffff) {
      throw new Error(`An Opus packet of ${packet.length} bytes cannot be stored.`);
    }
    const length = Buffer.alloc(2);
    length.writeUInt16BE(packet.length);
    parts.push(length, packet);
  }
  return Buffer.concat(parts);
}

export function decodePromptFile(file: Buffer, name = 'prompt'): Buffer[] {
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error(`${name} is not a prompt file (no OPK1 header).`);
  }
  const packets: Buffer[] = [];
  let offset = MAGIC.length;
  while (offset < file.length) {
    if (offset + 2 > file.length) throw new Error(`${name} is cut short.`);
    const length = file.readUInt16BE(offset);
    offset += 2;
    if (length === 0 || offset + length > file.length) throw new Error(`${name} is cut short.`);
    packets.push(file.subarray(offset, offset + length));
    offset += length;
  }
  return packets;
}

/** Every `<name>.opk` of a directory, by name. */
export function loadPromptLibrary(dir = DEFAULT_PROMPT_DIR): PromptLibrary {
  const library = new Map<string, Buffer[]>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(PROMPT_FILE_EXTENSION)) continue;
    const name = basename(file, PROMPT_FILE_EXTENSION);
    library.set(name, decodePromptFile(readFileSync(join(dir, file)), file));
  }
  return library;
}
