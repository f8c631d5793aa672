import {
  MediaStreamTrack,
  PictureLossIndication,
  RTCPeerConnection,
  RtcpPayloadSpecificFeedback,
  type RtcpPacket,
  type RtpPacket,
  type RTCRtpCodecParameters,
  type RTCRtpTransceiver,
  useAudioLevelIndication,
  useOPUS,
} from 'werift';
import { codecKey, forwardedVideoCodecs, videoSections } from './video-codecs.js';

export interface VideoOutput {
  mid: string;
  streamId: number;
  track: MediaStreamTrack;
  transceiver: RTCRtpTransceiver;
  /** The codecs this m-line negotiated, by codec key: each with this client's payload type. */
  codecs: Map<string, RTCRtpCodecParameters>;
}

/** What `writeVideo` did with a packet. */
export type VideoWrite = 'sent' | 'switched' | 'unsupported';

export interface AnswerResult {
  sdp: string;
  /** The SUBSCRIBE_ACK `tracks`: one per video m-line the server sends on. */
  tracks: { streamId: number; ssrc: number; trackLabel: string }[];
}

export interface SessionPeerEvents {
  /** RTP from the client's camera/share slot (`video`) or microphone (`audio`). */
  onPublishedRtp(kind: 'audio' | 'video', packet: RtpPacket): void;
  /** A subscriber asked for a key frame of the stream it receives on this output. */
  onKeyFrameRequest(streamId: number): void;
  onConnectionStateChange(state: string): void;
}

const LOOPBACK = '127.0.0.1';
/** The feedback message type of a Full Intra Request (RFC 5104 4.3.1); werift exports no name. */
const FULL_INTRA_REQUEST = 4;

/**
 * The server side of one client session's peer connection (werift). The client always offers;
 * this answers: it receives the client's audio and camera (or screen) m-lines, and sends other
 * attendees' audio on the audio m-line and one remote video per subscribed video m-line.
 */
export class SessionPeer {
  readonly pc: RTCPeerConnection;
  /** Other attendees' audio is written here. */
  readonly audioOut = new MediaStreamTrack({ kind: 'audio' });
  private readonly outputs = new Map<string, VideoOutput>();
  private readonly hooked = new Set<RTCRtpTransceiver>();
  private readonly hookedTracks = new WeakSet<MediaStreamTrack>();
  private publishedVideo?: { transceiver: RTCRtpTransceiver; ssrc?: number };
  private closed = false;
  /** Fault switch: nothing at all leaves this peer, as if the network path died. */
  private blackholed = false;
  private readonly gatedConnections = new WeakSet<object>();

  constructor(private readonly events: SessionPeerEvents) {
    this.pc = new RTCPeerConnection({
      // Every video codec the SDK may choose: the forwarding unit carries payloads untouched, so
      // each publisher sends its own first choice (video-codecs.ts).
      codecs: { audio: [useOPUS()], video: forwardedVideoCodecs() },
      // The client writes its microphone level in every audio packet once this is negotiated:
      // AUDIO_METADATA's volume comes from it, as production's does.
      headerExtensions: { audio: [useAudioLevelIndication()] },
      // Loopback only: no STUN server on the internet (werift's default is Google's).
      iceServers: [],
      // werift skips loopback when gathering; the emulator is loopback-only by design.
      iceAdditionalHostAddresses: [LOOPBACK],
      iceInterfaceAddresses: { udp4: LOOPBACK },
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
      // Unanswered consent checks are part of a dead path: the client's health monitor counts
      // intervals with neither media nor STUN (SignalingAndMetricsConnectionMonitor).
      iceFilterStunResponse: () => !this.blackholed,
    });
    this.routeKeyFrameRequests();
    this.pc.connectionStateChange.subscribe((state) => {
      // Key frames asked for while DTLS was still connecting were sent nowhere: ask again now.
      if (state === 'connected') {
        for (const output of this.outputs.values()) this.events.onKeyFrameRequest(output.streamId);
      }
      this.events.onConnectionStateChange(state);
    });
  }

  /** Outputs by mid, for the meeting to route published video into. */
  videoOutputs(): VideoOutput[] {
    return [...this.outputs.values()];
  }

