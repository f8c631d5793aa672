import type { VideoFrameBuffer, VideoFrameProcessor } from 'amazon-chime-sdk-js';
import { CanvasVideoFrameBuffer } from '../chime-sdk-video';
import type { BackgroundRenderer } from './background-renderer';

/**
 * The Chime SDK's frame processor for the background effect: each frame of the camera, as the
 * SDK's pipeline draws it on a canvas, is rendered with the effect on a canvas of its own. A frame
 * that fails to render goes out as the camera's, and `onError` turns the effect off.
 */
export class BackgroundProcessor implements VideoFrameProcessor {
  private readonly output = document.createElement('canvas');
  private readonly buffer = new CanvasVideoFrameBuffer(this.output);
  private failed = false;

  constructor(
    private readonly renderer: BackgroundRenderer,
    private readonly onFrame: (renderMs: number) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  async process(buffers: VideoFrameBuffer[]): Promise<VideoFrameBuffer[]> {
    const input = buffers[0];
    const canvas = input?.asCanvasElement?.();
    if (!input || !canvas || !canvas.width || this.failed) return buffers;
    const start = performance.now();
    try {
      this.renderer.render(canvas, canvas.width, canvas.height, this.output);
    } catch (error) {
      this.failed = true;
      this.onError(error);
      return buffers;
    }
    this.onFrame(performance.now() - start);
    return [this.buffer];
  }

  async destroy(): Promise<void> {
    this.buffer.destroy();
  }
}
