import type { VideoFrameBuffer, VideoFrameProcessor } from 'amazon-chime-sdk-js';
import { CanvasVideoFrameBuffer } from '../chime-sdk-video';
import type { BackgroundRenderer } from './background-renderer';

/**
 * The widest picture the effect sends: the SDK's camera is 960×540; each pass of the compositor
 * costs in proportion to the pixels, on the main thread (`npm run bench`, "background").
 */
const MAX_WIDTH = 640;

/**
 * The Chime SDK's frame processor for the background effect: each frame of the camera, as the
 * SDK's pipeline draws it on a canvas, is rendered with the effect on a canvas of its own. A frame
 * that fails to render goes out as the camera's, and `onError` turns the effect off.
 */
export class BackgroundProcessor implements VideoFrameProcessor {
  private readonly output = document.createElement('canvas');
  /** The SDK's frame, scaled once: the compositor reads it several times. */
  private readonly frame = document.createElement('canvas');
  private readonly buffer = new CanvasVideoFrameBuffer(this.output);
  private failed = false;

  constructor(
    private readonly renderer: BackgroundRenderer,
    private readonly onFrame: (renderMs: number, width: number) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  async process(buffers: VideoFrameBuffer[]): Promise<VideoFrameBuffer[]> {
    const input = buffers[0];
    const canvas = input?.asCanvasElement?.();
    if (!input || !canvas || !canvas.width || this.failed) return buffers;
    const start = performance.now();
    try {
      const scale = Math.min(1, MAX_WIDTH / canvas.width);
      const width = Math.round(canvas.width * scale);
      const height = Math.round(canvas.height * scale);
      if (this.frame.width !== width || this.frame.height !== height) {
        this.frame.width = width;
        this.frame.height = height;
      }
      this.frame.getContext('2d')!.drawImage(canvas, 0, 0, width, height);
      this.renderer.render(this.frame, width, height, this.output);
    } catch (error) {
      this.failed = true;
      this.onError(error);
      return buffers;
    }
    this.onFrame(performance.now() - start, this.output.width);
    return [this.buffer];
  }

  async destroy(): Promise<void> {
    this.buffer.destroy();
  }
}
