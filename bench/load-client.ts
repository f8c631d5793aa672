// One step of the load benchmark, in its own process: `calls` two-party video calls against the
// running emulator, each party a werift peer that speaks the SDK's signaling protocol and sends
// synthetic VP8 (30 frames/s, about 600 kbit/s) and a looped Opus tone. Prints one JSON line: frames
// sent and frames received whole by the other party, over `seconds` after a warm-up.
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RtpHeader,
  RtpPacket,
  useOPUS,
  useVP8,
  type RTCRtpTransceiver,
} from 'werift';
import { WebSocket } from 'ws';
import { ConnectClient, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import {
  decodeFrame,
  encodeFrame,
  FrameType,
  protocol,
  type SignalFrame,
} from '../server/emulator/media/signaling-protocol';
import { opusTone } from '../server/emulator/testing/opus-tone';

const [baseUrl, callsArg, secondsArg] = process.argv.slice(2);
const calls = Number(callsArg);
const seconds = Number(secondsArg);
const LOOPBACK = '127.0.0.1';
const FPS = 30;
const PACKETS_PER_FRAME = 3;
const PACKET_BYTES = 850;
/** A second of real Opus, looped: the emulator's mixer decodes what it needs to. */
const AUDIO = opusTone(440, 50);

interface ConnectionData {
  Meeting: { MediaPlacement: { SignalingUrl: string; AudioHostUrl: string } };
  Attendee: { AttendeeId: string; JoinToken: string };
}

/** Frames of one remote stream: which packets of which frame arrived. */
class FrameCounter {
  private readonly frames = new Map<number, number>();
  counting = false;
  first?: number;
  last?: number;
  receive(payload: Buffer): void {
    if (!this.counting || payload.length < 7) return;
    const frame = payload.readUInt32BE(1);
    this.first ??= frame;
    this.last = Math.max(this.last ?? frame, frame);
    this.frames.set(frame, (this.frames.get(frame) ?? 0) + 1);
  }
  /** Whole frames among those the sender sent while counting (bounded by the first and last seen). */
  whole(): number {
    return [...this.frames.values()].filter((count) => count >= PACKETS_PER_FRAME).length;
  }
}

class LoadClient {
  /** Created at JOIN_ACK: like the SDK, it relays through the TURN server JOIN_ACK names. */
  private pc!: RTCPeerConnection;
  private ws?: WebSocket;
  private readonly audio = new MediaStreamTrack({ kind: 'audio' });
  private readonly video = new MediaStreamTrack({ kind: 'video' });
  private readonly receiving = new Map<number, RTCRtpTransceiver>();
  private subscribing: Promise<void> = Promise.resolve();
  private frames: ((frame: SignalFrame) => void)[] = [];
  readonly counter = new FrameCounter();
  private timers: NodeJS.Timeout[] = [];
  framesSent = 0;
  countingSent = false;
  connected = false;

  constructor(private readonly data: ConnectionData) {}

  /**
   * The peer connection as the SDK builds it from JOIN_ACK (task/CreatePeerConnectionTask.js): with
   * TURN credentials, only relay candidates, so the load goes through coturn as production's does.
   */
  private createPeer(joinAck: SignalFrame['joinack']): void {
    const credentials = joinAck?.turnCredentials;
    const relayed = !!credentials?.uris?.length;
    this.pc = new RTCPeerConnection({
      codecs: { audio: [useOPUS()], video: [useVP8()] },
      iceAdditionalHostAddresses: [LOOPBACK],
      iceInterfaceAddresses: { udp4: LOOPBACK },
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
      // Loopback only: never werift's default STUN server on the internet.
      iceServers: relayed
        ? [
            {
              // werift allocates over one TURN URI: the UDP one, as a browser on an open network.
              urls:
                credentials!.uris!.find((u) => u.includes('transport=udp')) ??
                credentials!.uris![0]!,
              username: credentials!.username ?? '',
              credential: credentials!.password ?? '',
            },
          ]
        : [],
      iceTransportPolicy: relayed ? 'relay' : 'all',
    });
    this.pc.addTransceiver(this.audio, { direction: 'sendrecv' });
    this.pc.addTransceiver(this.video, { direction: 'sendonly' });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected' && !this.connected) {
        this.connected = true;
        this.startSending();
      }
    });
  }

  private next(type: number): Promise<SignalFrame> {
    return new Promise((resolve) => {
      const waiter = (frame: SignalFrame) => {
        if (frame.type !== type) return;
        this.frames = this.frames.filter((w) => w !== waiter);
        resolve(frame);
      };
      this.frames.push(waiter);
    });
  }

  async join(): Promise<void> {
    const url = `${this.data.Meeting.MediaPlacement.SignalingUrl}?X-Chime-Control-Protocol-Version=3`;
    const ws = new WebSocket(url, ['_aws_wt_session', this.data.Attendee.JoinToken]);
    this.ws = ws;
    ws.binaryType = 'nodebuffer';
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', (raw: Buffer) => {
      const frame = decodeFrame(raw);
      if (frame.type === FrameType.JOIN_ACK && !this.pc) this.createPeer(frame.joinack);
      for (const waiter of [...this.frames]) waiter(frame);
      if (frame.type === FrameType.INDEX) this.onIndex(frame);
      if (
        frame.type === FrameType.PING_PONG &&
        frame.pingPong?.type === protocol.SdkPingPongType.PING
      )
        this.send({
          type: FrameType.PING_PONG,
          pingPong: { type: protocol.SdkPingPongType.PONG, pingId: frame.pingPong.pingId },
        });
    });
    const ack = this.next(FrameType.JOIN_ACK);
    this.send({ type: FrameType.JOIN, join: { protocolVersion: 2 } });
    const joinAck = await ack;
    // The SDK logs "missing TURN credentials" and goes direct; the bench must not measure that.
    if (!joinAck.joinack?.turnCredentials?.uris?.length) {
      throw new Error('JOIN_ACK carried no TURN credentials');
    }
    this.resubscribe();
    await this.subscribing;
  }

  private send(frame: Parameters<typeof encodeFrame>[0]): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encodeFrame(frame));
  }

  private onIndex(frame: SignalFrame): void {
    let changed = false;
    for (const source of frame.index?.sources ?? []) {
      if (source.mediaType !== protocol.SdkStreamMediaType.VIDEO) continue;
      const streamId = Number(source.streamId);
      if (this.receiving.has(streamId)) continue;
      const transceiver = this.pc.addTransceiver('video', { direction: 'recvonly' });
      transceiver.onTrack.subscribe((track) =>
        track.onReceiveRtp.subscribe((packet) => this.counter.receive(packet.payload)),
      );
      this.receiving.set(streamId, transceiver);
      changed = true;
    }
    if (changed) this.resubscribe();
  }

  /** A new offer with a receiving m-line per remote video, answered by SUBSCRIBE_ACK. */
  private resubscribe(): void {
    this.subscribing = this.subscribing.then(async () => {
      const offer = await this.pc.createOffer();
      await this.pc.setLocalDescription(offer);
      await this.gathered();
      const videos = this.pc.getTransceivers().filter((t) => t.kind === 'video');
      const streamIdOf = new Map([...this.receiving].map(([id, t]) => [t, id]));
      const ack = this.next(FrameType.SUBSCRIBE_ACK);
      this.send({
        type: FrameType.SUBSCRIBE,
        sub: {
          duplex: protocol.SdkStreamServiceType.DUPLEX,
          sdpOffer: this.pc.localDescription!.sdp,
          audioHost: this.data.Meeting.MediaPlacement.AudioHostUrl,
          sendStreams: [
            { mediaType: protocol.SdkStreamMediaType.AUDIO, trackLabel: 'AmazonChimeExpressAudio' },
            { mediaType: protocol.SdkStreamMediaType.VIDEO, trackLabel: 'AmazonChimeExpressVideo' },
          ],
          receiveStreamIds: videos.map((t) => streamIdOf.get(t) ?? 0),
        },
      });
      const answer = await ack;
      await this.pc.setRemoteDescription({ type: 'answer', sdp: answer.suback!.sdpAnswer! });
    });
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

  private startSending(): void {
    let frame = 0;
    let sequence = 0;
    let audioSequence = 0;
    this.timers.push(
      setInterval(() => {
        frame += 1;
        if (this.countingSent) this.framesSent += 1;
        for (let index = 0; index < PACKETS_PER_FRAME; index++) {
          const payload = Buffer.alloc(PACKET_BYTES);
          payload[0] = index === 0 ? 0x10 : 0x00; // VP8 descriptor: start of partition
          payload.writeUInt32BE(frame, 1);
          payload[5] = index;
          payload[6] = PACKETS_PER_FRAME;
          const header = new RtpHeader({
            payloadType: 96,
            sequenceNumber: (sequence++ & 0xffff) as number,
            timestamp: (frame * (90_000 / FPS)) >>> 0,
            marker: index === PACKETS_PER_FRAME - 1,
          });
          this.video.writeRtp(new RtpPacket(header, payload));
        }
      }, 1000 / FPS),
      setInterval(() => {
        const header = new RtpHeader({
          payloadType: 111,
          sequenceNumber: (audioSequence++ & 0xffff) as number,
          timestamp: (audioSequence * 960) >>> 0,
          marker: false,
        });
        this.audio.writeRtp(new RtpPacket(header, AUDIO[audioSequence % AUDIO.length]!));
      }, 20),
    );
  }

  async close(): Promise<void> {
    this.timers.forEach(clearInterval);
    this.send({ type: FrameType.LEAVE, leave: {} });
    this.ws?.close();
    await this.pc?.close().catch(() => undefined);
  }
}

