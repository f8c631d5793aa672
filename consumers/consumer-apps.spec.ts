import { test, expect, type Page, type Response } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openAgentConsole, uniqueName } from '../e2e/support/agent-console';
import { contactsOf } from '../e2e/support/emulator-contacts';
import { liveMediaTracks, recordMediaTracks } from '../e2e/support/media-tracks';
import { expectMovingVideo } from '../e2e/support/video-probe';
import { CONSUMER_APPS, WORK_DIR } from './apps';
import { serveApp } from './serve-app';

/** The script tag's media budget (issue 6); a consumer's page must fetch no bigger media code. */
const MEDIA_BUDGET_GZIP = 240 * 1024;

type Phase = 'before interaction' | 'on opening' | 'on a call';

/** Every script the page fetches, by phase, with its gzip size (what a CDN would send). */
function recordScripts(page: Page, phase: () => Phase) {
  const scripts: { phase: Phase; url: string; gzip: Promise<number> }[] = [];
  page.on('response', (response: Response) => {
    // Scripts the page made itself (the SDK's workers, from blob: URLs) cost no download.
    if (response.request().resourceType() !== 'script' || !response.url().startsWith('http'))
      return;
    scripts.push({
      phase: phase(),
      url: response.url(),
      gzip: response.body().then((body) => gzipSync(body, { level: 9 }).length),
    });
  });
  return async () =>
    Promise.all(scripts.map(async ({ phase, url, gzip }) => ({ phase, url, gzip: await gzip })));
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

for (const app of CONSUMER_APPS) {
  test(`${app.name} (${app.title}): a whole call with the installed package`, async ({
    page,
    context,
    baseURL,
  }) => {
    const site = await serveApp(join(WORK_DIR, app.name, app.out), baseURL!);
    try {
      const name = uniqueName(`Consumer ${app.name}`);
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const agent = await openAgentConsole(context, name);
      await recordMediaTracks(page);
      let phase: Phase = 'before interaction';
      const scripts = recordScripts(page, () => phase);

      await page.goto(`${site.url}/?name=${encodeURIComponent(name)}`);
      // Locators pierce the widget's open shadow root, wherever the app put the widget.
      const host = page;
      const launcher = host.getByRole('button', { name: 'Video call' });
      await expect(launcher).toBeVisible();
      await page.waitForLoadState('networkidle');

      phase = 'on opening';
      await launcher.click();
      const start = host.getByRole('button', { name: 'Start video call' });
      await expect(start).toBeVisible();
      await page.waitForLoadState('networkidle');

      phase = 'on a call';
      await start.click();
      const panel = host.locator('.connect-video-panel');
      await expect(panel).toHaveAttribute('data-state', 'in-call');
      // The app heard the widget's events through its own framework's state.
      await expect(page.getByTestId('call-state')).toHaveText('in-call');
      await expectMovingVideo(host.locator('[data-tile="agent"] video'), "the agent's video plays");
      await expectMovingVideo(
        agent.locator('video[data-role="remote"]'),
        "the agent sees the customer's camera",
      );

      await host.getByRole('button', { name: 'Mute', exact: true }).click();
      await expect(agent.getByText('Customer: present, muted')).toBeVisible();

      await host.getByRole('button', { name: 'End call' }).click();
      await expect(panel).toHaveAttribute('data-state', 'ended');
      await expect(page.getByTestId('call-state')).toHaveText('ended');
      await expect(agent.locator('li[data-state]')).toHaveAttribute('data-state', 'DISCONNECTED');
      await expect
        .poll(() => liveMediaTracks(page))
        .toEqual({ obtained: expect.any(Number), live: 0 });
      expect(await contactsOf(page.request, name)).toHaveLength(1);
      expect(errors).toEqual([]);

      const fetched = await scripts();
      const sum = (p: Phase) =>
        fetched.filter((s) => s.phase === p).reduce((a, s) => a + s.gzip, 0);
      const largestOnCall = Math.max(
        ...fetched.filter((s) => s.phase === 'on a call').map((s) => s.gzip),
        0,
      );
      const figures = {
        app: app.name,
        beforeInteractionKb: kb(sum('before interaction')),
        onOpeningKb: kb(sum('on opening')),
        onCallKb: kb(sum('on a call')),
        largestScriptKb: kb(Math.max(...fetched.map((s) => s.gzip))),
        scripts: fetched.map((s) => ({ ...s, url: new URL(s.url).pathname, gzip: kb(s.gzip) })),
      };
      console.log(
        `${app.name}: JS fetched (gzip) before interaction ${figures.beforeInteractionKb} KB, ` +
          `on opening ${figures.onOpeningKb} KB, on a call ${figures.onCallKb} KB; largest script ${figures.largestScriptKb} KB`,
      );
      writeFileSync(join(WORK_DIR, `${app.name}.sizes.json`), JSON.stringify(figures, null, 2));
      // The media code (the Chime SDK) is the slim build, wherever the app's bundler put it.
      const media = fetched.filter(
        (s) => /DefaultMeetingSession|media-module/.test(s.url) || s.gzip > 100 * 1024,
      );
      expect(media.length, 'the media code was fetched').toBeGreaterThan(0);
      for (const script of media) expect(script.gzip).toBeLessThanOrEqual(MEDIA_BUDGET_GZIP);
      expect(largestOnCall + sum('on opening')).toBeGreaterThan(0);
    } finally {
      await site.close();
    }
  });
}

test.beforeAll(() => {
  // The builds' record, written by consumers/build-apps.ts: without it there is nothing to test.
  JSON.parse(readFileSync(join(WORK_DIR, 'builds.json'), 'utf8'));
});
