type Kind = 'local' | 'remote';

/** The kind of tile each wrapped element shows now: an element can be bound to another tile. */
const quieted = new WeakMap<HTMLVideoElement, { kind: Kind }>();
/** Handles of held callbacks are negative: they never collide with the browser's own. */
let heldHandles = 0;

/**
 * Keeps the Chime SDK's per-frame monitor of a video element from waking the page's main thread
 * for every frame.
 *
 * The SDK's VideoElementFrameMonitor (amazon-chime-sdk-js `videotile/VideoElementFrameMonitor`)
 * checks the first frame of every bound element with `requestVideoFrameCallback`, then re-arms a
 * callback on every later frame to count a render rate. Each of those callbacks makes the browser
 * run the page's whole rendering update (style, layout, paint, compositing) at the video's frame
 * rate; with five remote videos, in a six-party call, that was most of the widget's main-thread
 * time (`npm run bench`, six; a trace showed the lifecycle running once per video frame).
 *
 * - `local`: the SDK throws the self view's rate away
 *   (`DefaultVideoTileController.handleVideoElementFrameMetrics` returns early for it), so after the
 *   first frame nothing goes through.
 * - `remote`: the rate is sent to the media service as a client metric (VIDEO_REMOTE_RENDER_FPS),
 *   so it is kept, counted once a second instead: the monitor's re-armed callback is held, and once
 *   a second one real callback reads how many frames the element presented since the last one
 *   (`presentedFrames`) and hands the held callback that many frames at once. The monitor then
 *   reports each second's rate one second late. Where the browser does not tell `presentedFrames`,
 *   the monitor is left as the SDK made it.
 *
 * A request made outside the element's own frame callbacks (a new binding's first-frame check)
 * always goes through. Called again for the same element (bound to another tile), it changes the
 * kind.
 */
export function quietFrameMonitor(element: HTMLVideoElement, kind: Kind, intervalMs = 1_000): void {
  const known = quieted.get(element);
  if (known) {
    known.kind = kind;
    return;
  }
  if (typeof element.requestVideoFrameCallback !== 'function') return;
  const state = { kind };
  quieted.set(element, state);
  const own = {
    request: element.requestVideoFrameCallback.bind(element),
    cancel: element.cancelVideoFrameCallback.bind(element),
  };
  let inCallback = false;
  let lastPresented: number | undefined;
  let held: { handle: number; callback: VideoFrameRequestCallback } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sampling: number | undefined;

  const run = (
    callback: VideoFrameRequestCallback,
    now: DOMHighResTimeStamp,
    metadata: VideoFrameCallbackMetadata,
    times = 1,
  ) => {
    inCallback = true;
    try {
      for (let i = 0; i < times; i++) callback(now, metadata);
    } finally {
      inCallback = false;
    }
  };

  const sample = () => {
    timer = undefined;
    sampling = own.request((now, metadata) => {
      sampling = undefined;
      const presented = metadata.presentedFrames;
      const frames = lastPresented === undefined ? 1 : Math.max(0, presented - lastPresented);
      lastPresented = presented;
      const waiting = held;
      held = undefined;
      // No new frame (a paused video): nothing to count, the monitor is handed none.
      if (waiting) run(waiting.callback, now, metadata, Math.max(1, frames));
    });
  };

  element.requestVideoFrameCallback = (callback) => {
    if (!inCallback)
      return own.request((now, metadata) => {
        lastPresented = metadata.presentedFrames;
        run(callback, now, metadata);
      });
    if (state.kind === 'local') return 0;
    if (lastPresented === undefined) return own.request(callback);
    held = { handle: --heldHandles, callback };
    timer ??= setTimeout(sample, intervalMs);
    return held.handle;
  };
  element.cancelVideoFrameCallback = (handle) => {
    if (held?.handle !== handle) return own.cancel(handle);
    held = undefined;
    if (timer !== undefined) clearTimeout(timer);
    if (sampling !== undefined) own.cancel(sampling);
    timer = sampling = undefined;
  };
}
