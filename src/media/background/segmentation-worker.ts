/**
 * The background effect's worker: MediaPipe's segmenter and the compositor, off the page's main
 * thread (a widget must not take the host page's main thread: on it, the effect took 485 to 645 ms
 * of each second of a call, `npm run bench`). The page hands it each frame as a transferred
 * ImageBitmap and gets the composed frame back the same way. Imported by a blob: worker that
 * background-worker.ts starts, so that it runs whatever the origin the widget is served from,
 * under the page's CSP.
 */
import { createBackgroundCompositor, type BackgroundCompositor } from './background-compositor';
import { createSegmenter } from './segmenter';
import type { FromWorker, ToWorker } from './worker-messages';

// The DOM's types, not the WebWorker lib's (one tsconfig for the whole widget): only these two.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
};

// The page ends the worker with terminate(): the segmenter's memory goes with it.
let compositor: BackgroundCompositor | undefined;
const failed = (error: unknown) =>
  scope.postMessage({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
  });

scope.onmessage = ({ data }) => {
  switch (data.type) {
    case 'start':
      void createSegmenter(data.files).then((segmenter) => {
        compositor = createBackgroundCompositor(segmenter);
        scope.postMessage({ type: 'ready' });
      }, failed);
      return;
    case 'effect':
      // Messages keep their order; the page sends effects only after 'ready'.
      compositor?.setEffect(data.effect, data.backdrop);
      return;
    case 'frame': {
      const start = performance.now();
      try {
        if (!compositor) throw new Error('a frame before the segmenter was ready');
        const frame = compositor.render(data.frame, data.timestampMs);
        const renderMs = performance.now() - start;
        scope.postMessage({ type: 'frame', id: data.id, frame, renderMs }, [frame]);
      } catch (error) {
        failed(error);
      } finally {
        data.frame.close();
      }
      return;
    }
  }
};

scope.postMessage({ type: 'loaded' });