  /**
   * Applies a client offer. `receiveStreamIds` has one entry per video m-line in SDP order: 0 for
   * the client's own camera slot or an unused slot, else the stream the client wants there.
   */
  /**
   * Fault switch: stop (or resume) everything this peer sends (RTP, RTCP, DTLS, STUN answers), so
   * the client sees its media path die as a real network outage looks, not merely silence.
   */
  setBlackhole(on: boolean): void {
    this.blackholed = on;
    this.gateOutboundData();
  }

  private gateOutboundData(): void {
    for (const transport of this.pc.iceTransports) {
      const connection = transport.connection as unknown as {
        send: (data: Buffer) => Promise<void>;
      };
      if (this.gatedConnections.has(connection)) continue;
      this.gatedConnections.add(connection);
      const send = connection.send;
      connection.send = async (data) => {
        if (!this.blackholed) await send(data);
      };
    }
  }

  /** The ssrc-audio-level extension id the client's offer gave, if any. */
  audioLevelExtensionId?: number;

  /** The codec keys of every video m-line of the client's last offer: what it can receive. */
  receivableVideoCodecs: ReadonlySet<string> = new Set();

  /** Payload type → codec key on the client's camera/content slot, from its last offer. */
  private publishedCodecs = new Map<number, string>();

  /** The codec key of a packet the client published, or undefined for a payload type it never offered. */
  publishedCodecKey(payloadType: number): string | undefined {
    return this.publishedCodecs.get(payloadType);
  }

  async answer(offerSdp: string, receiveStreamIds: number[]): Promise<AnswerResult> {
    const extmap = /^a=extmap:(\d+)(?:\/\w+)? urn:ietf:params:rtp-hdrext:ssrc-audio-level/m.exec(
      offerSdp,
    );
    if (extmap) this.audioLevelExtensionId = Number(extmap[1]);
    const sections = videoSections(offerSdp);
    this.receivableVideoCodecs = new Set(sections.flatMap((s) => s.codecs.map((c) => c.key)));
    await this.pc.setRemoteDescription({
      type: 'offer',
      sdp: withIceCredentialsEverywhere(offerSdp),
    });
    this.gateOutboundData();
    const transceivers = this.pc.getTransceivers();
    // werift recycles a transceiver whose negotiated direction is inactive for the next new m-line
    // (TransceiverManager "reuse inactive"), which loses its mid and fails the following answer.
    // The SDK keeps every m-line it ever offered, so no slot here may be recycled.
    for (const transceiver of transceivers) transceiver.usedForSender = true;
    const audio = transceivers.find((t) => t.kind === 'audio');
    // The SDK's receive stream ids follow its video m-lines in the offer's order. Chromium reuses a
    // stopped transceiver's m-line for a new one with a new mid, so werift's transceiver list (in
    // creation order) is not that order: find each m-line's transceiver by its mid. werift then
    // also renames the stopped m-line's old transceiver to the new mid: the newest one is the
    // m-line's.
    const allVideos = transceivers.filter((t) => t.kind === 'video');
    const offeredMids = videoMidsOf(offerSdp);
    const videos =
      offeredMids.length > 0
        ? offeredMids.flatMap((mid) => allVideos.filter((t) => t.mid === mid).slice(-1))
        : allVideos;
    for (const mid of [...this.outputs.keys()]) {
      if (!offeredMids.includes(mid) && offeredMids.length > 0) {
        this.outputs.get(mid)?.track.stop();
        this.outputs.delete(mid);
      }
    }
    if (audio) {
      if (!this.hooked.has(audio)) {
        audio.setDirection('sendrecv');
        await audio.sender.replaceTrack(this.audioOut);
      }
      this.hookIncoming(audio, 'audio');
    }
    const tracks: AnswerResult['tracks'] = [];
    videos.forEach((transceiver, index) => {
      const mid = transceiver.mid ?? String(index);
      // werift answers codecs in the order of the offer's rtpmap lines; the offer's preference is
      // its m-line order (the SDK puts its choice first there: SetLocalDescriptionTask).
      const order = sections.find((s) => s.mid === mid)?.codecs.map((c) => c.payloadType) ?? [];
      const rank = (pt: number) => (order.includes(pt) ? order.indexOf(pt) : order.length);
      transceiver.codecs = [...transceiver.codecs].sort(
        (x, y) => rank(x.payloadType) - rank(y.payloadType),
      );
      const streamId = receiveStreamIds[index] ?? 0;
      if (index === 0) {
        // The client's own camera (or content) slot. Keep it receiving from the first offer:
        // werift registers a receiver only while the local direction receives. Answered
        // sendrecv, with every codec the client offered there in its order, as the SDK expects:
        // it finds its send section by `sendrecv` in the answer too, reorders it by its codec
        // preferences and reads from it what it sends (SetRemoteDescriptionTask,
        // `SDP.findActiveCameraSection`; it ignores a track arriving on that transceiver:
        // DefaultTransceiverController.trackIsVideoInput). Without that it never learns its send
        // codec, and INDEX's codec intersection could not make it fall back.
        transceiver.setDirection('sendrecv');
        if (this.publishedVideo?.transceiver !== transceiver) this.publishedVideo = { transceiver };
        const section = sections.find((s) => s.mid === transceiver.mid) ?? sections[0];
        this.publishedCodecs = new Map(section?.codecs.map((c) => [c.payloadType, c.key]));
        this.hookIncoming(transceiver, 'video');
        return;
      }
      if (streamId === 0) {
        transceiver.setDirection('inactive');
        this.outputs.delete(mid);
        return;
      }
      transceiver.setDirection('sendonly');
      // Every forwarded codec this client offered on the m-line, so whatever its publisher sends
      // (and after the publisher falls back) can be written here with this client's payload type.
      const codecs = new Map(
        transceiver.codecs.map((c) => [codecKey(c.mimeType, c.parameters), c] as const),
      );
      let output = this.outputs.get(mid);
      if (!output) {
        const track = new MediaStreamTrack({ kind: 'video' });
        void transceiver.sender.replaceTrack(track);
        output = { mid, streamId, track, transceiver, codecs };
        this.outputs.set(mid, output);
      }
      output.streamId = streamId;
      output.codecs = codecs;
      tracks.push({ streamId, ssrc: transceiver.sender.ssrc, trackLabel: labelFor(mid) });
    });

    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    this.retireRecycledTransceivers([...(audio ? [audio] : []), ...videos]);
    await this.iceGatheringComplete();
    const sdp = this.pc.localDescription?.sdp ?? '';
    return {
      sdp: rewriteAnswer(
        sdp,
        new Set(tracks.map((t) => midOf(t.trackLabel))),
        rejectedMids(offerSdp),
      ),
      tracks,
    };
  }

