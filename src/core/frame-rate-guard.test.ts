import { describe, expect, it } from 'vitest';
import { createFrameRateGuard } from './frame-rate-guard';

/** Frames at `fps` for `ms`, from `start`; whether the guard called it too slow. */
const run = (
  guard: ReturnType<typeof createFrameRateGuard>,
  fps: number,
  ms: number,
  start = 0,
) => {
  let tooSlow = false;
  for (let t = start; t < start + ms; t += 1000 / fps) tooSlow = guard.frame(t) || tooSlow;
  return tooSlow;
};

describe('createFrameRateGuard', () => {
  it('lets a rate at or above the floor run for good', () => {
    const guard = createFrameRateGuard({ floor: 10 });
    expect(run(guard, 12, 60_000)).toBe(false);
  });

  it('calls it too slow after `strikes` windows in a row below the floor, the first one aside', () => {
    const guard = createFrameRateGuard({ floor: 10, windowMs: 2_000, strikes: 2 });
    // The first window (warming up) and one more below the floor: not yet.
    expect(run(guard, 6, 4_500)).toBe(false);
    expect(run(guard, 6, 2_500, 4_500)).toBe(true);
  });

  it('by default gives up after the warm-up and three slow windows of 2 s', () => {
    const guard = createFrameRateGuard({ floor: 10 });
    expect(run(guard, 5, 7_500)).toBe(false);
    expect(run(guard, 5, 1_000, 7_500)).toBe(true);
  });

  it('forgives one slow window between good ones', () => {
    const guard = createFrameRateGuard({ floor: 10, windowMs: 2_000, strikes: 2 });
    let t = 0;
    for (const fps of [20, 5, 20, 5, 20]) {
      expect(run(guard, fps, 2_100, t)).toBe(false);
      t += 2_100;
    }
  });

  it('does not count the time the page was hidden', () => {
    const guard = createFrameRateGuard({ floor: 10, windowMs: 2_000, strikes: 2 });
    expect(run(guard, 15, 3_000)).toBe(false);
    guard.pause();
    // A hidden page's timers ran once a second; visible again, frames come at 15 a second.
    expect(run(guard, 15, 6_000, 60_000)).toBe(false);
  });
});
