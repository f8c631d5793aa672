import { describe, expect, it } from 'vitest';
import { canMakeCalls } from './can-make-calls';

class Constructor {}

describe('canMakeCalls', () => {
  it.each([
    ['a browser with WebRTC', { RTCPeerConnection: Constructor, RTCRtpSender: Constructor }, true],
    ['no WebRTC at all (WebKitGTK, some web views)', {}, false],
    [
      'a peer connection without RTCRtpSender (what the SDK failed on)',
      { RTCPeerConnection: Constructor },
      false,
    ],
    [
      'WebRTC turned off, the names left as undefined',
      { RTCPeerConnection: undefined, RTCRtpSender: undefined },
      false,
    ],
  ])('%s', (_, scope, expected) => {
    expect(canMakeCalls(scope)).toBe(expected);
  });
});
