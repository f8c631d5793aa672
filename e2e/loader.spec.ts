import { test, expect, type Page } from '@playwright/test';
import { fixturePage } from './support/fixture-page';

/** The widget's files the page fetched, in order, with their start time and the load event's end. */
async function widgetRequests(page: Page) {
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    return {
      loadEventEnd: navigation!.loadEventEnd,
      files: performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/widget/'))
        .map((entry) => ({
          file: new URL(entry.name).pathname.replace(/^\/widget\//, ''),
          startTime: entry.startTime,
        })),
    };
  });
}

const fetched = (files: { file: string }[], prefix: string) =>
  files.some(({ file }) => file.startsWith(prefix));

test('the loader alone until the page is idle after load; intent fetches the call, a click opens the panel', async ({
  page,
}) => {
  await page.goto('/?name=Loader');
  const host = page.locator('[data-connect-video-host]');
  const launcher = host.getByRole('button', { name: 'Video call', exact: true });
  await expect(launcher).toBeVisible();

  // The panel arrives once the page is idle after load, and nothing of the widget before load.
  await expect
    .poll(async () => fetched((await widgetRequests(page)).files, 'connect-video-embed'))
    .toBe(true);
  const { files, loadEventEnd } = await widgetRequests(page);
  expect(files[0]!.file).toBe('connect-video.js');
  for (const { file, startTime } of files.slice(1)) {
    expect(startTime, `${file} was requested before load`).toBeGreaterThanOrEqual(loadEventEnd);
  }
  expect(fetched(files, 'chunks/media-module')).toBe(false);

  // Hover: the media chunk is fetched while the customer decides.
  await launcher.hover();
  await expect
    .poll(async () => fetched((await widgetRequests(page)).files, 'chunks/media-module'))
    .toBe(true);

  // Click: the panel replaces the launcher; its close button brings the launcher back, focused.
  await launcher.click();
  const panel = host.locator('.connect-video-panel');
  await expect(panel).toHaveAttribute('data-state', 'idle');
  await expect(launcher).toBeHidden();
  await expect(host.getByRole('button', { name: 'Start video call' })).toBeFocused();
  await host.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toHaveCount(0);
  await expect(launcher).toBeVisible();
  await expect(launcher).toBeFocused();
  expect(await host.getByRole('button', { name: 'Video call', exact: true }).count()).toBe(1);
});

test('a keyboard customer opens the panel before it has loaded, and Escape returns to the launcher', async ({
  page,
}) => {
  // The panel's files answer slowly: the click comes before they have arrived.
  await page.route('**/widget/connect-video-embed.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await fixturePage(
    page,
    '<script src="/widget/connect-video.js" data-token-endpoint="/api/session" data-display-name="Keys"></script>',
  );
  const host = page.locator('[data-connect-video-host]');
  const launcher = host.getByRole('button', { name: 'Video call', exact: true });
  await page.locator('#elsewhere').focus();
  await page.keyboard.press('Tab');
  await expect(launcher).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(host.getByRole('button', { name: 'Start video call' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(host.locator('.connect-video-panel')).toHaveCount(0);
  await expect(launcher).toBeFocused();
});

test('the launcher speaks the language of data-locale, or of the browser', async ({ browser }) => {
  const cases = [
    { dataLocale: 'ja-JP', browserLocale: 'en-US', label: 'ビデオ通話' },
    { dataLocale: 'pt-PT', browserLocale: 'en-US', label: 'Chamada de vídeo' },
    { dataLocale: undefined, browserLocale: 'de-DE', label: 'Videoanruf' },
    { dataLocale: undefined, browserLocale: 'zh-TW', label: '視訊通話' },
    { dataLocale: undefined, browserLocale: 'nl-NL', label: 'Video call' },
  ];
  for (const { dataLocale, browserLocale, label } of cases) {
    const context = await browser.newContext({ locale: browserLocale });
    const page = await context.newPage();
    const locale = dataLocale ? ` data-locale="${dataLocale}"` : '';
    await fixturePage(
      page,
      `<script src="/widget/connect-video.js" data-token-endpoint="/api/session"${locale} async></script>`,
    );
    await expect(
      page.locator('[data-connect-video-host]').getByRole('button', { name: label }),
    ).toBeVisible();
    await context.close();
  }
});

test('calls made before the widget loaded are queued, and data-hide-launcher draws no launcher', async ({
  page,
}) => {
  await fixturePage(
    page,
    '<script src="/widget/connect-video.js" data-token-endpoint="/api/session" data-hide-launcher></script>',
    `<script>
      window.events = [];
      ConnectVideo.on('open', () => window.events.push('open'));
      ConnectVideo.open();
    </script>`,
  );
  const host = page.locator('[data-connect-video-host]');
  await expect(host.locator('.connect-video-panel')).toHaveAttribute('data-state', 'idle');
  await expect(host.locator('[data-control="launcher"]')).toHaveCount(0);
  await expect
    .poll(() => page.evaluate(() => (window as never as { events: string[] }).events))
    .toEqual(['open']);
  const ready = await page.evaluate(async () => typeof (await window.ConnectVideo!.ready).open);
  expect(ready).toBe('function');
  await page.evaluate(() => window.ConnectVideo!.close());
  await expect(host.locator('.connect-video-panel')).toHaveCount(0);
});
