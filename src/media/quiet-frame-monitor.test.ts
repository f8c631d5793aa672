import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VideoElementFrameMonitor } from 'amazon-chime-sdk-js';
import { quietFrameMonitor } from './quiet-frame-monitor';

/** A video element's frame callbacks, presenting frames when the test says. */
class FakeVideo {
  presentedFrames = 0;
  /** Callbacks the browser was really asked for (the main thread woken once per frame each). */
  requests = 0;
  private nextHandle = 1;
  private queued = new Map<number, VideoFrameRequestCallback>();
  constructor(private readonly tellsPresentedFrames = true) {}

  requestVideoFrameCallback(callback: VideoFrameRequestCallback): number {
    this.requests += 1;
    this.queued.set(this.nextHandle, callback);
    return this.nextHandle++;
  }

  cancelVideoFrameCallback(handle: number): void {
    this.queued.delete(handle);
  }

  /** `count` frames at `fps`, the clock moving with them. */
  present(count: number, fps = 30): void {
    for (let i = 0; i < count; i++) {
      vi.advanceTimersByTime(1000 / fps);
      this.presentedFrames += 1;
      const due = [...this.queued.values()];
      this.queued.clear();
      const metadata = (
        this.tellsPresentedFrames ? { presentedFrames: this.presentedFrames } : {}
      ) as VideoFrameCallbackMetadata;
      for (const callback of due) callback(performance.now(), metadata);
    }
  }
}

/** The SDK's own monitor on the element, recording what it reports. */
function monitor(video: FakeVideo) {
  const seen = { firstFrame: 0, fps: [] as number[] };
  new VideoElementFrameMonitor().start(video as unknown as HTMLVideoElement, {
    firstVideoElementFrameDidRender: () => (seen.firstFrame += 1),
    videoElementFrameMetricsDidReceive: ({ fps }) => seen.fps.push(fps),
  });
  return seen;
}

beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => void vi.useRealTimers());

describe('quietFrameMonitor', () => {
  it('without it, the SDK asks for a callback on every frame (what this saves)', () => {
    const video = new FakeVideo();
    const seen = monitor(video);
    video.present(300);
    expect(seen.firstFrame).toBe(1);
    expect(video.requests).toBeGreaterThanOrEqual(300);
    expect(seen.fps.at(-1)).toBeGreaterThanOrEqual(29);
  });

  it('local: the first frame is seen, and no request follows it', () => {
    const video = new FakeVideo();
    quietFrameMonitor(video as unknown as HTMLVideoElement, 'local');
    const seen = monitor(video);
    video.present(300);
    expect(seen.firstFrame).toBe(1);
    expect(video.requests).toBe(1);
  });

  it('remote: one request a second, and the SDK still reports the frame rate', () => {
    const video = new FakeVideo();
    quietFrameMonitor(video as unknown as HTMLVideoElement, 'remote');
    const seen = monitor(video);
    video.present(300); // ten seconds at 30 fps
    expect(seen.firstFrame).toBe(1);
    expect(video.requests).toBeLessThanOrEqual(11);
    // Each second's rate, reported a second late; the first window is still filling.
    const settled = seen.fps.slice(2);
    expect(settled.length).toBeGreaterThanOrEqual(5);
    for (const fps of settled) expect(Math.abs(fps - 30)).toBeLessThanOrEqual(3);
  });

  it('remote: a slower video is counted as slower', () => {
    const video = new FakeVideo();
    quietFrameMonitor(video as unknown as HTMLVideoElement, 'remote');
    const seen = monitor(video);
    video.present(100, 10); // ten seconds at 10 fps
    const rates = seen.fps.slice(2);
    expect(rates.length).toBeGreaterThanOrEqual(5);
    for (const fps of rates) expect(Math.abs(fps - 10)).toBeLessThanOrEqual(2);
  });

  it('remote: a monitor that stops is not called again', () => {
    const video = new FakeVideo();
    quietFrameMonitor(video as unknown as HTMLVideoElement, 'remote');
    const sdkMonitor = new VideoElementFrameMonitor();
    const fps: number[] = [];
    sdkMonitor.start(video as unknown as HTMLVideoElement, {
      videoElementFrameMetricsDidReceive: (metrics) => fps.push(metrics.fps),
    });
    video.present(90);
    sdkMonitor.stop();
    const reported = fps.length;
    const requests = video.requests;
    video.present(300);
    expect(fps.length).toBe(reported);
    expect(video.requests).toBe(requests);
  });

  it('remote, where the browser does not tell presented frames: the SDK’s monitor as it was', () => {
    const video = new FakeVideo(false);
    quietFrameMonitor(video as unknown as HTMLVideoElement, 'remote');
    const seen = monitor(video);
    video.present(300);
    expect(video.requests).toBeGreaterThanOrEqual(300);
    expect(seen.fps.at(-1)).toBeGreaterThanOrEqual(29);
  });
});
