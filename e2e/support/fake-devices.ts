import type { Page } from '@playwright/test';

/**
 * Simulates the environment, never the widget: a machine without a camera, or with devices that
 * another app holds, by answering getUserMedia and enumerateDevices the way the browser would. The
 * widget's own code runs unchanged on top.
 */
export async function simulateDevices(
  page: Page,
  options: { camera?: 'absent' | 'busy' | 'denied'; microphone?: 'busy' },
): Promise<void> {
  await page.addInitScript((o) => {
    const devices = navigator.mediaDevices;
    // Firefox runs init scripts in the first about:blank too, which has no mediaDevices.
    if (!devices) return;
    const getUserMedia = devices.getUserMedia.bind(devices);
    const enumerate = devices.enumerateDevices.bind(devices);
    const fail = (name: string) => Promise.reject(new DOMException(`simulated: ${name}`, name));
    devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      if (constraints?.audio && o.microphone === 'busy') return fail('NotReadableError');
      if (constraints?.video && o.camera === 'absent') return fail('NotFoundError');
      if (constraints?.video && o.camera === 'busy') return fail('NotReadableError');
      // The customer allowed the microphone but refused the camera in the browser's prompt.
      if (constraints?.video && o.camera === 'denied') return fail('NotAllowedError');
      return getUserMedia(constraints);
    };
    devices.enumerateDevices = async () =>
      (await enumerate()).filter((d) => !(o.camera === 'absent' && d.kind === 'videoinput'));
  }, options);
}

/**
 * Unplugs the camera in the middle of a call: it disappears from enumerateDevices, cannot be opened
 * again, and its live track ends (what the browser does when a USB camera is pulled out).
 */
export async function installUnplug(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const getUserMedia = devices.getUserMedia.bind(devices);
    const enumerate = devices.enumerateDevices.bind(devices);
    const unplugged = new Set<string>();
    const live: MediaStreamTrack[] = [];
    devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      if (constraints?.video && unplugged.has('videoinput')) {
        throw new DOMException('simulated: unplugged', 'NotFoundError');
      }
      const stream = await getUserMedia(constraints);
      live.push(...stream.getTracks());
      return stream;
    };
    devices.enumerateDevices = async () =>
      (await enumerate()).filter((d) => !unplugged.has(d.kind));
    (window as unknown as { unplug: (kind: 'audio' | 'video') => string[] }).unplug = (kind) => {
      if (kind === 'video') unplugged.add('videoinput');
      const ended = live.filter((t) => t.kind === kind && t.readyState === 'live');
      for (const track of ended) {
        // stop() alone fires no event; a pulled-out device ends the track and fires `ended`.
        track.stop();
        track.dispatchEvent(new Event('ended'));
      }
      devices.dispatchEvent(new Event('devicechange'));
      return ended.map((t) => t.label);
    };
  });
}
