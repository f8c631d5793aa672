/**
 * What this browser lets the customer do beyond a call, found by feature detection (never by
 * asking which browser it is), so that the UI offers only what works here. `scope` is the window
 * (a stand-in in unit tests).
 */
export interface MediaAbilities {
  /**
   * Pick the speaker the call plays on (HTMLMediaElement.setSinkId). Safari has none: the system
   * routes the call's audio (on iPhone, to the receiver or the loudspeaker as the customer holds
   * it), so no speaker picker is shown and the test sound plays on the default output.
   */
  chooseSpeaker: boolean;
  /** Picture-in-picture of the agent's video (the standard API: Chromium, Safari, Firefox 153). */
  pictureInPicture: boolean;
  /** Share the screen (getDisplayMedia): not on iOS or Android, so no share or request button. */
  shareScreen: boolean;
}

interface Scope {
  HTMLMediaElement?: { prototype: object };
  navigator?: { mediaDevices?: object };
  document?: { pictureInPictureEnabled?: boolean };
}

export function mediaAbilities(scope: object = globalThis): MediaAbilities {
  const { HTMLMediaElement: media, navigator, document } = scope as Scope;
  const devices = navigator?.mediaDevices ?? {};
  return {
    chooseSpeaker: !!media && 'setSinkId' in media.prototype,
    pictureInPicture: document?.pictureInPictureEnabled === true,
    shareScreen: 'getDisplayMedia' in devices,
  };
}
