/**
 * The page's side of the background effect's worker (segmentation-worker.ts): starts it, hands it
 * frames and gets them back composed. One frame at a time: a frame is only sent once the previous
 * one came back, so that a worker that falls behind drops the camera's frames instead of queueing
 * them (the picture would lag ever further behind the sound).
 */
import type { Backdrop, BackgroundEffect } from '../../core/background-effect';
import * as files from './background-assets';
import type { BackdropImage, FromWorker, ToWorker } from './worker-messages';

/**
 * How long a caller waits for a frame from the worker before it shows the last one again: about a
 * frame at the camera's 15 a second. A worker that stays behind drops frames (the frame-rate floor
 * then turns the effect off); one that sends nothing at all for STALL_MS has stalled, and the
 * effect turns off at once rather than leave a frozen picture. The first frame is slower (the
 * WebAssembly warms up: up to 0.4 s measured).
 */
export const WAIT_MS = 70;
export const STALL_MS = 3_000;
export const FIRST_FRAME_MS = 10_000;

/** Fetching and compiling the WebAssembly and the model: beyond this, the effect failed to start. */
const START_TIMEOUT_MS = 60_000;

export interface RenderedFrame {
  frame: ImageBitmap;
  /** The worker's time for the frame. */
  renderMs: number;
}

export interface BackgroundWorker {
  /**
   * `source` scaled to `width`×`height` with the effect; undefined when the worker took more than
   * `timeoutMs` (the frame is dropped, and the worker is still busy with it: the next call waits
   * for it). Rejects once the worker failed.
   */
  render(
    source: ImageBitmapSource,
    width: number,
    height: number,
    timeoutMs: number,
  ): Promise<RenderedFrame | undefined>;
  setEffect(effect: BackgroundEffect): Promise<void>;
  close(): void;
}

/** The replacement image of an effect, if it is a replacement. */
export function backdropOf(
  effect: BackgroundEffect,
  backdrops: readonly Backdrop[],
): Backdrop | undefined {
  return effect.startsWith('replace:')
    ? backdrops.find((b) => `replace:${b.id}` === effect)
    : undefined;
}

/** Loads a host's image: CORS, or the canvas it is drawn on would be tainted and send nothing. */
async function loadImage(url: string): Promise<ImageBitmap> {
  const image = new Image();
  image.crossOrigin = 'anonymous';
  image.src = url;
  await image.decode();
  return createImageBitmap(image);
}

/**
 * A worker cannot be started from a script of another origin (the widget's CDN): a module worker
 * from a blob: URL of the page's origin imports it instead. So the worker's origin is the page's
 * and its CSP the page's (a blob: worker inherits its creator's policy): `worker-src` (or
 * `child-src`, or `script-src`) must allow `blob:`, and `script-src` the widget's origin and
 * 'wasm-unsafe-eval' (README, "Background blur and replacement"). The import is dynamic: a static
 * one is part of the worker's own module graph, which `worker-src` would then have to allow too.
 * The worker says 'loaded' once it listens (messages sent earlier would be lost).
 */
function startWorker(): Worker {
  const script = new URL(files.worker, location.href).href;
  // Posts a FromWorker 'failed' message if the import fails.
  const source = `import(${JSON.stringify(script)}).catch((e) =>
    postMessage({ type: 'failed', message: 'its script did not load: ' + e }));`;
  const bootstrap = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return new Worker(bootstrap, { type: 'module', name: 'connect-video-background' });
  } finally {
    // The URL was resolved when the worker was constructed (HTML's "run a worker").
    URL.revokeObjectURL(bootstrap);
  }
}

export async function startBackgroundWorker(
  backdrops: readonly Backdrop[],
  initial: BackgroundEffect,
): Promise<BackgroundWorker> {
  const worker = startWorker();
  const send = (message: ToWorker, transfer: Transferable[] = []) =>
    worker.postMessage(message, transfer);
  let failure: Error | undefined;
  let pending:
    { id: number; resolve: (frame: RenderedFrame) => void; reject: (e: Error) => void } | undefined;
  let inFlight: Promise<RenderedFrame> | undefined;
  let nextId = 0;
  const fail = (error: Error) => {
    failure ??= error;
    pending?.reject(failure);
    pending = undefined;
    worker.terminate();
  };
  const start: ToWorker = {
    type: 'start',
    files: { wasmLoader: files.wasmLoader, wasmBinary: files.wasmBinary, model: files.model },
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(`the background worker failed: ${event.message || 'no message'}`);
      fail(error);
      reject(error);
    };
    worker.onmessage = ({ data }: MessageEvent<FromWorker>) => {
      if (data.type === 'loaded') send(start);
      else if (data.type === 'ready') resolve();
      else if (data.type === 'failed') {
        const error = new Error(`the background worker failed: ${data.message}`);
        fail(error);
        reject(error);
      } else if (pending?.id === data.id) {
        pending.resolve({ frame: data.frame, renderMs: data.renderMs });
        pending = undefined;
      } else {
        data.frame.close();
      }
    };
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('the background worker did not start in time')),
      START_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([ready, late]);
  } catch (error) {
    fail(error as Error);
    throw error;
  } finally {
    clearTimeout(timer);
  }

  let backdropFor: string | undefined;
  const setEffect = async (effect: BackgroundEffect) => {
    const chosen = backdropOf(effect, backdrops);
    let backdrop: BackdropImage | undefined;
    if (chosen && chosen.id !== backdropFor) {
      backdrop = 'url' in chosen.source ? await loadImage(chosen.source.url) : chosen.source;
      backdropFor = chosen.id;
    }
    send({ type: 'effect', effect, backdrop }, backdrop instanceof ImageBitmap ? [backdrop] : []);
  };
  await setEffect(initial);

  return {
    async render(source, width, height, timeoutMs) {
      if (failure) throw failure;
      if (!inFlight) {
        const frame = await createImageBitmap(source, {
          resizeWidth: width,
          resizeHeight: height,
          resizeQuality: 'low',
        });
        if (failure) {
          frame.close();
          throw failure;
        }
        const id = nextId++;
        const done = new Promise<RenderedFrame>((resolve, reject) => {
          pending = { id, resolve, reject };
        });
        inFlight = done;
        void done
          .finally(() => {
            if (inFlight === done) inFlight = undefined;
          })
          .catch(() => undefined);
        send({ type: 'frame', id, frame, timestampMs: performance.now() }, [frame]);
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      });
      try {
        return await Promise.race([inFlight, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    setEffect,
    close() {
      fail(new Error('the background effect was stopped'));
    },
  };
}
