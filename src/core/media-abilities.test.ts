import { describe, expect, it } from 'vitest';
import { mediaAbilities, type MediaAbilities } from './media-abilities';

/** A window with only the named features, as the browsers in each case have them. */
function scope(features: {
  setSinkId?: boolean;
  getDisplayMedia?: boolean;
  pictureInPicture?: boolean;
}): object {
  const fn = () => undefined;
  return {
    HTMLMediaElement: { prototype: features.setSinkId ? { setSinkId: fn } : {} },
    navigator: {
      mediaDevices: { getUserMedia: fn, ...(features.getDisplayMedia && { getDisplayMedia: fn }) },
    },
    document: { pictureInPictureEnabled: features.pictureInPicture ?? false },
  };
}

const none: MediaAbilities = { chooseSpeaker: false, pictureInPicture: false, shareScreen: false };

describe('mediaAbilities: the UI offers only what the browser can do', () => {
  it.each<[string, object, MediaAbilities]>([
    [
      'Chromium and Firefox on a computer: speaker picker, screen share, picture-in-picture',
      scope({ setSinkId: true, getDisplayMedia: true, pictureInPicture: true }),
      { chooseSpeaker: true, pictureInPicture: true, shareScreen: true },
    ],
    [
      'Safari on a Mac: no setSinkId, so no speaker picker; the system routes the audio',
      scope({ getDisplayMedia: true, pictureInPicture: true }),
      { chooseSpeaker: false, pictureInPicture: true, shareScreen: true },
    ],
    [
      'Safari on iPhone: no getDisplayMedia, so no share or request-to-share button',
      scope({ pictureInPicture: true }),
      { chooseSpeaker: false, pictureInPicture: true, shareScreen: false },
    ],
    [
      'Chrome on Android: a speaker picker, but no screen to share',
      scope({ setSinkId: true, pictureInPicture: true }),
      { chooseSpeaker: true, pictureInPicture: true, shareScreen: false },
    ],
    [
      'picture-in-picture turned off (document.pictureInPictureEnabled false): no button',
      scope({ setSinkId: true, getDisplayMedia: true }),
      { chooseSpeaker: true, pictureInPicture: false, shareScreen: true },
    ],
    [
      'an insecure page (no navigator.mediaDevices)',
      { HTMLMediaElement: { prototype: {} }, navigator: {}, document: {} },
      none,
    ],
    ['no DOM at all (server-side rendering)', {}, none],
  ])('%s', (_, window, expected) => {
    expect(mediaAbilities(window)).toEqual(expected);
  });
});
