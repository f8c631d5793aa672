import { describe, expect, it } from 'vitest';
import { joinLinkHash, readJoinLink } from './join-link';

describe('join links', () => {
  it('round-trips the token, a name with any characters, and the video switch', () => {
    const link = { participantToken: 'a-b_c', name: 'Grace & Ada #1', video: true };
    expect(readJoinLink(joinLinkHash(link))).toEqual(link);
    expect(readJoinLink(joinLinkHash({ ...link, video: false }))?.video).toBe(false);
  });

  it('is absent from a page without a token', () => {
    expect(readJoinLink('')).toBeUndefined();
    expect(readJoinLink('#name=Grace')).toBeUndefined();
  });
});
