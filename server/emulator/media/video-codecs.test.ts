import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { PictureLossIndication, RtcpPayloadSpecificFeedback, type RtcpPacket } from 'werift';
import { SessionPeer } from './session-peer.js';
import { protocol } from './signaling-protocol.js';
import { codecKey, receiveCodecIntersection, videoSections } from './video-codecs.js';

/**
 * The SDK's own SDP code (v3.32.0) plays the client here: it builds the camera m-line's order from
 * its preferences as SetLocalDescriptionTask does, and reads what it will send from the answer as
 * SetRemoteDescriptionTask does. What is tested is the emulator's answer.
 */
const require = createRequire(import.meta.url);
type SdpModule = typeof import('amazon-chime-sdk-js/build/sdp/SDP.js');
type CapabilityModule = typeof import('amazon-chime-sdk-js/build/sdp/VideoCodecCapability.js');
const SDP = (require('amazon-chime-sdk-js/build/sdp/SDP.js') as SdpModule).default;
const VideoCodecCapability = (
  require('amazon-chime-sdk-js/build/sdp/VideoCodecCapability.js') as CapabilityModule
).default;
type Capability = InstanceType<typeof VideoCodecCapability>;

/** DefaultAudioVideoController's defaults for a camera (no simulcast). */
const cameraPreferences = (): Capability[] => [
  VideoCodecCapability.vp9Profile0(),
  VideoCodecCapability.h264ConstrainedBaselineProfile(),
  VideoCodecCapability.vp8(),
];
/** ... and for a content share in Chromium. */
const contentPreferences = (): Capability[] => [
  VideoCodecCapability.av1Main(),
  ...cameraPreferences(),
];

