/**
 * What the page and the background effect's worker (segmentation-worker.ts) say to each other.
 * Frames travel as transferred ImageBitmaps: nothing is copied between the threads.
 */
import type { BackgroundEffect } from '../../core/background-effect';

/** The effect's files, by URL: the worker fetches them itself. */
export interface SegmenterFiles {
  wasmLoader: string;
  wasmBinary: string;
  model: string;
}

/** A replacement image: a built-in one the worker draws, or a host's image decoded by the page. */
export type BackdropImage = { builtIn: string } | ImageBitmap;

export type ToWorker =
  | { type: 'start'; files: SegmenterFiles }
  | { type: 'effect'; effect: BackgroundEffect; backdrop?: BackdropImage }
  | { type: 'frame'; id: number; frame: ImageBitmap; timestampMs: number };

export type FromWorker =
  /** The worker's script has run and it listens. */
  | { type: 'loaded' }
  /** The segmenter is ready for frames. */
  | { type: 'ready' }
  | { type: 'frame'; id: number; frame: ImageBitmap; renderMs: number }
  | { type: 'failed'; message: string };
