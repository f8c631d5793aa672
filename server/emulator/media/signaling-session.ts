import type { WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  FrameType,
  protocol,
  type SignalFrame,
  type SignalFrameInit,
} from './signaling-protocol.js';
import type { Meeting } from './meeting.js';
import { SessionPeer } from './session-peer.js';
import { TokenBucket } from './token-bucket.js';
import type { TurnCredentials } from './turn-credentials.js';

export interface SignalingSessionOptions {
  /** Fresh TURN credentials for this session's JOIN_ACK; undefined = no TURN server. */
  turnCredentials: () => TurnCredentials | undefined;
}

/**
 * One signaling WebSocket: one SDK session (an attendee's main session or its content share).
 * It speaks the SDK's protocol and delegates meeting-wide effects to the Meeting.
 */
export class SignalingSession {
  readonly audioStreamId: number;
  readonly videoStreamId: number;
  readonly groupId: number;
  peer?: SessionPeer;
  /** The client sends camera (or screen) video, per its last SUBSCRIBE. */
  publishing = false;
  /** Its microphone is muted (AUDIO_CONTROL, or `audio_muted` in SUBSCRIBE after a reconnect). */
  muted = false;
  /** Media from it has reached the server (it is present from then on). */
  mediaSeen = false;
  /** Production's data-message limit per sender: 100 a second, bursts of 200. */
  readonly dataRate = new TokenBucket(100, 200);
  private joined = false;
  private left = false;
  private closed = false;
  private subscribeChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    private readonly meeting: Meeting,
    readonly attendeeId: string,
    readonly externalUserId: string,
    private readonly options: SignalingSessionOptions,
  ) {
    this.audioStreamId = meeting.allocateAudioStreamId();
    this.videoStreamId = meeting.allocateVideoStreamId();
    this.groupId = meeting.allocateGroupId();
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data, isBinary) => {
      if (!isBinary) return;
      let frame: SignalFrame;
      try {
        frame = decodeFrame(data as Buffer);
      } catch {
        this.close(4400, 'malformed frame');
        return;
      }
      this.handle(frame);
    });
    socket.on('close', () => this.onSocketClosed());
    socket.on('error', () => this.onSocketClosed());
  }

  send(frame: SignalFrameInit): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(encodeFrame(frame));
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
    this.onSocketClosed();
  }

  /** Fault switch: drop the socket without a close frame. */
  kill(): void {
    this.socket.terminate();
    this.onSocketClosed();
  }

  private handle(frame: SignalFrame): void {
    switch (frame.type) {
      case FrameType.JOIN:
        if (this.joined) return;
        if (this.meeting.ended) {
          this.send({ type: FrameType.AUDIO_STATUS, audioStatus: { audioStatus: 410 } });
          this.close(4410, 'meeting ended');
          return;
        }
        if (this.meeting.isFullFor(this)) {
          // MeetingSessionStatus.fromAudioStatus: 409 is AudioCallAtCapacity, terminal.
          this.send({ type: FrameType.AUDIO_STATUS, audioStatus: { audioStatus: 409 } });
          this.close(1000, 'call at capacity');
          return;
        }
        this.joined = true;
        // Compressed SDP would make the client deflate each offer against the previous one.
        this.send({
          type: FrameType.JOIN_ACK,
          joinack: { wantsCompressedSdp: false, turnCredentials: this.options.turnCredentials() },
        });
        this.meeting.join(this);
        return;
      case FrameType.SUBSCRIBE:
        if (!this.joined || !frame.sub) return;
        this.enqueueSubscribe(frame.sub);
        return;
      case FrameType.AUDIO_CONTROL:
        if (frame.audioControl) this.meeting.setMuted(this, !!frame.audioControl.muted);
        return;
      case FrameType.DATA_MESSAGE:
        if (!frame.dataMessage?.messages?.length) return;
        this.meeting.relayData(
          frame.dataMessage.messages.map((m) => ({
            topic: m.topic ?? '',
            data: m.data ?? new Uint8Array(),
            lifetimeMs: m.lifetimeMs ?? 0,
          })),
          this,
        );
        return;
      case FrameType.PING_PONG:
        if (frame.pingPong?.type === protocol.SdkPingPongType.PING) {
          this.send({
            type: FrameType.PING_PONG,
            pingPong: { type: protocol.SdkPingPongType.PONG, pingId: frame.pingPong.pingId },
          });
        }
        return;
      case FrameType.LEAVE:
        this.left = true;
        this.send({ type: FrameType.LEAVE_ACK, leaveAck: {} });
        this.meeting.sessionClosed(this, true);
        return;
      default:
        // CLIENT_METRIC, MEETING_SESSION_TIMING, REMOTE_VIDEO_UPDATE, ...: nothing to do.
        return;
    }
  }

  private enqueueSubscribe(sub: NonNullable<SignalFrame['sub']>): void {
    // Offers are answered strictly in order: each builds on the previous negotiation.
    this.subscribeChain = this.subscribeChain
      .then(() => this.subscribe(sub))
      .catch((error: Error) => {
        console.error('emulator: answering a subscribe failed: %s', error.message);
        this.close(4500, 'subscribe failed');
      });
  }

  private async subscribe(sub: NonNullable<SignalFrame['sub']>): Promise<void> {
    if (this.closed) return;
    if (!this.peer) {
      this.peer = new SessionPeer({
        onPublishedRtp: (kind, packet) => this.meeting.forward(this, kind, packet),
        onKeyFrameRequest: (streamId) => this.meeting.requestKeyFrame(streamId),
        onConnectionStateChange: () => undefined,
      });
      if (!this.meeting.forwarding) this.peer.setBlackhole(true);
    }
    // Every SUBSCRIBE with audio carries the client's mute state (DefaultSignalingClient.subscribe:
    // `audio_muted`); a client that reconnects muted sends no AUDIO_CONTROL, so this is how the
    // agent goes on seeing it muted.
    if (sub.audioHost) this.meeting.setMuted(this, !!sub.audioMuted);
    const wantsVideo = (sub.sendStreams ?? []).some(
      (stream) => stream.mediaType === protocol.SdkStreamMediaType.VIDEO,
    );
    const receiveStreamIds = (sub.receiveStreamIds ?? []).map(Number);
    const intersection = this.meeting.codecIntersection().join();
    const { sdp, tracks } = await this.peer.answer(sub.sdpOffer ?? '', receiveStreamIds);
    if (this.closed) return;
    if (process.env.EMULATOR_DEBUG_SDP) {
      const summary = (x: string) =>
        x
          .split(/\r?\n/)
          .filter((l) =>
            /^(m=|a=mid|a=group|a=(sendrecv|sendonly|recvonly|inactive)|a=msid|a=ice-ufrag|a=bundle-only)/.test(
              l,
            ),
          )
          .join(' | ');
      console.error(
        `emulator SDP: ${this.attendeeId} recv=${JSON.stringify(receiveStreamIds)}\n  OFFER ${summary(sub.sdpOffer ?? '')}\n  ANSWER ${summary(sdp)}\n  TRACKS ${JSON.stringify(tracks)}`,
      );
    }
    this.send({
      type: FrameType.SUBSCRIBE_ACK,
      suback: {
        duplex: sub.duplex,
        sdpAnswer: sdp,
        tracks,
        allocations: wantsVideo
          ? [
              {
                trackLabel: 'AmazonChimeExpressVideo',
                streamId: this.videoStreamId,
                groupId: this.groupId,
              },
            ]
          : [],
      },
    });
    for (const track of tracks) this.meeting.requestKeyFrame(track.streamId);
    // Publishing changed, or this client's offer changed what every client can receive (its first
    // offer, or a browser without some codec): everyone gets a fresh index.
    const codecsChanged = this.meeting.codecIntersection().join() !== intersection;
    if (wantsVideo !== this.publishing || codecsChanged) {
      this.publishing = wantsVideo;
      this.meeting.broadcastIndex();
    }
  }

  private onSocketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    void this.peer?.close();
    this.meeting.sessionClosed(this, this.left);
  }
}
