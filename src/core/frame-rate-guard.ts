/**
 * Decides when the background effect cannot keep up: the frames it processed in each window of
 * `windowMs`, counted while the page is visible (a hidden page's timers are throttled, which says
 * nothing of the effect), fall below `floor` a second for `strikes` windows in a row. The first
 * window does not count: the first frames are slow (the WebAssembly warms up; measured up to 0.4 s
 * a frame in `npm run bench`).
 */
export interface FrameRateGuard {
  /** A frame was processed at `nowMs`; true once the effect is too slow. */
  frame(nowMs: number): boolean;
  /** The page was hidden: the current window does not count. */
  pause(): void;
}

export function createFrameRateGuard({
  floor,
  windowMs = 2_000,
  strikes = 3,
}: {
  floor: number;
  windowMs?: number;
  strikes?: number;
}): FrameRateGuard {
  let windowStart: number | undefined;
  let frames = 0;
  let misses = 0;
  let warm = false;
  return {
    frame(nowMs) {
      if (windowStart === undefined) {
        windowStart = nowMs;
        frames = 0;
        return false;
      }
      frames++;
      const elapsed = nowMs - windowStart;
      if (elapsed < windowMs) return false;
      const rate = (frames * 1000) / elapsed;
      if (warm) misses = rate < floor ? misses + 1 : 0;
      warm = true;
      windowStart = nowMs;
      frames = 0;
      return misses >= strikes;
    },
    pause() {
      windowStart = undefined;
    },
  };
}
