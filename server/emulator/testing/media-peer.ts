import {
  MediaStreamTrack,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  type RtpPacket as ReceivedPacket,
  useOPUS,
  useVP8,
} from 'werift';
import {
  FrameType,
  protocol,
  type SignalFrame,
  type SignalFrameInit,
} from '../media/signaling-protocol.js';

const LOOPBACK = '127.0.0.1';

/** What the media peer needs of a signaling connection that has already joined. */
export interface SignalingChannel {
  send(frame: SignalFrameInit): void;
  next(type: number): Promise<SignalFrame>;
}

/**
 * The media half of an SDK client, for tests of the media plane without a browser: a werift peer
 * that subscribes as the SDK does (one audio m-line, optionally a camera m-line), and sends Opus-
 * sized audio packets every 20 ms once connected, as a microphone would.
 */
export class MediaPeer {
  readonly pc = new RTCPeerConnection({
    codecs: { audio: [useOPUS()], video: [useVP8()] },
    iceAdditionalHostAddresses: [LOOPBACK],
    iceInterfaceAddresses: { udp4: LOOPBACK },
    iceUseIpv6: false,
    bundlePolicy: 'max-bundle',
  });
  private readonly audio = new MediaStreamTrack({ kind: 'audio' });
  private timer?: NodeJS.Timeout;
  /** Audio RTP received from the server. */
  readonly received: ReceivedPacket[] = [];

  constructor(private readonly signaling: SignalingChannel) {
    const transceiver = this.pc.addTransceiver(this.audio, { direction: 'sendrecv' });
    transceiver.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe((packet) => this.received.push(packet)),
    );
  }

  /** SUBSCRIBE with an offer, apply the answer, and send audio once ICE and DTLS are up. */
  async subscribe(options: { audioMuted?: boolean; audioHost?: string } = {}): Promise<void> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    await this.gathered();
    const ack = this.signaling.next(FrameType.SUBSCRIBE_ACK);
    this.signaling.send({
      type: FrameType.SUBSCRIBE,
      sub: {
        duplex: protocol.SdkStreamServiceType.DUPLEX,
        sdpOffer: this.pc.localDescription!.sdp,
        audioHost: options.audioHost ?? 'audio-host',
        audioMuted: options.audioMuted ?? false,
        sendStreams: [
          { mediaType: protocol.SdkStreamMediaType.AUDIO, trackLabel: 'AmazonChimeExpressAudio' },
        ],
      },
    });
    const answer = await ack;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.suback!.sdpAnswer! });
  }

  /** Starts the 50 packets/s a microphone sends (silence is still packets). */
  sendAudio(): void {
    let sequence = 0;
    const start = () => {
      this.timer ??= setInterval(() => {
        const header = new RtpHeader({
          payloadType: 111,
          sequenceNumber: sequence++ & 0xffff,
          timestamp: (sequence * 960) >>> 0,
        });
        this.audio.writeRtp(new RtpPacket(header, Buffer.alloc(60)));
      }, 20);
    };
    if (this.pc.connectionState === 'connected') start();
    else
      this.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') start();
      });
  }

  stopAudio(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async close(): Promise<void> {
    this.stopAudio();
    await this.pc.close().catch(() => undefined);
  }

  private async gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
}