async function json<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as T;
}

// Straight to the emulated Connect API (as the token endpoint does), so that the token endpoint's
// per-client rate limit does not cap the load.
const connect = new ConnectClient({
  endpoint: `${baseUrl}/emulator/connect`,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
});

async function twoParties(index: number): Promise<[LoadClient, LoadClient]> {
  const customer = await connect.send(
    new StartWebRTCContactCommand({
      // Connect's default quota is 10 concurrent calls per instance, and the emulator keeps it.
      InstanceId: `bench-${process.pid}-${Math.floor(index / 5)}`,
      ContactFlowId: 'bench-flow',
      ParticipantDetails: { DisplayName: `Load ${index} ${process.pid}` },
      AllowedCapabilities: {
        Customer: { Video: 'SEND', ScreenShare: 'SEND' },
        Agent: { Video: 'SEND', ScreenShare: 'SEND' },
      },
    }),
  );
  // The customer joins first: that starts the contact's flow (the bench stack's goes straight to a
  // queue), and an agent may accept only a queued contact.
  const customerClient = new LoadClient(customer.ConnectionData as unknown as ConnectionData);
  await customerClient.join();
  const agent = await json<{ ConnectionData: ConnectionData }>(
    `/emulator/contacts/${encodeURIComponent(customer.ContactId!)}/accept`,
    {},
  );
  return [customerClient, new LoadClient(agent.ConnectionData)];
}

