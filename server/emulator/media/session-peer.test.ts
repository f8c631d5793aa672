import { describe, expect, it } from 'vitest';
import { rejectedMids, rewriteAnswer, withIceCredentialsEverywhere } from './session-peer.js';

const answer = [
  'v=0',
  'a=group:BUNDLE 0 1 2',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=candidate:1 1 udp 2116026367 127.0.0.1 43845 typ host',
  'a=candidate:2 1 udp 2116026367 192.0.2.2 43846 typ host',
  'a=mid:0',
  'a=sendrecv',
  'm=video 0 UDP/TLS/RTP/SAVPF 96',
  'a=mid:1',
  'a=inactive',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:2',
  'a=msid:werift-stream werift-track',
  'a=sendonly',
].join('\r\n');

describe('rewriteAnswer', () => {
  const out = rewriteAnswer(answer, new Set(['2'])).split('\r\n');

  it('keeps only loopback candidates', () => {
    expect(out.filter((l) => l.startsWith('a=candidate:'))).toEqual([
      'a=candidate:1 1 udp 2116026367 127.0.0.1 43845 typ host',
    ]);
  });

  it('never rejects an m-line (Chromium would stop the transceiver for good)', () => {
    expect(out.filter((l) => l.startsWith('m='))).toEqual([
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
    ]);
  });

  it('labels sent video v_<mid> and gives audio a stream, as the SDK needs', () => {
    expect(out).toContain('a=msid:v_2 v_2-track');
    expect(out).not.toContain('a=msid:werift-stream werift-track');
    expect(out).toContain('a=msid:chime-audio chime-audio-track');
    expect(out.filter((l) => l.startsWith('a=msid:'))).toHaveLength(2);
  });
});

describe('an m-line the offer rejected', () => {
  const offer = [
    'v=0',
    'a=group:BUNDLE 0 2',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'a=mid:0',
    'm=video 0 UDP/TLS/RTP/SAVPF 96',
    'a=mid:1',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'a=mid:2',
  ].join('\r\n');
  const out = rewriteAnswer(answer, new Set(['2']), rejectedMids(offer)).split('\r\n');

  it('is found by its port 0', () => {
    expect([...rejectedMids(offer)]).toEqual(['1']);
  });

  it("is not Firefox's bundle-only m-line, which has port 0 too", () => {
    const firefox = offer.replace('a=mid:1', 'a=mid:1\r\na=bundle-only');
    expect([...rejectedMids(firefox)]).toEqual([]);
  });

  it('stays rejected and out of the BUNDLE group, as Chromium requires', () => {
    expect(out).toContain('a=group:BUNDLE 0 2');
    expect(out.filter((l) => l.startsWith('m='))).toEqual([
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'm=video 0 UDP/TLS/RTP/SAVPF 96',
      'm=video 9 UDP/TLS/RTP/SAVPF 96',
    ]);
  });
});

describe('withIceCredentialsEverywhere', () => {
  // Firefox's offer after the SDK stopped a remote video's transceiver: the stopped m-line has
  // port 0, no BUNDLE membership and no ICE credentials.
  const offer = [
    'v=0',
    'a=group:BUNDLE 0 1',
    'm=audio 9 UDP/TLS/RTP/SAVPF 109',
    'a=ice-ufrag:abcd',
    'a=ice-pwd:secret',
    'a=mid:0',
    'm=video 0 UDP/TLS/RTP/SAVPF 120',
    'a=ice-ufrag:abcd',
    'a=ice-pwd:secret',
    'a=bundle-only',
    'a=mid:1',
    'm=video 0 UDP/TLS/RTP/SAVPF 120',
    'a=inactive',
    'a=mid:2',
  ].join('\r\n');
  const sections = withIceCredentialsEverywhere(offer).split(/\r\n(?=m=)/);

  it('gives a stopped m-line the session credentials', () => {
    expect(sections[3]?.split('\r\n')).toEqual([
      'm=video 0 UDP/TLS/RTP/SAVPF 120',
      'a=ice-ufrag:abcd',
      'a=ice-pwd:secret',
      'a=inactive',
      'a=mid:2',
    ]);
  });

  it('leaves m-lines that carry their own credentials as they are', () => {
    expect(sections.slice(0, 3).join('\r\n')).toBe(
      offer.split(/\r\n(?=m=video 0 UDP\/TLS\/RTP\/SAVPF 120\r\na=inactive)/)[0],
    );
  });
});
