import type { Page } from '@playwright/test';

/**
 * Records every camera, microphone and screen track the page obtains, so a test can tell whether
 * any is still live (the browser's camera light would still be on).
 */
export async function recordMediaTracks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tracks: MediaStreamTrack[] = [];
    (window as unknown as { __mediaTracks: MediaStreamTrack[] }).__mediaTracks = tracks;
    const devices = navigator.mediaDevices;
    if (!devices) return;
    for (const method of ['getUserMedia', 'getDisplayMedia'] as const) {
      const original = devices[method].bind(devices) as (
        c?: MediaStreamConstraints,
      ) => Promise<MediaStream>;
      devices[method] = (async (constraints?: MediaStreamConstraints) => {
        const stream = await original(constraints);
        tracks.push(...stream.getTracks());
        return stream;
      }) as never;
    }
  });
}

export async function liveMediaTracks(page: Page): Promise<{ obtained: number; live: number }> {
  return page.evaluate(() => {
    const tracks = (window as unknown as { __mediaTracks: MediaStreamTrack[] }).__mediaTracks ?? [];
    return { obtained: tracks.length, live: tracks.filter((t) => t.readyState === 'live').length };
  });
}
