import type { ServerSource } from './audio-mixer.js';
import type { AudioPlayer } from './media-plane.js';

interface Playing {
  packets: readonly Buffer[];
  index: number;
  loop: boolean;
  done: (finished: boolean) => void;
}

/**
 * Audio the meeting itself plays (a contact flow), as one server source of the mixer: the mixer
 * takes a packet each frame, so a prompt lasts exactly its length in real time, and `play`
 * resolves when the mixer has taken its last packet. Between plays it is silent (the mixer then
 * hears nobody from it, and sends its listener silence as for an empty room).
 */
export class ServerAudio<K> implements AudioPlayer, ServerSource<K> {
  private playing?: Playing;
  private closed = false;

  constructor(
    private readonly listenerFilter: (listener: K) => boolean,
    private readonly onClose: () => void,
  ) {}

  heardBy(listener: K): boolean {
    return this.listenerFilter(listener);
  }

  next(): Buffer | undefined {
    const playing = this.playing;
    if (!playing) return undefined;
    if (playing.index >= playing.packets.length) {
      if (!playing.loop || playing.packets.length === 0) return this.finish(true);
      playing.index = 0;
    }
    const packet = playing.packets[playing.index++];
    // The last packet is out: the prompt ends as its sound does, not a frame later.
    if (!playing.loop && playing.index >= playing.packets.length) this.finish(true);
    return packet;
  }

  play(packets: readonly Buffer[], options: { loop?: boolean } = {}): Promise<boolean> {
    this.stop();
    if (this.closed || packets.length === 0) return Promise.resolve(!this.closed);
    return new Promise((done) => {
      this.playing = { packets, index: 0, loop: options.loop ?? false, done };
    });
  }

  get active(): boolean {
    return this.playing !== undefined;
  }

  stop(): void {
    this.finish(false);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stop();
    this.onClose();
  }

  private finish(finished: boolean): undefined {
    const playing = this.playing;
    this.playing = undefined;
    playing?.done(finished);
    return undefined;
  }
}