  /**
   * werift's setLocalDescription gives each m-line's mid to the first transceiver at that m-line
   * index ("assign MID"), so when the browser recycles a stopped m-line for a new mid, the stopped
   * transceiver takes the new mid too. The next offer then matches it, not the new one, and the
   * next answer is built from it (inactive). A transceiver that no longer owns its m-line gets a
   * mid no offer can carry and no m-line index.
   */
  private retireRecycledTransceivers(current: RTCRtpTransceiver[]): void {
    const owned = new Set(current);
    const currentMids = new Set(current.map((t) => t.mid));
    for (const transceiver of this.pc.getTransceivers()) {
      if (owned.has(transceiver) || !currentMids.has(transceiver.mid)) continue;
      transceiver.mid = `retired-${++this.retiredCount}`;
      transceiver.mLineIndex = undefined;
    }
  }

  private retiredCount = 0;

  /**
   * Writes a published packet (serialized) to a subscribed output, in the publisher's codec with
   * this client's payload type for it. werift's sender stamps every packet with its current codec's
   * payload type (RTCRtpSender.sendRtp), so that codec follows the publisher's. A client that did
   * not negotiate the codec on this m-line gets nothing: the INDEX codec intersection makes the
   * publisher fall back to one it did.
   */
  writeVideo(output: VideoOutput, raw: Buffer, key: string): VideoWrite {
    const codec = output.codecs.get(key);
    if (!codec) return 'unsupported';
    const sender = output.transceiver.sender;
    let result: VideoWrite = 'sent';
    if (sender.codec !== codec) {
      sender.codec = codec;
      output.track.codec = codec;
      result = 'switched';
    }
    output.track.writeRtp(raw);
    return result;
  }

