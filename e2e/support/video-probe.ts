import { expect, type Locator } from '@playwright/test';

export interface VideoSample {
  framesShown: number;
  nonBlack: number;
  fingerprint: number;
  width: number;
}

/**
 * Runs in the page: what a video element shows, sampled from its pixels (the share of pixels that
 * are not black, and a fingerprint that changes when the picture moves), and how many frames it
 * has shown. Self-contained, because Playwright serializes it into the page.
 */
function sampleVideoElement(video: HTMLVideoElement): VideoSample {
  /**
   * Firefox's getVideoPlaybackQuality() counts no frames of camera or WebRTC video
   * (../shared/docs/firefox.md, blocker 2): once the element has a picture and still no count, its
   * frames are counted with requestVideoFrameCallback instead, the prototype's, past any wrapper on
   * the element (the widget's src/media/quiet-frame-monitor.ts holds the SDK's per-frame requests).
   */
  const framesShownBy = (element: HTMLVideoElement): number => {
    const counted = element.getVideoPlaybackQuality().totalVideoFrames;
    if (counted > 0 || !element.videoWidth) return counted;
    const page = window as unknown as { __framesShown?: WeakMap<HTMLVideoElement, number> };
    const frames = (page.__framesShown ??= new WeakMap());
    if (!frames.has(element)) {
      const request = HTMLVideoElement.prototype.requestVideoFrameCallback;
      const count = () => {
        frames.set(element, frames.get(element)! + 1);
        request.call(element, count);
      };
      frames.set(element, 0);
      request.call(element, count);
    }
    return frames.get(element)!;
  };
  const width = video.videoWidth;
  const height = video.videoHeight;
  const framesShown = framesShownBy(video);
  if (!width || !height) return { framesShown, nonBlack: 0, fingerprint: 0, width };
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 48;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let nonBlack = 0;
  let fingerprint = 0;
  for (let i = 0; i < data.length; i += 4) {
    const luma = (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
    if (luma > 16) nonBlack++;
    fingerprint = (fingerprint * 31 + (luma | 0)) >>> 0;
  }
  return { framesShown, nonBlack: nonBlack / (data.length / 4), fingerprint, width };
}

/** Samples the first video element the locator finds (open shadow roots included), if any. */
export function videoSampler(video: Locator): () => Promise<VideoSample | undefined> {
  return async () =>
    (await video.count()) ? video.first().evaluate(sampleVideoElement) : undefined;
}

/**
 * Waits until the video shows a real, moving picture: decoded frames, mostly non-black pixels, and
 * more frames and a changed picture between two samples.
 */
export async function expectMovingVideo(
  video: Locator,
  what: string,
  { timeout }: { timeout?: number } = {},
): Promise<void> {
  const sample = videoSampler(video);
  let first: VideoSample | undefined;
  // What is missing shows in the failure: no element, no decoded frame, or a mostly black picture.
  await expect
    .poll(
      async () => {
        first = await sample();
        return first
          ? { decoded: first.framesShown > 0, mostlyNonBlack: first.nonBlack > 0.5 }
          : 'no video element';
      },
      { message: `${what}: a video with decoded, non-black frames`, timeout },
    )
    .toEqual({ decoded: true, mostlyNonBlack: true });
  await expect
    .poll(
      async () => {
        const later = await sample();
        if (!later) return false;
        // A new element (the tile was re-created, e.g. after a reconnect) counts from zero again.
        if (later.framesShown < first!.framesShown) {
          first = later;
          return false;
        }
        return later.framesShown > first!.framesShown && later.fingerprint !== first!.fingerprint;
      },
      { message: `${what}: frames keep coming and the picture moves`, timeout },
    )
    .toBe(true);
}
