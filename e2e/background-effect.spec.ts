import { test, expect, type Locator, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { fixturePage } from './support/fixture-page';
import { serveWidget } from './support/widget-origin';
import { expectMovingVideo } from './support/video-probe';
import { panel, startWidgetCall, widget } from './support/widget-call';

interface Picture {
  /** Mean absolute luma step between neighbouring pixels: high-frequency detail. */
  detail: number;
  red: number;
  green: number;
  blue: number;
  /** Mean luma of the top 60 % of the picture, and of the bottom 20 %. */
  top: number;
  bottom: number;
}

/**
 * Runs in the page: the picture a video element shows, at 320×180: its detail and mean colour.
 * Chromium's fake camera has sharp edges (a moving pattern, a frame counter) and no person, so the
 * whole picture is background: blurred, its detail falls to a fraction; replaced, it takes the
 * image's colours.
 */
function pictureOf(video: HTMLVideoElement): Picture | undefined {
  if (!video.videoWidth) return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0, 320, 180);
  const { data } = context.getImageData(0, 0, 320, 180);
  const luma = (i: number) => (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
  let steps = 0;
  let count = 0;
  let red = 0;
  let green = 0;
  let blue = 0;
  let top = 0;
  let bottom = 0;
  for (let y = 0; y < 180; y++) {
    for (let x = 0; x < 320; x++) {
      const i = (y * 320 + x) * 4;
      red += data[i]!;
      green += data[i + 1]!;
      blue += data[i + 2]!;
      if (y < 108) top += luma(i);
      else if (y >= 144) bottom += luma(i);
      if (x < 319) {
        steps += Math.abs(luma(i) - luma(i + 4));
        count++;
      }
    }
  }
  const n = 320 * 180;
  return {
    detail: steps / count,
    red: red / n,
    green: green / n,
    blue: blue / n,
    top: top / (320 * 108),
    bottom: bottom / (320 * 36),
  };
}

/** The median detail of a few samples a quarter of a second apart (the pattern moves). */
async function detailOf(video: Locator): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const picture = await video.evaluate(pictureOf);
    if (picture) samples.push(picture.detail);
    await video.page().waitForTimeout(250);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? NaN;
}

/**
 * Throws, saying why, once the effect has turned itself off (too slow for the machine, or it could
 * not start): then no waiting brings the processed picture, and the failure should say so.
 */
async function effectStillOn(page: Page): Promise<void> {
  const off = widget(page).locator('[data-banner="notice"]', { hasText: 'Background effect off' });
  if (await off.count())
    throw new Error(`the effect turned itself off: "${await off.textContent()}"`);
}

const chooseBackground = async (page: Page, value: string) => {
  const settings = widget(page).getByRole('button', { name: 'Settings', exact: true });
  const picker = widget(page).getByLabel('Background');
  if (!(await picker.isVisible())) await settings.click();
  await picker.selectOption(value);
};

test('with the background blurred the agent receives the camera blurred, and plain again when off', async ({
  page,
  context,
  browserName,
}) => {
  test.skip(
    browserName === 'firefox',
    "Firefox's fake camera is a plain colour that changes: no detail for a blur to take away",
  );
  const name = uniqueName('Background blur');
  const { agent } = await startWidgetCall(page, context, name);
  const received = agent.locator('video[data-role="remote"]').first();
  await expectMovingVideo(received, 'the agent sees the customer');
  const plain = await detailOf(received);
  // Measured about 0.8 (a few sharp edges on a smooth picture); blurred strongly, about 0.2.
  expect(plain).toBeGreaterThan(0.5);

  await chooseBackground(page, 'blur-high');
  await expect
    .poll(
      async () => {
        await effectStillOn(page);
        return detailOf(received);
      },
      {
        message: 'the agent receives the camera blurred: far less detail',
        timeout: 30_000,
      },
    )
    .toBeLessThan(plain * 0.4);
  // Still moving, never a frozen picture.
  await expectMovingVideo(received, 'the blurred video keeps coming');

  await chooseBackground(page, 'off');
  await expect
    .poll(() => detailOf(received), { message: 'off: the plain camera again', timeout: 30_000 })
    .toBeGreaterThan(plain * 0.7);
});

/**
 * The built-in "sea" image: blue, a light sky over a dark blue ground. Neither engine's fake camera
 * is that; Firefox's is one plain colour that cycles through the hues, blue among them, so the
 * colour alone is not enough (a test without 'wasm-unsafe-eval' took Firefox's plain blue camera for
 * the sea): the sky must be lighter than the ground.
 */
const looksLikeSea = (picture: Picture | undefined) =>
  !!picture &&
  picture.blue > picture.red + 40 &&
  picture.blue > picture.green &&
  picture.top > picture.bottom + 30;

