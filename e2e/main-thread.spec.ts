import { test, expect, type Page } from '@playwright/test';
import { startWidgetCall, widget } from './support/widget-call';
import { uniqueName } from './support/agent-console';
import { expectMovingVideo } from './support/video-probe';

/** Frame callbacks the page's video elements asked the browser for, by tile. */
async function frameRequestsByTile(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const counts = (window as unknown as { __frameRequests: Map<HTMLVideoElement, number> })
      .__frameRequests;
    const byTile: Record<string, number> = {};
    for (const [element, count] of counts) {
      const tile = element.closest('[data-tile]')?.getAttribute('data-tile') ?? 'other';
      byTile[tile] = (byTile[tile] ?? 0) + count;
    }
    return byTile;
  });
}

test('the videos do not wake the main thread for each frame', async ({ page, context }) => {
  await page.addInitScript(() => {
    const counts = new Map<HTMLVideoElement, number>();
    (window as unknown as { __frameRequests: typeof counts }).__frameRequests = counts;
    const request = HTMLVideoElement.prototype.requestVideoFrameCallback;
    HTMLVideoElement.prototype.requestVideoFrameCallback = function (callback) {
      counts.set(this, (counts.get(this) ?? 0) + 1);
      return request.call(this, callback);
    };
  });
  const { agent } = await startWidgetCall(page, context, uniqueName('Frames'));
  const self = widget(page).locator('[data-tile="self"] video');
  await expectMovingVideo(self, 'the self view shows the camera');
  await expectMovingVideo(widget(page).locator('[data-tile="agent"] video'), "the agent's video");
  await expectMovingVideo(
    agent.locator('video[data-role="remote"]'),
    'the agent sees the customer',
  );

  const before = await frameRequestsByTile(page);
  await page.waitForTimeout(3_000);
  const after = await frameRequestsByTile(page);
  const during = (tile: string) => (after[tile] ?? 0) - (before[tile] ?? 0);
  // The SDK's first-frame check on the self view was seen: the count sees what the SDK asks for.
  expect(before.self).toBeGreaterThanOrEqual(1);
  // Left alone, the SDK re-arms a callback for every camera frame (about 30 a second here) for a
  // render-rate metric it discards for the local tile: nothing once the first frame is in.
  expect(during('self')).toBe(0);
  // The agent's video: the SDK's render rate is still counted (it is sent to the media service),
  // from one callback a second instead of one per frame (src/media/quiet-frame-monitor.ts).
  expect(during('agent')).toBeGreaterThanOrEqual(1);
  expect(during('agent')).toBeLessThanOrEqual(6);

  // Camera off and on: the new self view still gets its first frame, and the camera is sent again.
  await widget(page).getByRole('button', { name: 'Turn camera off' }).click();
  await expect(self).toHaveCount(0);
  await widget(page).getByRole('button', { name: 'Turn camera on' }).click();
  await expectMovingVideo(self, 'the self view is back');
  await expectMovingVideo(agent.locator('video[data-role="remote"]'), 'the camera is sent again');
});
