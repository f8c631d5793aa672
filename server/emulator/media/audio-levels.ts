import type { RtpPacket } from 'werift';

/** RFC 6464 levels are 0 (loudest) to 127 dB below overload; 127 is silence. */
const SILENCE = 127;
/** The SDK's top signal strength (DefaultVolumeIndicatorAdapter.MAX_SIGNAL_STRENGTH_LEVELS). */
const MAX_SIGNAL_STRENGTH = 2;
interface Window {
  loudest: number;
  packets: number;
  /** Sequence numbers the sender used in this window (received or lost), from the RTP headers. */
  sent: number;
  lastSequence?: number;
}

/**
 * What AUDIO_METADATA reports per audio stream, measured from the RTP that arrives: the loudest
 * level the client itself wrote in its packets' ssrc-audio-level header extension (RFC 6464;
 * Chromium sends it once the answer negotiates it) and how many of the expected packets came.
 */
export class AudioLevels {
  private readonly windows = new Map<number, Window>();

  /** One audio packet of `audioStreamId`; `extensionId` is its negotiated ssrc-audio-level id. */
  add(audioStreamId: number, packet: RtpPacket, extensionId: number | undefined): void {
    const window = this.windows.get(audioStreamId) ?? { loudest: SILENCE, packets: 0, sent: 0 };
    const sequence = packet.header.sequenceNumber;
    // Packets the sender numbered since the last one seen: a gap is loss (mod 2^16; reordering
    // and duplicates count as one).
    const step =
      window.lastSequence === undefined ? 1 : (sequence - window.lastSequence + 0x10000) % 0x10000;
    if (step > 0 && step < 0x8000) {
      window.sent += step;
      window.lastSequence = sequence;
    }
    window.packets += 1;
    const extension =
      extensionId === undefined
        ? undefined
        : packet.header.extensions.find((e) => e.id === extensionId);
    if (extension && extension.payload.length > 0) {
      window.loudest = Math.min(window.loudest, extension.payload[0]! & 0x7f);
    }
    this.windows.set(audioStreamId, window);
  }

  /**
   * The stream's state over the window since the last call, and a new window: `volume` in dB below
   * overload (the SDK shows `-volume` dB, normalizedVolume), `signalStrength` 0 to 2 from the share
   * of the sender's packets that arrived (none at all is 0).
   */
  take(audioStreamId: number): { volume: number; signalStrength: number } {
    const window = this.windows.get(audioStreamId) ?? { loudest: SILENCE, packets: 0, sent: 0 };
    this.windows.set(audioStreamId, {
      loudest: SILENCE,
      packets: 0,
      sent: 0,
      lastSequence: window.lastSequence,
    });
    const share = window.sent === 0 ? 0 : Math.min(1, window.packets / window.sent);
    const signalStrength = share >= 0.8 ? MAX_SIGNAL_STRENGTH : share >= 0.4 ? 1 : 0;
    return { volume: window.loudest, signalStrength };
  }

  forget(audioStreamId: number): void {
    this.windows.delete(audioStreamId);
  }
}
