/**
 * The background picker's strings in US English, in the media chunk with the picker (the panel
 * stays within its size budget); the other languages have them in their own files, and hosts can
 * override them like any other. The call's notice of why the effect turned off takes its words from
 * here too (backgroundProblemText).
 */
export const enUSBackground = {
  background: 'Background',
  backgroundOff: 'None',
  backgroundBlurLow: 'Blur slightly',
  backgroundBlurHigh: 'Blur strongly',
  backdropDawn: 'Dawn',
  backdropSea: 'Sea',
  backdropForest: 'Forest',
  backdropImage: 'Image {number}',
  backgroundTooSlow: 'Background effect off: this device is too slow.',
  backgroundFailed: 'Background effect off: it could not start.',
};

export type BackgroundMessages = typeof enUSBackground;
