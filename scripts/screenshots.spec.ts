import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumPath } from '../playwright.config';
import { openAgentConsole } from '../e2e/support/agent-console';
import { simulateDevices } from '../e2e/support/fake-devices';
import { expectMovingVideo } from '../e2e/support/video-probe';

/**
 * Every state of the widget, in both themes, on a desktop and on a phone, into docs/screenshots/
 * as `<viewport>-<theme>-<nn>-<state>.png`. Desktop shots are cropped to the widget's corner of
 * the demo page; phone shots are the whole screen.
 */
const out = resolve(import.meta.dirname, '../docs/screenshots');
mkdirSync(out, { recursive: true });

const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

for (const [device, viewport] of Object.entries(viewports)) {
  for (const theme of ['light', 'dark'] as const) {
    test.describe(`${device} ${theme}`, () => {
      test.use({
        viewport,
        colorScheme: theme,
        isMobile: device === 'phone',
        hasTouch: device === 'phone',
      });

      let index = 0;
      const shot = async (page: Page, state: string) => {
        // Let the video show new frames and transitions settle.
        await page.waitForTimeout(400);
        const name = `${device}-${theme}-${String(++index).padStart(2, '0')}-${state}.png`;
        const clip =
          device === 'desktop'
            ? { x: viewport.width - 560, y: viewport.height - 720, width: 560, height: 720 }
            : undefined;
        await page.screenshot({
          path: resolve(out, name),
          clip,
          animations: 'disabled',
          caret: 'hide',
        });
      };

      test('every state', async ({ page, context, playwright, baseURL }) => {
        index = 0;
        const name = 'Ada Lovelace';
        const widget = page.locator('[data-connect-video-host]');
        const panel = widget.locator('.connect-video-panel');
        await page.goto('/');
        await expect(widget.getByRole('button', { name: 'Video call' })).toBeVisible();
        await shot(page, 'launcher');

        await widget.getByRole('button', { name: 'Video call' }).click();
        await widget.getByLabel('Your name').fill(name);
        await shot(page, 'name-form');

        await widget.getByRole('button', { name: 'Check my devices first' }).click();
        await expectMovingVideo(widget.locator('.connect-video-preview'), 'the preview');
        await expect
          .poll(() => widget.getByRole('meter').getAttribute('aria-valuenow'))
          .not.toBe('0');
        await shot(page, 'device-check');

        await widget.getByRole('button', { name: 'Start video call' }).click();
        await expect(panel).toHaveAttribute('data-state', 'waiting-for-agent');
        await shot(page, 'waiting');

        const agent = await openAgentConsole(context, name);
        await page.bringToFront();
        await expect(panel).toHaveAttribute('data-state', 'in-call');
        await expectMovingVideo(widget.locator('[data-tile="agent"] video'), 'the agent');
        await page.waitForTimeout(1500);
        await shot(page, 'in-call');

        await widget.getByRole('button', { name: 'Mute', exact: true }).click();
        await widget.getByRole('button', { name: 'Keypad' }).click();
        await widget.locator('[data-key="1"]').click();
        await widget.locator('[data-key="#"]').click();
        await expect(widget.getByText('Sent: 1#')).toBeVisible();
        await shot(page, 'keypad');
        await page.keyboard.press('Escape');
        await widget.getByRole('button', { name: 'Unmute' }).click();

        await widget.getByRole('button', { name: 'Settings' }).click();
        await shot(page, 'settings');
        await page.keyboard.press('Escape');

        await widget.getByRole('button', { name: 'Minimize' }).click();
        await shot(page, 'minimized');
        await widget.getByRole('button', { name: 'Show the whole call' }).click();

        await agent.getByRole('button', { name: 'Share my screen' }).click();
        await page.bringToFront();
        await expectMovingVideo(widget.locator('[data-tile="agent-screen"] video'), 'the screen');
        await shot(page, 'agent-screen-share');
        await agent.getByRole('button', { name: 'Share my screen' }).click();
        await page.bringToFront();

        await widget.getByRole('button', { name: 'End call' }).click();
        await expect(panel).toHaveAttribute('data-state', 'ended');
        await shot(page, 'ended');
        await agent.close();

        // The failures, each in a fresh page.
        const fresh = async (setup?: (p: Page) => Promise<void>) => {
          const p = await context.newPage();
          await setup?.(p);
          await p.goto(`/?name=${encodeURIComponent(name)}`);
          return p;
        };
        const noCamera = await fresh((p) => simulateDevices(p, { camera: 'absent' }));
        const w1 = noCamera.locator('[data-connect-video-host]');
        await w1.getByRole('button', { name: 'Video call' }).click();
        await w1.getByRole('button', { name: 'Start video call' }).click();
        await expect(w1.getByRole('alert')).toBeVisible();
        await shot(noCamera, 'error-no-camera');
        await noCamera.close();

        // Chromium without the fake-UI flag refuses the prompt itself, as a customer pressing Block.
        const strict = await playwright.chromium.launch({
          executablePath: chromiumPath,
          args: ['--use-fake-device-for-media-stream', '--no-sandbox'],
        });
        const denied = await strict.newContext({
          baseURL,
          viewport,
          colorScheme: theme,
          isMobile: device === 'phone',
          hasTouch: device === 'phone',
        });
        const deniedPage = await denied.newPage();
        await deniedPage.goto(`/?name=${encodeURIComponent(name)}`);
        const w2 = deniedPage.locator('[data-connect-video-host]');
        await w2.getByRole('button', { name: 'Video call' }).click();
        await w2.getByRole('button', { name: 'Start video call' }).click();
        await expect(w2.getByRole('alert')).toBeVisible();
        await shot(deniedPage, 'error-permission-denied');
        await strict.close();

        const down = await fresh(async (p) => {
          await p.route('**/api/session**', (route) =>
            route.fulfill({ status: 503, contentType: 'application/json', body: '{}' }),
          );
        });
        const w3 = down.locator('[data-connect-video-host]');
        await w3.getByRole('button', { name: 'Video call' }).click();
        await w3.getByRole('button', { name: 'Start video call' }).click();
        await expect(w3.locator('.connect-video-panel')).toHaveAttribute('data-state', 'failed');
        await shot(down, 'error-service-unavailable');
        await down.close();
      });
    });
  }
}