  /**
   * A subscriber that cannot decode asks for a key frame (PLI, or FIR): pass it to the publisher
   * of the stream on the output it names. werift's router hands a payload-specific feedback packet
   * to whatever its table holds under the packet's *sender* SSRC first, and Chromium signs its
   * receivers' feedback with the SSRC of one of its own outgoing streams, which that table holds
   * as this peer's receiver of it: the request reached a receiver, which ignores it, and the
   * subscriber stayed on a frozen picture until something else asked for a key frame (since
   * Chromium 156, after most rejoins and reconnects). So these two are routed here by the SSRC
   * they are about (RFC 4585 6.3.1: the media source; RFC 5104 4.3.1: each FCI entry) and werift
   * never sees them.
   */
  private routeKeyFrameRequests(): void {
    const router = (this.pc as unknown as { router: { routeRtcp(packet: RtcpPacket): void } })
      .router;
    const route = router.routeRtcp.bind(router);
    router.routeRtcp = (packet) => {
      if (!(packet instanceof RtcpPayloadSpecificFeedback)) return route(packet);
      const feedback = packet.feedback;
      if (feedback.count === PictureLossIndication.count) {
        this.keyFrameRequestedOn(feedback.mediaSsrc);
      } else if (feedback.count === FULL_INTRA_REQUEST) {
        const entries = (feedback as { fir?: { ssrc: number }[] }).fir ?? [];
        for (const entry of entries) this.keyFrameRequestedOn(entry.ssrc);
      } else {
        route(packet);
      }
    };
  }

  private keyFrameRequestedOn(ssrc: number): void {
    for (const output of this.outputs.values()) {
      if (output.transceiver.sender.ssrc === ssrc) this.events.onKeyFrameRequest(output.streamId);
    }
  }

  /** Asks the client for a key frame of what it publishes on its camera/content slot. */
  requestKeyFrame(): void {
    const ssrc = this.publishedVideo?.ssrc;
    if (ssrc !== undefined && !this.closed) {
      void this.publishedVideo?.transceiver.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.audioOut.stop();
    for (const output of this.outputs.values()) output.track.stop();
    await this.pc.close().catch(() => undefined);
  }

  private hookIncoming(transceiver: RTCRtpTransceiver, kind: 'audio' | 'video'): void {
    if (!this.hooked.has(transceiver)) {
      this.hooked.add(transceiver);
      // werift announces a track during setRemoteDescription, so later tracks come by event and
      // the current ones are picked up below.
      transceiver.onTrack.subscribe((track) => this.hookTrack(track, kind));
    }
    for (const track of [transceiver.receiver.track, ...transceiver.receiver.tracks]) {
      this.hookTrack(track, kind);
    }
  }

  private hookTrack(track: MediaStreamTrack, kind: 'audio' | 'video'): void {
    if (this.hookedTracks.has(track)) return;
    this.hookedTracks.add(track);
    track.onReceiveRtp.subscribe((packet) => {
      if (
        kind === 'video' &&
        this.publishedVideo &&
        this.publishedVideo.ssrc !== packet.header.ssrc
      ) {
        this.publishedVideo.ssrc = packet.header.ssrc;
        this.requestKeyFrame();
      }
      this.events.onPublishedRtp(kind, packet);
    });
  }

  private async iceGatheringComplete(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      const { unSubscribe } = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          clearTimeout(timer);
          unSubscribe();
          resolve();
        }
      });
    });
  }
}

/** The SDK looks remote video tracks up by the stream label `v_<mid>` (DefaultTransceiverController). */
export function labelFor(mid: string): string {
  return `v_${mid}`;
}

function midOf(label: string): string {
  return label.slice(2);
}

/** The mids of the offer's video m-lines, in order. */
export function videoMidsOf(offerSdp: string): string[] {
  return offerSdp
    .split(/\r?\n(?=m=)/)
    .filter((section) => section.startsWith('m=video'))
    .flatMap((section) => /^a=mid:(\S+)/m.exec(section)?.[1] ?? []);
}

/**
 * The mids of the offer's rejected m-lines (port 0, not bundle-only): transceivers the client
 * stopped. The SDK stops
 * the one of a remote video it no longer receives (DefaultTransceiverController
 * `updateTransceiverWithStop`), e.g. after the sender reconnected with a new stream.
 */
export function rejectedMids(offerSdp: string): Set<string> {
  const rejected = new Set<string>();
  for (const section of offerSdp.split(/\r?\n(?=m=)/)) {
    // Port 0 with `a=bundle-only` is Firefox offering an m-line that shares the BUNDLE transport
    // (RFC 8843 section 6), not a rejection.
    if (!/^m=\w+ 0 /.test(section) || /^a=bundle-only/m.test(section)) continue;
    const mid = /^a=mid:(\S+)/m.exec(section)?.[1];
    if (mid !== undefined) rejected.add(mid);
  }
  return rejected;
}

