import { ImageSegmenter } from '@mediapipe/tasks-vision';
import { model, wasmBinary, wasmLoader } from './background-assets';

/** The model's own input size (landscape, 256×144): the picture is scaled to it before inference. */
export const MASK_WIDTH = 256;
export const MASK_HEIGHT = 144;

export interface Segmenter {
  /** How likely each pixel of `source` (MASK_WIDTH × MASK_HEIGHT) shows the person, 0 to 1. */
  segment(source: HTMLCanvasElement | OffscreenCanvas, timestampMs: number): Float32Array;
  close(): void;
}

/** The files fetched to turn the effect on (their URLs, beside the widget's chunks). */
export const segmenterFiles = (): string[] => [wasmLoader, wasmBinary, model];

/**
 * MediaPipe's image segmenter with the selfie segmentation model, on the CPU (WebAssembly SIMD,
 * XNNPACK). The GPU delegate was measured at 2 frames a second where WebGL is software (SwiftShader,
 * as on machines without a GPU), the CPU at 30 to 40 (npm run bench, "background").
 */
export async function createSegmenter(): Promise<Segmenter> {
  const segmenter = await ImageSegmenter.createFromOptions(
    { wasmLoaderPath: wasmLoader, wasmBinaryPath: wasmBinary },
    {
      baseOptions: { modelAssetPath: model, delegate: 'CPU' },
      runningMode: 'VIDEO',
      outputConfidenceMasks: true,
      outputCategoryMask: false,
    },
  );
  let last = -1;
  return {
    segment(source, timestampMs) {
      // The segmenter refuses a timestamp that does not increase.
      last = Math.max(last + 1, Math.round(timestampMs));
      let mask: Float32Array | undefined;
      segmenter.segmentForVideo(source as HTMLCanvasElement, last, (result) => {
        mask = result.confidenceMasks?.[0]?.getAsFloat32Array().slice();
      });
      if (!mask) throw new Error('the segmenter gave no mask');
      return mask;
    },
    close() {
      segmenter.close();
    },
  };
}