test("with a replacement image the agent sees the image's colours, the camera again when off, and the choice survives a reload", async ({
  page,
  context,
}) => {
  const name = uniqueName('Background replace');
  const { agent } = await startWidgetCall(page, context, name);
  const received = agent.locator('video[data-role="remote"]').first();
  await expectMovingVideo(received, 'the agent sees the customer');
  expect(looksLikeSea(await received.evaluate(pictureOf))).toBe(false);

  await chooseBackground(page, 'replace:sea');
  await expect
    .poll(
      async () => {
        await effectStillOn(page);
        return looksLikeSea(await received.evaluate(pictureOf));
      },
      {
        message: "the agent sees the sea image's colours",
        timeout: 30_000,
      },
    )
    .toBe(true);
  await expectMovingVideo(received, 'the replaced video keeps coming');

  await chooseBackground(page, 'off');
  await expect
    .poll(async () => looksLikeSea(await received.evaluate(pictureOf)), {
      message: 'off: the camera again',
      timeout: 30_000,
    })
    .toBe(false);

  // The choice is remembered with the devices: after a reload (the widget rejoins the call) the
  // camera comes back with the same background.
  await chooseBackground(page, 'replace:sea');
  await page.reload();
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call', { timeout: 30_000 });
  await expect
    .poll(
      async () =>
        (
          await Promise.all(
            (await agent.locator('video[data-role="remote"]').all()).map((v) =>
              v.evaluate(pictureOf),
            ),
          )
        ).some(looksLikeSea),
      { message: 'after the reload the agent sees the sea image again', timeout: 45_000 },
    )
    .toBe(true);
  await widget(page).getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(widget(page).getByLabel('Background')).toHaveValue('replace:sea');
});

/** The strict policy of public/fixtures/strict-csp.html, with `extra` in its script-src. */
const strictPolicy = (extra: string, widgetOrigin = '') =>
  [
    "default-src 'self'",
    `script-src 'self'${widgetOrigin}${extra}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self'${widgetOrigin} ws://127.0.0.1:* http://127.0.0.1:*`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');

async function strictPageCall(page: Page, name: string, extra: string, widgetOrigin = '') {
  await fixturePage(
    page,
    `<script src="/fixtures/record-csp-violations.js"></script>
    <script src="${widgetOrigin || '/widget'}/connect-video.js" data-token-endpoint="/api/session"
      data-participant-service-endpoint="/emulator/participant"
      data-display-name="${name}" async></script>`,
    '',
    { 'content-security-policy': strictPolicy(extra, widgetOrigin && ` ${widgetOrigin}`) },
  );
  await widget(page).getByRole('button', { name: 'Video call' }).click();
  await widget(page).getByRole('button', { name: 'Start video call' }).click();
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

test.describe('on a page with a strict Content Security Policy', () => {
  // The page is served by the test (fixturePage), which Local Network Access takes for a public
  // page calling loopback: it would ask the customer (see cdn.spec.ts).
  test.use({ permissions: ['local-network-access'] });

  test("under a strict CSP with 'wasm-unsafe-eval' the effect works, everything from the widget's origin", async ({
    page,
    context,
  }) => {
    const name = uniqueName('Background CSP');
    const agent = await openAgentConsole(context, name);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!['localhost', '127.0.0.1'].includes(new URL(request.url()).hostname))
        elsewhere.push(request.url());
    });
    await strictPageCall(page, name, " 'wasm-unsafe-eval'");
    const received = agent.locator('video[data-role="remote"]').first();
    await expectMovingVideo(received, 'the agent sees the customer');
    await chooseBackground(page, 'replace:sea');
    await expect
      .poll(async () => looksLikeSea(await received.evaluate(pictureOf)), {
        message: 'the sea image under the CSP',
        timeout: 30_000,
      })
      .toBe(true);
    expect(elsewhere).toEqual([]);
    // protobufjs's optional WebAssembly probe in the media chunk is allowed here too; nothing else.
    expect(await violations(page)).toEqual([]);
  });

  test("under a strict CSP without 'wasm-unsafe-eval' the effect turns itself off with a notice, and the agent keeps the plain camera", async ({
    page,
    context,
  }) => {
    const name = uniqueName('Background no wasm');
    const agent = await openAgentConsole(context, name);
    await strictPageCall(page, name, '');
    const received = agent.locator('video[data-role="remote"]').first();
    await expectMovingVideo(received, 'the agent sees the customer');
    await chooseBackground(page, 'replace:sea');
    await expect(widget(page).locator('[data-banner="notice"]')).toContainText(
      'Background effect off: it could not start.',
    );
    await expect(widget(page).getByLabel('Background')).toHaveValue('off');
    await expectMovingVideo(received, 'the agent still sees the customer, never a frozen picture');
    expect(looksLikeSea(await received.evaluate(pictureOf))).toBe(false);
    expect((await violations(page)).every((v) => v.startsWith('script-src wasm-eval '))).toBe(true);
  });

  test("served from a CDN of its own, the effect's files come from the CDN, beside the chunks", async ({
    page,
    context,
  }) => {
    const cdn = await serveWidget({ cors: true });
    try {
      const name = uniqueName('Background CDN');
      const agent = await openAgentConsole(context, name);
      await strictPageCall(page, name, " 'wasm-unsafe-eval'", cdn.url);
      const received = agent.locator('video[data-role="remote"]').first();
      await expectMovingVideo(received, 'the agent sees the customer');
      await chooseBackground(page, 'replace:sea');
      await expect
        .poll(async () => looksLikeSea(await received.evaluate(pictureOf)), {
          message: 'the sea image, with the files from the CDN',
          timeout: 30_000,
        })
        .toBe(true);
      const files = cdn.requests.filter((path) =>
        /\.(wasm|tflite)$|vision_wasm|background-worker/.test(path),
      );
      expect(files.map((path) => path.replace(/-[\w-]{8}\./, '-<hash>.')).sort()).toEqual([
        '/chunks/background-worker-<hash>.js',
        '/chunks/selfie_segmentation_landscape-<hash>.tflite',
        '/chunks/vision_wasm_module_internal-<hash>.js',
        '/chunks/vision_wasm_module_internal-<hash>.wasm',
      ]);
      expect(await violations(page)).toEqual([]);
    } finally {
      await cdn.close();
    }
  });
});
