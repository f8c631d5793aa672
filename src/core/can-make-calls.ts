/**
 * Whether this browser has the WebRTC the Chime SDK joins a meeting with. Debian's WebKitGTK has no
 * `RTCPeerConnection`, embedded web views often lack it, and privacy setups turn it off (Firefox's
 * `media.peerconnection.enabled = false` removes the constructors): there the SDK would fail
 * with a ReferenceError for `RTCRtpSender` and leave the customer on "Connecting…". Feature
 * detection, so that it holds for any browser without asking which one it is.
 */
export function canMakeCalls(scope: object = globalThis): boolean {
  const api = scope as { RTCPeerConnection?: unknown; RTCRtpSender?: unknown };
  return typeof api.RTCPeerConnection === 'function' && typeof api.RTCRtpSender === 'function';
}
