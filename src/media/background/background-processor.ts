import type { VideoFrameBuffer, VideoFrameProcessor } from 'amazon-chime-sdk-js';
import type { BackgroundProblem } from '../../core/background-effect';
import { CanvasVideoFrameBuffer } from '../chime-sdk-video';
import { FIRST_FRAME_MS, STALL_MS, WAIT_MS, type BackgroundWorker } from './background-worker';

/**
 * The widest picture the effect sends: the SDK's camera is 960×540; the worker's compositor costs
 * in proportion to the pixels (`npm run bench`, "background").
 */
const MAX_WIDTH = 640;

/**
 * The Chime SDK's frame processor for the background effect. The SDK's pipeline draws each camera
 * frame on a canvas; the processor hands it to the effect's worker and puts what comes back on a
 * canvas of its own (a bitmaprenderer: the worker's bitmap is shown, not copied). The main thread
 * only copies the frame once. Until the worker's first frame, the pipeline waits (nothing of the
 * unprocessed camera goes out); if the worker fails or stalls, `onProblem` turns the effect off
 * and the camera's own frames go out meanwhile.
 */
export class BackgroundProcessor implements VideoFrameProcessor {
  private readonly output = document.createElement('canvas');
  private readonly renderer = this.output.getContext('bitmaprenderer')!;
  private readonly buffer = new CanvasVideoFrameBuffer(this.output);
  /** Whether the worker's first frame came. */
  private started = false;
  /**
   * Since when the worker keeps the caller waiting (undefined while it keeps up): measured from the
   * frames it holds, not from its last one, which after a hidden page's throttled ticks is old.
   */
  private behindSince: number | undefined;
  private stopped = false;

  constructor(
    private readonly worker: BackgroundWorker,
    private readonly onFrame: (renderMs: number, width: number) => void,
    private readonly onProblem: (problem: BackgroundProblem, error?: unknown) => void,
  ) {}

  async process(buffers: VideoFrameBuffer[]): Promise<VideoFrameBuffer[]> {
    const input = buffers[0];
    const canvas = input?.asCanvasElement?.();
    if (!input || !canvas || !canvas.width || this.stopped) return buffers;
    const scale = Math.min(1, MAX_WIDTH / canvas.width);
    const width = Math.round(canvas.width * scale);
    const height = Math.round(canvas.height * scale);
    let rendered;
    try {
      rendered = await this.worker.render(
        canvas,
        width,
        height,
        this.started ? WAIT_MS : FIRST_FRAME_MS,
      );
    } catch (error) {
      return this.stop(buffers, 'failed', error);
    }
    if (rendered) {
      // The SDK's pipeline reads the canvas's size, not the bitmap's.
      if (this.output.width !== width || this.output.height !== height) {
        this.output.width = width;
        this.output.height = height;
      }
      this.renderer.transferFromImageBitmap(rendered.frame);
      this.started = true;
      this.behindSince = undefined;
      this.onFrame(rendered.renderMs, width);
    } else {
      this.behindSince ??= performance.now() - WAIT_MS;
      if (!this.started || performance.now() - this.behindSince > STALL_MS)
        return this.stop(buffers, 'too-slow');
    }
    return [this.buffer];
  }

  private stop(buffers: VideoFrameBuffer[], problem: BackgroundProblem, error?: unknown) {
    this.stopped = true;
    this.onProblem(problem, error);
    return buffers;
  }

  async destroy(): Promise<void> {
    this.buffer.destroy();
  }
}