const parties = (await Promise.all(Array.from({ length: calls }, (_, i) => twoParties(i)))).flat();
// The customers (even indexes) joined in twoParties; now their agents.
for (const [i, party] of parties.entries()) if (i % 2 === 1) await party.join();
const deadline = Date.now() + 20_000;
while (parties.some((p) => !p.connected) && Date.now() < deadline)
  await new Promise((r) => setTimeout(r, 100));
// Warm-up: subscriptions settle and key-frame requests pass.
await new Promise((r) => setTimeout(r, 3_000));
for (const party of parties) {
  party.counter.counting = true;
  party.countingSent = true;
}
// The parent measures CPU over exactly the counted span (joining through TURN takes a while).
console.log('counting');
await new Promise((r) => setTimeout(r, seconds * 1000));
for (const party of parties) {
  party.countingSent = false;
  party.counter.counting = false;
}
console.log('counted');
// Each party receives the other's video: frames the other sent against whole frames received.
let sent = 0;
let whole = 0;
for (let i = 0; i < parties.length; i += 2) {
  const [a, b] = [parties[i]!, parties[i + 1]!];
  sent += a.framesSent + b.framesSent;
  whole += Math.min(a.framesSent, b.counter.whole()) + Math.min(b.framesSent, a.counter.whole());
}
const connected = parties.filter((p) => p.connected).length;
await Promise.all(parties.map((p) => p.close()));
console.log(JSON.stringify({ calls, parties: parties.length, connected, sent, whole }));
process.exit(0);
