import { expect } from '@playwright/test';

export interface TileSample {
  attendeeId: string;
  isContent: boolean;
  isLocal: boolean;
  framesShown: number;
  nonBlack: number;
  fingerprint: number;
  width: number;
}

/**
 * Waits until the tile that `pick` selects shows a real, moving picture: more frames than before,
 * mostly non-black pixels, and a picture that changed between two samples.
 */
export async function expectMovingVideo(
  sample: () => Promise<TileSample | undefined>,
  what: string,
): Promise<void> {
  let first: TileSample | undefined;
  await expect
    .poll(
      async () => {
        first = await sample();
        return first ? first.framesShown > 0 && first.nonBlack > 0.5 : false;
      },
      { message: `${what}: a tile with decoded, non-black frames` },
    )
    .toBe(true);
  await expect
    .poll(
      async () => {
        const later = await sample();
        return (
          !!later &&
          later.framesShown > first!.framesShown &&
          later.fingerprint !== first!.fingerprint
        );
      },
      { message: `${what}: frames keep coming and the picture moves` },
    )
    .toBe(true);
}
