import { test, expect, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { expectNoAxeViolations } from './support/axe';
import { expectMovingVideo } from './support/video-probe';

const widgetOf = (page: Page) => page.locator('[data-connect-video-host]');

async function startCall(page: Page, name: string) {
  const widget = widgetOf(page);
  await page.goto(`/?name=${encodeURIComponent(name)}`);
  await widget.getByRole('button', { name: 'Video call' }).click();
  await widget.getByRole('button', { name: 'Start video call' }).click();
  await expect(widget.locator('.connect-video-panel')).toHaveAttribute('data-state', 'in-call');
  await expectMovingVideo(widget.locator('[data-tile="agent"] video'), "the agent's video");
  return widget;
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the call takes the whole screen, the controls sit within thumb reach, and turning the phone keeps the call', async ({
    page,
    context,
  }) => {
    const name = uniqueName('Phone');
    await openAgentConsole(context, name);
    await page.bringToFront();
    const widget = await startCall(page, name);
    const panel = widget.locator('.connect-video-panel');
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    const controls = widget.locator('.connect-video-controls button');
    for (const box of await controls.evaluateAll((buttons) =>
      buttons.map((b) => b.getBoundingClientRect().toJSON() as DOMRect),
    )) {
      // Large targets (44 px and up) in the bottom third of the screen, where a thumb reaches.
      expect(box.width).toBeGreaterThanOrEqual(44);
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.top).toBeGreaterThan((844 * 2) / 3);
      expect(box.bottom).toBeLessThanOrEqual(844);
    }
    await expectNoAxeViolations(page, 'phone, in call');

    await page.setViewportSize({ width: 844, height: 390 });
    expect(await panel.boundingBox()).toEqual({ x: 0, y: 0, width: 844, height: 390 });
    await expect(panel).toHaveAttribute('data-state', 'in-call');
    for (const box of await controls.evaluateAll((buttons) =>
      buttons.map((b) => b.getBoundingClientRect().toJSON() as DOMRect),
    )) {
      expect(box.bottom).toBeLessThanOrEqual(390);
      expect(box.right).toBeLessThanOrEqual(844);
    }
    await expectMovingVideo(widget.locator('[data-tile="agent"] video'), 'the video, in landscape');
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(panel).toHaveAttribute('data-state', 'in-call');
    await expectMovingVideo(
      widget.locator('[data-tile="agent"] video'),
      'the video, upright again',
    );
    await widget.getByRole('button', { name: 'End call' }).click();
  });
});

test('minimized, the call shows the agent and the timer, can be dragged or moved by a button, and the agent pops out to picture-in-picture', async ({
  page,
  context,
}) => {
  const name = uniqueName('Minimize');
  await openAgentConsole(context, name);
  await page.bringToFront();
  const widget = await startCall(page, name);
  const panel = widget.locator('.connect-video-panel');

  await widget.getByRole('button', { name: 'Minimize' }).click();
  await expect(panel).toHaveAttribute('data-minimized', 'true');
  await expectMovingVideo(widget.locator('[data-tile="agent"] video'), 'the minimized video');
  await expect(widget.getByRole('timer')).toBeVisible();
  await expect(widget.getByRole('button', { name: 'End call' })).toBeHidden();

  const before = (await panel.boundingBox())!;
  const header = widget.locator('.connect-video-header');
  const grip = (await header.boundingBox())!;
  const start = { x: grip.x + 30, y: grip.y + grip.height / 2 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x - 300, start.y - 200, { steps: 8 });
  await page.mouse.up();
  const dragged = (await panel.boundingBox())!;
  expect(Math.round(before.x - dragged.x)).toBe(300);
  expect(Math.round(before.y - dragged.y)).toBe(200);
  // Never off screen, however far it is dragged.
  await page.mouse.move(start.x - 300, start.y - 200);
  await page.mouse.down();
  await page.mouse.move(-500, -500, { steps: 4 });
  await page.mouse.up();
  const clamped = (await panel.boundingBox())!;
  expect(clamped.x).toBeGreaterThanOrEqual(0);
  expect(clamped.y).toBeGreaterThanOrEqual(0);

  // Without dragging (WCAG 2.5.7): a button moves it from corner to corner.
  await widget.getByRole('button', { name: 'Move to another corner' }).click();
  const moved = (await panel.boundingBox())!;
  expect(moved).not.toEqual(clamped);

  await widget.getByRole('button', { name: 'Show the whole call' }).click();
  await expect(panel).toHaveAttribute('data-minimized', 'false');
  const pip = widget.getByRole('button', { name: 'Picture in picture' });
  await pip.click();
  await expect(pip).toHaveAttribute('aria-pressed', 'true');
  expect(
    await widget.evaluate((host) =>
      (
        host.shadowRoot as ShadowRoot & { pictureInPictureElement: Element | null }
      ).pictureInPictureElement
        ?.closest('[data-tile]')
        ?.getAttribute('data-tile'),
    ),
  ).toBe('agent');
  await pip.click();
  await expect(pip).toHaveAttribute('aria-pressed', 'false');
  await widget.getByRole('button', { name: 'End call' }).click();
});

test.describe('languages', () => {
  test.use({ locale: 'ja-JP' });

  test("the browser's language is used, the host's locale option wins, a change switches the language, and the host can override any string", async ({
    page,
  }) => {
    // The custom element from the npm package, no locale option: the browser says Japanese.
    await page.goto('/e2e/fixtures/spa.html?embed=element');
    const element = page.locator('connect-video-call');
    await expect(element.getByRole('button', { name: 'ビデオ通話' })).toBeVisible();
    await expect(element.locator('.connect-video-root')).toHaveAttribute('lang', 'ja-JP');
    await element.getByRole('button', { name: 'ビデオ通話' }).click();
    await expect(element.getByRole('button', { name: 'ビデオ通話を開始' })).toBeVisible();
    await expectNoAxeViolations(page, 'Japanese name form', 'connect-video-call');

    // The host sets a locale: German (the idle widget switches at once).
    await element.evaluate((el) => el.setAttribute('locale', 'de-DE'));
    await expect(element.getByRole('button', { name: 'Videoanruf' })).toBeVisible();
    await element.getByRole('button', { name: 'Videoanruf' }).click();
    await expect(element.getByRole('button', { name: 'Videoanruf starten' })).toBeVisible();
    await expect(element.getByLabel('Ihr Name')).toBeFocused();

    // A variant we do not have falls back to its language: Brazilian Portuguese for pt-PT.
    await element.evaluate((el) => el.setAttribute('locale', 'pt-PT'));
    await expect(element.getByRole('button', { name: 'Chamada de vídeo' })).toBeVisible();

    // Host overrides sit on top of whichever language is chosen.
    await element.evaluate((el) => {
      (el as HTMLElement & { messages: Record<string, string> }).messages = {
        launcherLabel: 'Falar com um consultor',
      };
    });
    await expect(element.getByRole('button', { name: 'Falar com um consultor' })).toBeVisible();
  });
});