/** Chromium's video codecs, in its own order (VP8 first), with its payload types. */
const CHROMIUM_VIDEO = [
  [96, 'VP8', ''],
  [98, 'VP9', 'profile-id=0'],
  [100, 'VP9', 'profile-id=2'],
  [102, 'H264', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f'],
  [104, 'H264', 'level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f'],
  [106, 'H264', 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f'],
  [108, 'H264', 'level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f'],
  [45, 'AV1', 'level-idx=5;profile=0;tier=0'],
] as const;
/** Firefox ESR's: VP8 and VP9 (without profile-id), H.264 under other numbers. */
const FIREFOX_VIDEO = [
  [120, 'VP8', 'max-fs=12288;max-fr=60'],
  [121, 'VP9', 'max-fs=12288;max-fr=60'],
  [126, 'H264', 'profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1'],
  [97, 'H264', 'profile-level-id=42e01f;level-asymmetry-allowed=1'],
] as const;
type Codecs = readonly (readonly [number, string, string])[];

function videoSection(mid: string, direction: string, codecs: Codecs): string[] {
  return [
    `m=video 9 UDP/TLS/RTP/SAVPF ${codecs.map(([pt]) => pt).join(' ')}`,
    'c=IN IP4 0.0.0.0',
    `a=mid:${mid}`,
    `a=${direction}`,
    'a=rtcp-mux',
    ...codecs.flatMap(([pt, name, fmtp]) => [
      `a=rtpmap:${pt} ${name}/90000`,
      `a=rtcp-fb:${pt} nack pli`,
      ...(fmtp ? [`a=fmtp:${pt} ${fmtp}`] : []),
    ]),
    ...(direction === 'sendrecv' ? [`a=ssrc:${1000 + Number(mid)} cname:client`] : []),
  ];
}

/**
 * An offer shaped as the SDK's: audio, its camera (or content) m-line sendrecv, and `receive`
 * recvonly m-lines for remote video; the camera m-line reordered by the SDK's own code.
 */
function sdkOffer(codecs: Codecs, preferences: Capability[], receive = 0): string {
  const mids = ['0', '1', ...Array.from({ length: receive }, (_, i) => String(i + 2))];
  const lines = [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    `a=group:BUNDLE ${mids.join(' ')}`,
    'a=ice-ufrag:abcd',
    'a=ice-pwd:abcdefghijklmnopqrstuvwx',
    'a=fingerprint:sha-256 ' + Array.from({ length: 32 }, () => 'AB').join(':'),
    'a=setup:actpass',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=ssrc:999 cname:client',
    ...videoSection('1', 'sendrecv', codecs),
    ...mids.slice(2).flatMap((mid) => videoSection(mid, 'recvonly', codecs)),
  ];
  return new SDP(lines.join('\r\n') + '\r\n').withVideoSendCodecPreferences(preferences).sdp;
}

/** What the SDK sends after applying this answer (SetRemoteDescriptionTask). */
function sdkSendCodec(answer: string, preferences: Capability[]): string | undefined {
  const processed = new SDP(answer).withVideoSendCodecPreferences(preferences);
  return processed.prioritizedSendVideoCodecCapabilities()[0]?.codecName;
}

/** The SDK narrows its preferences to INDEX's intersection (ReceiveVideoStreamIndexTask). */
function narrowed(preferences: Capability[], intersection: number[]): Capability[] {
  return preferences.filter((p) =>
    intersection.some((signaled) => {
      const capability = VideoCodecCapability.fromSignaled(signaled);
      return capability !== undefined && p.equals(capability);
    }),
  );
}

const keysOf = (codecs: Codecs) =>
  new Set(codecs.map(([, name, fmtp]) => codecKey(`video/${name}`, fmtp)));

describe('video codecs as the SDK negotiates them', () => {
  const peers: SessionPeer[] = [];
  const newPeer = () => {
    const peer = new SessionPeer({
      onPublishedRtp: () => undefined,
      onKeyFrameRequest: () => undefined,
      onConnectionStateChange: () => undefined,
    });
    peers.push(peer);
    return peer;
  };
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((p) => p.close()));
  });

  it('answers the camera m-line so that the SDK sends its first choice, VP9', async () => {
    const { sdp } = await newPeer().answer(sdkOffer(CHROMIUM_VIDEO, cameraPreferences()), [0]);
    const camera = sdp.split(/\r\n(?=m=)/).find((s) => s.includes('a=mid:1')) ?? '';
    // sendrecv: the SDK finds its send section in the answer by it (SDP.findActiveCameraSection).
    expect(camera).toContain('a=sendrecv');
    expect(sdkSendCodec(sdp, cameraPreferences())).toBe('VP9');
    // And the answer itself lists the client's first choice first, for a client that reorders
    // nothing.
    expect(videoSections(sdp)[0]?.codecs[0]).toEqual({ payloadType: 98, key: 'VP9 profile-id=0' });
  });

  it('answers a content share so that Chromium sends AV1', async () => {
    const { sdp } = await newPeer().answer(sdkOffer(CHROMIUM_VIDEO, contentPreferences()), [0]);
    expect(sdkSendCodec(sdp, contentPreferences())).toBe('AV1');
  });

  it('falls back through INDEX to what every client receives: H.264, else VP8', () => {
    const chromium = keysOf(CHROMIUM_VIDEO);
    const firefox = keysOf(FIREFOX_VIDEO);
    const vp8Only = new Set(['VP8']);
    const S = protocol.SdkVideoCodecCapability;
    expect(receiveCodecIntersection([chromium, firefox])).toEqual([
      S.VP8,
      S.H264_CONSTRAINED_BASELINE_PROFILE,
      S.VP9_PROFILE_0,
    ]);
    // Chromium with Firefox: still VP9 (Firefox's VP9 without profile-id is profile 0).
    expect(
      narrowed(cameraPreferences(), receiveCodecIntersection([chromium, firefox]))[0]?.codecName,
    ).toBe('VP9');
    // A client without VP9: H.264; one with VP8 alone: VP8.
    const noVp9 = new Set([...firefox].filter((k) => !k.startsWith('VP9')));
    expect(
      narrowed(cameraPreferences(), receiveCodecIntersection([chromium, noVp9]))[0]?.codecName,
    ).toBe('H264');
    expect(
      narrowed(cameraPreferences(), receiveCodecIntersection([chromium, vp8Only]))[0]?.codecName,
    ).toBe('VP8');
    // Content share: AV1 only while every client decodes it.
    expect(
      narrowed(contentPreferences(), receiveCodecIntersection([chromium, firefox]))[0]?.codecName,
    ).toBe('VP9');
    expect(narrowed(contentPreferences(), receiveCodecIntersection([chromium]))[0]?.codecName).toBe(
      'AV1',
    );
    // Nobody has offered yet: no intersection, and the SDK keeps its own preferences.
    expect(receiveCodecIntersection([])).toEqual([]);
  });

  it('the publisher, after falling back, is answered with the codec the SDK asked for', async () => {
    const preferences = narrowed(
      cameraPreferences(),
      receiveCodecIntersection([keysOf(CHROMIUM_VIDEO), new Set(['VP8'])]),
    );
    const { sdp } = await newPeer().answer(sdkOffer(CHROMIUM_VIDEO, preferences), [0]);
    expect(sdkSendCodec(sdp, preferences)).toBe('VP8');
  });

  it("writes a publisher's codec on a subscriber's m-line with that subscriber's payload type", async () => {
    const peer = newPeer();
    await peer.answer(sdkOffer(FIREFOX_VIDEO, cameraPreferences(), 1), [0, 7]);
    const [output] = peer.videoOutputs();
    expect(output?.streamId).toBe(7);
    const raw = Buffer.from([0x80, 98, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0]);
    // A Chromium publisher's VP9 (its payload type 98) goes out as Firefox's 121.
    expect(peer.writeVideo(output!, raw, 'VP9 profile-id=0')).toBe('switched');
    expect(output!.transceiver.sender.codec?.payloadType).toBe(121);
    expect(peer.writeVideo(output!, raw, 'VP9 profile-id=0')).toBe('sent');
    // A codec this subscriber never offered is not written at all (it could not decode it).
    expect(peer.writeVideo(output!, raw, 'AV1 profile=0')).toBe('unsupported');
    expect(output!.transceiver.sender.codec?.payloadType).toBe(121);
  });

  it("records what each publisher's payload types carry, from its own offer", async () => {
    const peer = newPeer();
    await peer.answer(sdkOffer(FIREFOX_VIDEO, cameraPreferences()), [0]);
    expect(peer.publishedCodecKey(121)).toBe('VP9 profile-id=0');
    expect(peer.publishedCodecKey(126)).toBe('H264 profile=42e0 packetization-mode=1');
    expect(peer.publishedCodecKey(98)).toBeUndefined();
    expect(peer.receivableVideoCodecs).toEqual(keysOf(FIREFOX_VIDEO));
  });
});