/**
 * The offer with the session's ICE credentials on every m-line that has none. Firefox writes no
 * `a=ice-ufrag`/`a=ice-pwd` in an m-line it stopped (port 0, outside the BUNDLE group); werift
 * reads that as new credentials and, because the m-line is inactive, drops its selected candidate
 * pair to wait for a renomination (RTCIceTransport.setRemoteParams) that a connected controlling
 * browser never sends: everything the emulator sent that client went nowhere from then on.
 */
export function withIceCredentialsEverywhere(offerSdp: string): string {
  const ufrag = /^a=ice-ufrag:.*$/m.exec(offerSdp)?.[0];
  const pwd = /^a=ice-pwd:.*$/m.exec(offerSdp)?.[0];
  if (!ufrag || !pwd) return offerSdp;
  const eol = offerSdp.includes('\r\n') ? '\r\n' : '\n';
  return offerSdp
    .split(new RegExp(`${eol}(?=m=)`))
    .map((section) => {
      if (!section.startsWith('m=') || /^a=ice-ufrag:/m.test(section)) return section;
      const [mLine, ...rest] = section.split(eol);
      return [mLine, ufrag, pwd, ...rest].join(eol);
    })
    .join(eol);
}

/**
 * Keeps only loopback candidates, and labels each video m-line we send on with `a=msid:v_<mid>`:
 * without an msid Chromium gives the track no stream and the SDK drops it. An m-line the offer
 * rejected stays rejected and out of the BUNDLE group (RFC 8843 section 7.3.3): Chromium refuses
 * an answer that bundles a mid its offer did not ("A BUNDLE group in answer contains a MID='2'
 * that was not in the offered group"), and the SDK would reconnect over and over.
 */
export function rewriteAnswer(
  sdp: string,
  sendingVideoMids: Set<string>,
  offerRejectedMids: Set<string> = new Set(),
): string {
  const sections = sdp.split(/\r\n(?=m=)/);
  const rewritten = sections.map((section, index) => {
    if (index === 0) {
      return section.replace(/^a=group:BUNDLE (.*)$/m, (_line, mids: string) => {
        const kept = mids.split(' ').filter((mid) => !offerRejectedMids.has(mid));
        return `a=group:BUNDLE ${kept.join(' ')}`;
      });
    }
    const sectionMid = /^a=mid:(\S+)/m.exec(section)?.[1];
    if (sectionMid !== undefined && offerRejectedMids.has(sectionMid)) {
      return section
        .replace(/^m=(audio|video) \d+ /, 'm=$1 0 ')
        .split('\r\n')
        .filter((line) => !line.startsWith('a=candidate:') && !line.startsWith('a=msid:'))
        .join('\r\n');
    }
    // werift rejects (port 0) an m-line it answers inactive, and Chromium then stops that
    // transceiver for good; the SDK reuses its transceivers, so every m-line it offers stays open.
    let lines = section
      .replace(/^m=(audio|video) 0 /, 'm=$1 9 ')
      .split('\r\n')
      .filter((line) => {
        if (!line.startsWith('a=candidate:')) return true;
        return line.split(' ')[4] === LOOPBACK;
      });
    const mid = lines.find((l) => l.startsWith('a=mid:'))?.slice('a=mid:'.length);
    if (lines[0]?.startsWith('m=video') && mid !== undefined) {
      // Nothing is ever sent on the client's own (sendrecv) camera slot: no stream there.
      lines = lines.filter((l) => !l.startsWith('a=msid:'));
      if (sendingVideoMids.has(mid)) {
        const at = lines.findIndex((l) => l.startsWith('a=mid:'));
        lines.splice(at + 1, 0, `a=msid:${labelFor(mid)} ${labelFor(mid)}-track`);
      }
    }
    if (lines[0]?.startsWith('m=audio') && !lines.some((l) => l.startsWith('a=msid:'))) {
      const at = lines.findIndex((l) => l.startsWith('a=mid:'));
      lines.splice(at + 1, 0, 'a=msid:chime-audio chime-audio-track');
    }
    return lines.join('\r\n');
  });
  return rewritten.join('\r\n');
}
