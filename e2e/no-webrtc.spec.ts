import { test, expect, type Browser, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { firefoxLaunchOptions, firefoxUserPrefs } from '../playwright.config';
import { uniqueName } from './support/agent-console';
import { expectNoAxeViolations } from './support/axe';
import { contactsOf } from './support/emulator-contacts';
import { liveMediaTracks, recordMediaTracks } from './support/media-tracks';

/**
 * A browser that cannot make calls: no WebRTC, as in Debian's WebKitGTK, many embedded web views,
 * and browsers whose user turned it off. The widget finds out by feature detection, so taking the
 * APIs away shows the same path everywhere: in Chromium an init script removes them before the page
 * runs; in Firefox the preference privacy guides recommend (`media.peerconnection.enabled`) does.
 */
let ownBrowser: Browser | undefined;
test.afterEach(async () => {
  await ownBrowser?.close();
  ownBrowser = undefined;
});

async function pageWithoutWebRtc(
  browserName: string,
  page: Page,
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
): Promise<Page> {
  if (browserName === 'firefox') {
    ownBrowser = await playwright.firefox.launch({
      ...firefoxLaunchOptions,
      channel: 'moz-firefox',
      firefoxUserPrefs: { ...firefoxUserPrefs, 'media.peerconnection.enabled': false },
    });
    page = await (await ownBrowser.newContext({ baseURL })).newPage();
  } else {
    await page.addInitScript(() => {
      const page = window as unknown as Record<string, unknown>;
      for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCRtpSender'])
        delete page[name];
    });
  }
  await recordMediaTracks(page);
  return page;
}

test('without WebRTC the panel says at once that this browser cannot call, what to do instead, tells the host, and asks nothing of the devices or the service', async ({
  browserName,
  page: defaultPage,
  playwright,
  baseURL,
}) => {
  const page = await pageWithoutWebRtc(browserName, defaultPage, playwright, baseURL!);
  const name = uniqueName('NoWebRTC');
  const sessionRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/session')) sessionRequests.push(request.url());
  });
  await page.goto(
    `/e2e/fixtures/spa.html?embed=mount&displayName=${encodeURIComponent(name)}&otherChannelsUrl=/contact-us`,
  );
  expect(await page.evaluate(() => typeof window.RTCPeerConnection)).toBe('undefined');

  await page.getByRole('button', { name: 'Video call' }).click();
  const unsupported = page.locator('[data-unsupported]');
  await expect(unsupported.getByRole('alert')).toHaveText('This browser cannot make video calls.');
  await expect(unsupported.getByRole('alert')).toBeFocused();
  await expect(unsupported).toContainText(
    'Open this page in an up-to-date Chrome, Edge, Firefox or Safari, or contact us another way.',
  );
  await expect(unsupported.getByRole('link', { name: 'Other ways to contact us' })).toHaveAttribute(
    'href',
    '/contact-us',
  );
  await expect(page.getByRole('button', { name: 'Start video call' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'error: no WebRTC', '#app');

  // The host hears it once, as an error with the code it can switch on.
  const errors = () =>
    page.evaluate(() => window.spa.events.filter((event) => event.name === 'error'));
  await expect
    .poll(errors)
    .toEqual([
      { name: 'error', detail: { code: 'unsupported-browser', message: expect.any(String) } },
    ]);

  // The host's own start() cannot get past it either: no request, no call state, no contact.
  await page.evaluate(() => window.spa.widget!.start());
  await expect(page.locator('.connect-video-panel')).toHaveAttribute('data-state', 'idle');
  expect(
    await page.evaluate(() => window.spa.events.filter((event) => event.name === 'state')),
  ).not.toContainEqual(expect.objectContaining({ detail: { state: 'requesting' } }));
  expect(sessionRequests).toEqual([]);
  expect(await contactsOf(page.request, name)).toEqual([]);
  expect(await liveMediaTracks(page)).toEqual({ obtained: 0, live: 0 });
  expect(await errors()).toHaveLength(1);
});
