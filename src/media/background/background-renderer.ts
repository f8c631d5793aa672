import type { Backdrop, BackgroundEffect } from '../../core/background-effect';
import { backdropOf, blurRadius } from './effect-parameters';
import { drawBuiltInBackdrop } from './backdrops';
import { createSegmenter, MASK_HEIGHT, MASK_WIDTH, type Segmenter } from './segmenter';

/** The blurred background is drawn at a quarter of the size: the same look for 1/16 of the work. */
const BLUR_SCALE = 4;

export interface BackgroundRenderer {
  /** Draws `source` into `target` (resized to it) with the current effect. */
  render(source: CanvasImageSource, width: number, height: number, target: HTMLCanvasElement): void;
  setEffect(effect: BackgroundEffect): Promise<void>;
  close(): void;
}

const canvas = (width: number, height: number) => {
  const element = document.createElement('canvas');
  element.width = width;
  element.height = height;
  return element;
};

const context2d = (element: HTMLCanvasElement) =>
  element.getContext('2d', { willReadFrequently: false })!;

/** Loads a host's image for the canvas: CORS, or the canvas would be tainted and send nothing. */
async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  await image.decode();
  return image;
}

/**
 * Segments each frame (the person against the rest) and composes it: the person as the camera
 * sees them, over the camera's picture blurred or over the replacement image.
 */
export async function createBackgroundRenderer(
  backdrops: readonly Backdrop[],
  initial: BackgroundEffect,
): Promise<BackgroundRenderer> {
  const segmenter: Segmenter = await createSegmenter();
  const small = canvas(MASK_WIDTH, MASK_HEIGHT);
  const smallContext = small.getContext('2d', { willReadFrequently: true })!;
  const maskCanvas = canvas(MASK_WIDTH, MASK_HEIGHT);
  const maskContext = context2d(maskCanvas);
  const maskPixels = new ImageData(MASK_WIDTH, MASK_HEIGHT);
  const blurred = canvas(1, 1);
  const blurredContext = context2d(blurred);
  let effect = initial;
  let backdrop: HTMLCanvasElement | HTMLImageElement | undefined;
  let backdropFor = '';

  const prepareBackdrop = async (next: BackgroundEffect) => {
    const chosen = backdropOf(next, backdrops);
    if (!chosen || backdropFor === chosen.id) return;
    if ('url' in chosen.source) {
      backdrop = await loadImage(chosen.source.url);
    } else {
      const drawn = canvas(640, 360);
      drawBuiltInBackdrop(chosen.source.builtIn, context2d(drawn), drawn.width, drawn.height);
      backdrop = drawn;
    }
    backdropFor = chosen.id;
  };
  await prepareBackdrop(initial);

  return {
    render(source, width, height, target) {
      if (target.width !== width || target.height !== height) {
        target.width = width;
        target.height = height;
      }
      const out = context2d(target);
      if (effect === 'off') {
        out.drawImage(source, 0, 0, width, height);
        return;
      }
      smallContext.drawImage(source, 0, 0, MASK_WIDTH, MASK_HEIGHT);
      const mask = segmenter.segment(small, performance.now());
      const alpha = maskPixels.data;
      for (let i = 0; i < mask.length; i++) alpha[i * 4 + 3] = mask[i]! * 255;
      maskContext.putImageData(maskPixels, 0, 0);

      out.save();
      out.globalCompositeOperation = 'copy';
      out.drawImage(maskCanvas, 0, 0, width, height);
      out.globalCompositeOperation = 'source-in';
      out.drawImage(source, 0, 0, width, height);
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
        blurredContext.drawImage(source, -2 * r, -2 * r, w + 4 * r, h + 4 * r);
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
    },
    async setEffect(next) {
      await prepareBackdrop(next);
      effect = next;
    },
    close() {
      segmenter.close();
    },
  };
}
