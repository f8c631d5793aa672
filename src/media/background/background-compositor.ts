/**
 * Segments each frame (the person against the rest) and composes it: the person as the camera
 * sees them, over the camera's picture blurred or over the replacement image. Runs in the effect's
 * worker (segmentation-worker.ts), on OffscreenCanvases: none of it on the page's main thread.
 * Nothing here may be imported by the page's side too: the worker's chunk must import no other
 * chunk (scripts/vite-plugin-background-assets.ts checks it).
 */
import type { BackgroundEffect } from '../../core/background-effect';
import { drawBuiltInBackdrop } from './backdrops';
import { MASK_HEIGHT, MASK_WIDTH, type Segmenter } from './segmenter';
import type { BackdropImage } from './worker-messages';

/** The blurred background is drawn at a quarter of the size: the same look for 1/16 of the work. */
const BLUR_SCALE = 4;

/** The blur radius, in pixels, for a picture `height` pixels high (about 1/60 and 1/24 of it). */
export function blurRadius(effect: BackgroundEffect, height: number): number {
  if (effect === 'blur-low') return Math.max(2, Math.round(height / 60));
  if (effect === 'blur-high') return Math.max(4, Math.round(height / 24));
  return 0;
}

export interface BackgroundCompositor {
  /** `frame` with the current effect, as a new bitmap of the same size. */
  render(frame: ImageBitmap, timestampMs: number): ImageBitmap;
  setEffect(effect: BackgroundEffect, backdrop?: BackdropImage): void;
}

const context2d = (canvas: OffscreenCanvas, willReadFrequently = false) => {
  const context = canvas.getContext('2d', { willReadFrequently });
  if (!context) throw new Error('no 2d context on an OffscreenCanvas');
  return context;
};

export function createBackgroundCompositor(segmenter: Segmenter): BackgroundCompositor {
  const small = new OffscreenCanvas(MASK_WIDTH, MASK_HEIGHT);
  const smallContext = context2d(small, true);
  const maskCanvas = new OffscreenCanvas(MASK_WIDTH, MASK_HEIGHT);
  const maskContext = context2d(maskCanvas);
  const maskPixels = new ImageData(MASK_WIDTH, MASK_HEIGHT);
  const blurred = new OffscreenCanvas(1, 1);
  const blurredContext = context2d(blurred);
  const output = new OffscreenCanvas(1, 1);
  const out = context2d(output);
  let effect: BackgroundEffect = 'off';
  let backdrop: OffscreenCanvas | ImageBitmap | undefined;

  return {
    render(frame, timestampMs) {
      const { width, height } = frame;
      if (output.width !== width || output.height !== height) {
        output.width = width;
        output.height = height;
      }
      if (effect === 'off') {
        out.globalCompositeOperation = 'copy';
        out.drawImage(frame, 0, 0);
        return output.transferToImageBitmap();
      }
      smallContext.drawImage(frame, 0, 0, MASK_WIDTH, MASK_HEIGHT);
      const mask = segmenter.segment(small, timestampMs);
      const alpha = maskPixels.data;
      for (let i = 0; i < mask.length; i++) alpha[i * 4 + 3] = mask[i]! * 255;
      maskContext.putImageData(maskPixels, 0, 0);

      out.save();
      out.globalCompositeOperation = 'copy';
      out.drawImage(maskCanvas, 0, 0, width, height);
      out.globalCompositeOperation = 'source-in';
      out.drawImage(frame, 0, 0, width, height);
      out.globalCompositeOperation = 'destination-over';
      const radius = blurRadius(effect, height);
      if (radius) {
        const w = Math.ceil(width / BLUR_SCALE);
        const h = Math.ceil(height / BLUR_SCALE);
        if (blurred.width !== w || blurred.height !== h) {
          blurred.width = w;
          blurred.height = h;
        }
        const r = radius / BLUR_SCALE;
        blurredContext.filter = `blur(${r}px)`;
        // Drawn past the edges, so that the blur does not fade the border to transparent.
        blurredContext.drawImage(frame, -2 * r, -2 * r, w + 4 * r, h + 4 * r);
        out.drawImage(blurred, 0, 0, width, height);
      } else if (backdrop) {
        // Cover: the image fills the frame, cropped to its aspect.
        const bw = backdrop.width;
        const bh = backdrop.height;
        const scale = Math.max(width / bw, height / bh);
        const sw = width / scale;
        const sh = height / scale;
        out.drawImage(backdrop, (bw - sw) / 2, (bh - sh) / 2, sw, sh, 0, 0, width, height);
      }
      out.restore();
      return output.transferToImageBitmap();
    },
    setEffect(next, image) {
      if (image) {
        if (backdrop instanceof ImageBitmap) backdrop.close();
        if ('builtIn' in image) {
          const drawn = new OffscreenCanvas(640, 360);
          drawBuiltInBackdrop(image.builtIn, context2d(drawn), drawn.width, drawn.height);
          backdrop = drawn;
        } else {
          backdrop = image;
        }
      }
      effect = next;
    },
  };
}
