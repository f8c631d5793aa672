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
import { opusTone } from './opus-tone.js';

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
    // Loopback only: no STUN server on the internet (werift's default is Google's).
    iceServers: [],
  });
  private readonly audio = new MediaStreamTrack({ kind: 'audio' });
  private readonly video = new MediaStreamTrack({ kind: 'video' });
  private videoTimer?: NodeJS.Timeout;
  private timer?: NodeJS.Timeout;
  /** Audio RTP received from the server. */
  readonly received: ReceivedPacket[] = [];

  constructor(
    private readonly signaling: SignalingChannel,
    private readonly options: { video?: boolean } = {},
  ) {
    const transceiver = this.pc.addTransceiver(this.audio, { direction: 'sendrecv' });
    transceiver.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe((packet) => this.received.push(packet)),
    );
    // The SDK's camera slot: the first video m-line, sending.
    if (options.video) this.pc.addTransceiver(this.video, { direction: 'sendonly' });
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
          ...(this.options.video
            ? [
                {
                  mediaType: protocol.SdkStreamMediaType.VIDEO,
                  trackLabel: 'AmazonChimeExpressVideo',
                },
              ]
            : []),
        ],
        receiveStreamIds: this.options.video ? [0] : [],
      },
    });
    const answer = await ack;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.suback!.sdpAnswer! });
  }

  /**
   * Starts the 50 Opus packets a second a microphone sends (silence is still packets): a steady
   * tone at `toneHz`, or silence.
   */
  sendAudio(toneHz = 0): void {
    let sequence = 0;
    // A second of the tone, looped: its frequency is a whole number of cycles a second.
    const packets = opusTone(toneHz, 50);
    const start = () => {
      this.timer ??= setInterval(() => {
        const header = new RtpHeader({
          payloadType: 111,
          sequenceNumber: sequence & 0xffff,
          timestamp: (sequence * 960) >>> 0,
        });
        this.audio.writeRtp(new RtpPacket(header, packets[sequence % packets.length]!));
        sequence++;
      }, 20);
    };
    if (this.pc.connectionState === 'connected') start();
    else
      this.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') start();
      });
  }

  /** Sends 1 kB VP8-shaped packets at 30 a second on the camera slot (needs `video`). */
  sendVideo(): void {
    let sequence = 0;
    this.videoTimer ??= setInterval(() => {
      if (this.pc.connectionState !== 'connected') return;
      const header = new RtpHeader({
        payloadType: 96,
        sequenceNumber: sequence++ & 0xffff,
        timestamp: (sequence * 3000) >>> 0,
        marker: true,
      });
      const payload = Buffer.alloc(1000);
      payload[0] = 0x10;
      this.video.writeRtp(new RtpPacket(header, payload));
    }, 33);
  }

  stopAudio(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async close(): Promise<void> {
    this.stopAudio();
    clearInterval(this.videoTimer);
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
