import { ImageSegmenter } from '@mediapipe/tasks-vision';
import type { SegmenterFiles } from './worker-messages';

/** The model's own input size (landscape, 256×144): the picture is scaled to it before inference. */
export const MASK_WIDTH = 256;
export const MASK_HEIGHT = 144;

export interface Segmenter {
  /** How likely each pixel of `source` (MASK_WIDTH × MASK_HEIGHT) shows the person, 0 to 1. */
  segment(source: OffscreenCanvas, timestampMs: number): Float32Array;
}

/**
 * MediaPipe's image segmenter with the selfie segmentation model, on the CPU (WebAssembly SIMD,
 * XNNPACK), in the effect's worker. The GPU delegate was measured at 2 frames a second where WebGL
 * is software (SwiftShader, as on machines without a GPU), the CPU at 30 to 40 (npm run bench,
 * "background").
 */
export async function createSegmenter(files: SegmenterFiles): Promise<Segmenter> {
  const segmenter = await ImageSegmenter.createFromOptions(
    { wasmLoaderPath: files.wasmLoader, wasmBinaryPath: files.wasmBinary },
    {
      baseOptions: { modelAssetPath: files.model, delegate: 'CPU' },
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
      segmenter.segmentForVideo(source, last, (result) => {
        mask = result.confidenceMasks?.[0]?.getAsFloat32Array().slice();
      });
      if (!mask) throw new Error('the segmenter gave no mask');
      return mask;
    },
  };
}
