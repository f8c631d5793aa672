const shimmed = new WeakSet<HTMLVideoElement>();

/**
 * Lets the Chime SDK see the first frame of this video element, but not count every later one.
 *
 * The SDK's VideoElementFrameMonitor (amazon-chime-sdk-js `videotile/VideoElementFrameMonitor`)
 * asks `requestVideoFrameCallback` for every frame of every bound element, to compute a rendering
 * frame rate, and each request wakes the page's main thread once per frame. For the local tile
 * that rate is thrown away (`DefaultVideoTileController.handleVideoElementFrameMetrics` returns
 * early for it), so on the self view the per-frame requests are pure cost: measured with
 * `npm run bench`, they are a large part of a quiet call's main-thread time.
 *
 * A request made from inside one of the element's own frame callbacks is the monitor re-arming
 * itself: it is dropped. Any other request (the first-frame check of a new binding) goes through.
 */
export function firstFramesOnly(element: HTMLVideoElement): void {
  if (shimmed.has(element) || typeof element.requestVideoFrameCallback !== 'function') return;
  shimmed.add(element);
  const request = element.requestVideoFrameCallback.bind(element);
  let inCallback = false;
  element.requestVideoFrameCallback = (callback: VideoFrameRequestCallback): number => {
    if (inCallback) return 0;
    return request((now, metadata) => {
      inCallback = true;
      try {
        callback(now, metadata);
      } finally {
        inCallback = false;
      }
    });
  };
}
