/**
 * The background effect's chunk, loaded only when the customer turns the effect on: the Chime
 * SDK's video transform device around the effect's worker (segmentation-worker.ts, its own chunk:
 * the segmenter and the compositor run there), and the device check's preview. The worker's files
 * (WebAssembly, model) are fetched from beside the widget's chunks.
 */
import type { Logger } from 'amazon-chime-sdk-js';
import type { Backdrop, BackgroundEffect, BackgroundProblem } from '../../core/background-effect';
import { createFrameRateGuard } from '../../core/frame-rate-guard';
import { DefaultVideoTransformDevice } from '../chime-sdk-video';
import { BackgroundProcessor } from './background-processor';
import {
  FIRST_FRAME_MS,
  STALL_MS,
  startBackgroundWorker,
  WAIT_MS,
  type BackgroundWorker,
} from './background-worker';

/** Below this many processed frames a second the effect turns itself off (a jerky, late picture). */
export const FRAME_RATE_FLOOR = 10;

declare global {
  interface Window {
    /** The effect's figures: only in the benchmark's `profile` build. */
    __connectVideoBackgroundWorker?: typeof startBackgroundWorker;
    __connectVideoBackground?: {
      toggledAt: number;
      firstFrameAt?: number;
      problem?: BackgroundProblem;
      width?: number;
      frames: number;
      renderMs: number;
    };
  }
}
declare const __CONNECT_VIDEO_PROFILE__: boolean | undefined;
const profiling = typeof __CONNECT_VIDEO_PROFILE__ !== 'undefined' && __CONNECT_VIDEO_PROFILE__;

export interface BackgroundOptions {
  effect: BackgroundEffect;
  backdrops: readonly Backdrop[];
  /** The effect failed or could not keep up: it has stopped processing; the caller goes plain. */
  onProblem: (problem: BackgroundProblem) => void;
}

/** Counts the effect's frames, turns it off below the floor, and keeps the bench's figures. */
function frameMonitor(onProblem: (problem: BackgroundProblem) => void) {
  const guard = createFrameRateGuard({ floor: FRAME_RATE_FLOOR });
  const stats = profiling
    ? (window.__connectVideoBackground = {
        toggledAt: performance.now(),
        frames: 0,
        renderMs: 0,
      } as NonNullable<Window['__connectVideoBackground']>)
    : undefined;
  let stopped = false;
  const visibility = () => guard.pause();
  document.addEventListener('visibilitychange', visibility);
  return {
    frame(renderMs: number, width: number) {
      if (stats) {
        stats.width = width;
        stats.firstFrameAt ??= performance.now();
        stats.frames++;
        stats.renderMs += renderMs;
      }
      if (document.hidden) return guard.pause();
      if (!stopped && guard.frame(performance.now())) {
        stopped = true;
        if (stats) stats.problem = 'too-slow';
        onProblem('too-slow');
      }
    },
    problem(problem: BackgroundProblem, error?: unknown) {
      if (error) console.error('[connect-video] the background effect failed:', error);
      if (stats) stats.problem = problem;
      if (!stopped) onProblem(problem);
      stopped = true;
    },
    stop() {
      stopped = true;
      document.removeEventListener('visibilitychange', visibility);
    },
  };
}

export interface BackgroundDevice {
  /** What to give the SDK's startVideoInput. */
  readonly device: DefaultVideoTransformDevice;
  setEffect(effect: BackgroundEffect): Promise<void>;
  /** The same effect on another camera. */
  withCamera(deviceId: string): DefaultVideoTransformDevice;
  /** Once the SDK no longer uses the device. */
  stop(): Promise<void>;
}

/** The camera `deviceId` with the effect, as a Chime SDK video transform device. */
export async function createBackgroundDevice(
  logger: Logger,
  deviceId: string,
  options: BackgroundOptions,
): Promise<BackgroundDevice> {
  const monitor = frameMonitor(options.onProblem);
  let worker: BackgroundWorker;
  try {
    worker = await startBackgroundWorker(options.backdrops, options.effect);
  } catch (error) {
    monitor.stop();
    throw error;
  }
  const processor = new BackgroundProcessor(
    worker,
    (ms, width) => monitor.frame(ms, width),
    (problem, error) => monitor.problem(problem, error),
  );
  let device = new DefaultVideoTransformDevice(logger, deviceId, [processor]);
  return {
    get device() {
      return device;
    },
    setEffect: (effect) => worker.setEffect(effect),
    withCamera(id) {
      device = device.chooseNewInnerDevice(id);
      return device;
    },
    async stop() {
      monitor.stop();
      await device.stop();
      worker.close();
    },
  };
}

export interface BackgroundPreview {
  /** The camera with the effect, for the device check's preview. */
  readonly stream: MediaStream;
  setEffect(effect: BackgroundEffect): Promise<void>;
  stop(): void;
}

const PREVIEW_FPS = 15;
const PREVIEW_MAX_WIDTH = 640;

/** The device check's preview with the effect: the camera's frames through the worker, captured. */
export async function createBackgroundPreview(
  track: MediaStreamTrack,
  options: BackgroundOptions,
): Promise<BackgroundPreview> {
  const monitor = frameMonitor(options.onProblem);
  const worker = await startBackgroundWorker(options.backdrops, options.effect).catch(
    (error: unknown) => {
      monitor.stop();
      throw error;
    },
  );
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  await video.play().catch(() => undefined);
  const output = document.createElement('canvas');
  const scale = Math.min(1, PREVIEW_MAX_WIDTH / (video.videoWidth || PREVIEW_MAX_WIDTH));
  output.width = Math.round((video.videoWidth || 640) * scale);
  output.height = Math.round((video.videoHeight || 360) * scale);
  const context = output.getContext('2d')!;
  let failed = false;
  let stopped = false;
  let started = false;
  // As in background-processor.ts: since when the worker keeps the preview waiting.
  let behindSince: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const draw = async () => {
    const start = performance.now();
    if (video.videoWidth && !failed) {
      try {
        const rendered = await worker.render(
          video,
          output.width,
          output.height,
          started ? WAIT_MS : FIRST_FRAME_MS,
        );
        if (rendered) {
          context.drawImage(rendered.frame, 0, 0);
          rendered.frame.close();
          started = true;
          behindSince = undefined;
          monitor.frame(rendered.renderMs, output.width);
        } else {
          behindSince ??= performance.now() - WAIT_MS;
          if (!started || performance.now() - behindSince > STALL_MS) {
            failed = true;
            monitor.problem('too-slow');
          }
        }
      } catch (error) {
        failed = true;
        if (!stopped) monitor.problem('failed', error);
      }
    }
    if (failed && video.videoWidth) context.drawImage(video, 0, 0, output.width, output.height);
    if (stopped) return;
    timer = setTimeout(draw, Math.max(0, 1000 / PREVIEW_FPS - (performance.now() - start)));
  };
  void draw();
  const stream = output.captureStream(PREVIEW_FPS);
  return {
    stream,
    setEffect: (effect) => worker.setEffect(effect),
    stop() {
      stopped = true;
      clearTimeout(timer);
      monitor.stop();
      for (const t of stream.getTracks()) t.stop();
      video.srcObject = null;
      worker.close();
    },
  };
}

// For `npm run bench` (bench/background.ts), the worker alone at a given size: the chunk's own
// export names are shortened by the build.
if (profiling) window.__connectVideoBackgroundWorker = startBackgroundWorker;
