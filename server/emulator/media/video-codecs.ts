import type { SdkVideoCodecCapability } from 'amazon-chime-sdk-js/build/signalingprotocol/SignalingProtocol.js';
import { RTCRtpCodecParameters, useH264, useVP8, useVP9 } from 'werift';
import { protocol } from './signaling-protocol.js';

/**
 * Video codecs as the SDK negotiates them, and what the forwarding unit needs to carry them.
 *
 * The SDK decides what it sends: it puts its preferences first in its camera (or content) m-line
 * (VP9 profile 0, H.264 constrained baseline, VP8; AV1 first for content share on Chromium:
 * audiovideocontroller/DefaultAudioVideoController.js), reorders the server's answer the same way
 * (task/SetLocalDescriptionTask.js, task/SetRemoteDescriptionTask.js, `SDP.withVideoSendCodecPreferences`)
 * and narrows them to INDEX `supported_receive_codec_intersection` when the server sends one,
 * renegotiating when what it sends falls outside it (task/ReceiveVideoStreamIndexTask.js). The
 * forwarding unit passes RTP payloads through untouched, so it carries any codec both ends agreed
 * on; only the payload type differs per peer.
 */

/** What the forwarding unit carries: werift matches codecs by MIME type only. */
export function forwardedVideoCodecs(): RTCRtpCodecParameters[] {
  return [
    useVP8(),
    useVP9(),
    useH264(),
    // werift's own useAV1X is the pre-standard name; browsers offer `AV1` (RFC-style AV1 RTP
    // payload, https://aomediacodec.github.io/av1-rtp-spec/).
    new RTCRtpCodecParameters({
      mimeType: 'video/AV1',
      clockRate: 90_000,
      rtcpFeedback: useVP8().rtcpFeedback,
    }),
  ];
}

/**
 * A codec's identity across peers: the MIME type and the parameters that change the bitstream
 * (VP9 and AV1 profile, H.264 profile and constraints and packetization mode). Two payload types
 * with the same key carry the same bytes, whatever number each browser gave them.
 */
export function codecKey(mimeType: string, fmtp = ''): string {
  const name = mimeType.replace(/^video\//i, '').toUpperCase();
  const params = new Map(
    fmtp
      .split(';')
      .map((p) => p.trim().split('='))
      .filter((kv): kv is [string, string] => kv.length === 2)
      .map(([k, v]) => [k.toLowerCase(), v.toLowerCase()]),
  );
  switch (name) {
    case 'VP9':
      return `VP9 profile-id=${params.get('profile-id') ?? '0'}`;
    case 'AV1':
      return `AV1 profile=${params.get('profile') ?? '0'}`;
    case 'H264':
      // profile_idc and the constraint flags; the level may differ between sender and receiver
      // (level-asymmetry-allowed), as the SDK's own matching ignores it (VideoCodecCapability).
      return `H264 profile=${(params.get('profile-level-id') ?? '42001f').slice(0, 4)} packetization-mode=${params.get('packetization-mode') ?? '0'}`;
    default:
      return name;
  }
}

/** The codecs of one video m-line of an SDP, in its order. */
export interface VideoSection {
  mid: string;
  codecs: { payloadType: number; key: string }[];
}

export function videoSections(sdp: string): VideoSection[] {
  return sdp
    .split(/\r?\n(?=m=)/)
    .filter((section) => section.startsWith('m=video'))
    .map((section) => {
      const lines = section.split(/\r?\n/);
      const order = (lines[0] ?? '').split(' ').slice(3).map(Number);
      const names = new Map<number, string>();
      const fmtps = new Map<number, string>();
      for (const line of lines) {
        const rtpmap = /^a=rtpmap:(\d+) ([^/\s]+)\//.exec(line);
        if (rtpmap) names.set(Number(rtpmap[1]), rtpmap[2] ?? '');
        const fmtp = /^a=fmtp:(\d+) (.*)$/.exec(line);
        if (fmtp) fmtps.set(Number(fmtp[1]), fmtp[2] ?? '');
      }
      return {
        mid: lines.find((l) => l.startsWith('a=mid:'))?.slice('a=mid:'.length) ?? '',
        codecs: order
          .filter((pt) => names.has(pt))
          .map((pt) => ({ payloadType: pt, key: codecKey(names.get(pt) ?? '', fmtps.get(pt)) })),
      };
    });
}

/**
 * The SDK's signaled capabilities (SdkVideoCodecCapability, read by
 * `VideoCodecCapability.fromSignaled`), by codec key. The SDK's H.264 variants all use
 * packetization mode 1.
 */
const SIGNALED: [string, SdkVideoCodecCapability][] = [
  ['VP8', protocol.SdkVideoCodecCapability.VP8],
  [
    'H264 profile=4200 packetization-mode=1',
    protocol.SdkVideoCodecCapability.H264_BASELINE_PROFILE,
  ],
  [
    'H264 profile=42e0 packetization-mode=1',
    protocol.SdkVideoCodecCapability.H264_CONSTRAINED_BASELINE_PROFILE,
  ],
  ['H264 profile=4d00 packetization-mode=1', protocol.SdkVideoCodecCapability.H264_MAIN_PROFILE],
  ['H264 profile=6400 packetization-mode=1', protocol.SdkVideoCodecCapability.H264_HIGH_PROFILE],
  [
    'H264 profile=640c packetization-mode=1',
    protocol.SdkVideoCodecCapability.H264_CONSTRAINED_HIGH_PROFILE,
  ],
  ['VP9 profile-id=0', protocol.SdkVideoCodecCapability.VP9_PROFILE_0],
  ['AV1 profile=0', protocol.SdkVideoCodecCapability.AV1_MAIN_PROFILE],
];

/**
 * What every client of the meeting can receive, as INDEX `supported_receive_codec_intersection`:
 * the SDK then sends the first of its preferences in it, so a client that cannot decode VP9 (a
 * late joiner included) makes every publisher fall back to H.264 or VP8. `receivable` holds, per
 * session that has offered, the codec keys of its video m-lines; sessions that have not offered
 * yet count for nothing.
 */
export function receiveCodecIntersection(
  receivable: Iterable<ReadonlySet<string>>,
): SdkVideoCodecCapability[] {
  const sets = [...receivable];
  if (sets.length === 0) return [];
  return SIGNALED.filter(([key]) => sets.every((set) => set.has(key))).map(([, cap]) => cap);
}