describe('a key-frame request from a subscriber', () => {
  const peers: SessionPeer[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((p) => p.close()));
  });

  /** A subscriber receiving stream 7 on its m-line 2, and the PLIs it sends, through werift's RTCP router. */
  async function subscriber() {
    const requested: number[] = [];
    const peer = new SessionPeer({
      onPublishedRtp: () => undefined,
      onKeyFrameRequest: (streamId) => requested.push(streamId),
      onConnectionStateChange: () => undefined,
    });
    peers.push(peer);
    await peer.answer(sdkOffer(CHROMIUM_VIDEO, cameraPreferences(), 1), [0, 7]);
    const [output] = peer.videoOutputs();
    const router = (peer.pc as unknown as { router: { routeRtcp(packet: RtcpPacket): void } })
      .router;
    const sendPli = (senderSsrc: number) =>
      router.routeRtcp(
        new RtcpPayloadSpecificFeedback({
          feedback: new PictureLossIndication({
            senderSsrc,
            mediaSsrc: output!.transceiver.sender.ssrc,
          }),
        }),
      );
    return { requested, sendPli };
  }

  it("reaches the publisher when Chromium signs it with its own camera's SSRC", async () => {
    const { requested, sendPli } = await subscriber();
    // 1001: the SSRC the offer gave the client's camera, which the server receives.
    sendPli(1001);
    expect(requested).toEqual([7]);
  });

  it('reaches the publisher when signed with an SSRC the server does not know', async () => {
    const { requested, sendPli } = await subscriber();
    sendPli(1);
    expect(requested).toEqual([7]);
  });
});
