import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { BenchAgent, pageScript, instrument } from './browser';
import { openWidgetPage, WIDGET_CUSTOMER } from './join';
import { sleep, spread, type Spread } from './stats';

export interface BackgroundResult {
  /**
   * The effect's worker alone on the fake camera at 640×360, as fast as it goes; `renderMs` is the
   * worker's time for a frame.
   */
  capacity: { effect: string; seconds: number; framesPerSecond: number; renderMs: Spread }[];
  /** In a quiet call (the SDK's camera, 960×540 at 15 frames a second), before and after. */
  call: {
    seconds: number;
    busyOff: Spread;
    busyOn: Spread;
    /** Frames the effect processed a second in the call (at most the camera's 15). */
    processedPerSecond: number;
    /** From the change of the picker to the first processed frame, ms (fetch, compile, model). */
    toggleToFirstFrameMs: number;
    /** Bytes the browser fetched to turn it on (as this server sends them: uncompressed). */
    fetchedBytes: number;
    fetchedFiles: string[];
    /** Set when the effect turned itself off during the measurement. */
    problem?: string;
    /** The camera's picture as the processor got it. */
    width: number;
  };
}

const PROFILE_CHUNKS = resolve(import.meta.dirname, '../dist/bench/widget-profile/chunks');

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/**
 * Main-thread time, ms per second, in windows of `windowSeconds`: CPU time (the domain is
 * threadTicks, as in bench/six.ts), not wall time, which on a loaded machine is mostly waiting for
 * a core.
 */
async function busy(cdp: CDPSession, seconds: number, windowSeconds = 5): Promise<number[]> {
  const windows: number[] = [];
  let last = await taskSeconds(cdp);
  let lastAt = performance.now();
  for (let done = 0; done < seconds; done += windowSeconds) {
    await sleep(windowSeconds * 1000);
    const [task, at] = [await taskSeconds(cdp), performance.now()];
    windows.push(((task - last) * 1000) / ((at - lastAt) / 1000));
    [last, lastAt] = [task, at];
  }
  return windows;
}

/**
 * The effect's worker alone, in a page of its own: frames a second at 640×360 for each effect, one
 * frame at a time as the call's processor sends them (the next once the last came back).
 */
async function capacity(
  page: Page,
  baseUrl: string,
  seconds: number,
): Promise<BackgroundResult['capacity']> {
  const chunk = readdirSync(PROFILE_CHUNKS).find((f) => /^background-module-.*\.js$/.test(f));
  if (!chunk) throw new Error('no background-module chunk in dist/bench/widget-profile');
  const results: BackgroundResult['capacity'] = [];
  for (const effect of ['blur-high', 'blur-low', 'replace:sea']) {
    const run = await page.evaluate(
      async ({ url, effect, seconds }) => {
        await import(url);
        const worker = await window.__connectVideoBackgroundWorker!(
          [{ id: 'sea', source: { builtIn: 'sea' } }],
          effect as 'blur-high',
        );
        const stream = await navigator.mediaDevices.getUserMedia({
          video: { width: 640, height: 360 },
        });
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = stream;
        await video.play();
        const times: number[] = [];
        const end = performance.now() + seconds * 1000;
        while (performance.now() < end) {
          const rendered = await worker.render(video, 640, 360, 10_000);
          if (!rendered) throw new Error('the worker sent no frame in 10 s');
          rendered.frame.close();
          times.push(rendered.renderMs);
        }
        worker.close();
        for (const track of stream.getTracks()) track.stop();
        return { width: video.videoWidth, frames: times.length, times };
      },
      { url: `${baseUrl}/bench/widget-profile/chunks/${chunk}`, effect, seconds },
    );
    if (run.width !== 640) throw new Error(`the camera gave ${run.width} px, not 640`);
    results.push({
      effect,
      seconds,
      framesPerSecond: run.frames / seconds,
      renderMs: spread(run.times),
    });
  }
  return results;
}

/**
 * The background effect (issue 16): what the renderer manages at 640×360 on this machine, and in a
 * quiet call what turning it on costs the main thread, how long it takes to the first processed
 * frame and how many bytes it fetches.
 */
export async function measureBackground(
  browser: Browser,
  baseUrl: string,
  seconds: number,
): Promise<BackgroundResult> {
  const capacityContext = await browser.newContext();
  const capacityPage = await capacityContext.newPage();
  await openWidgetPage(capacityPage, baseUrl, 'widget-profile');
  const capacityResults = await capacity(capacityPage, baseUrl, Math.min(seconds, 10));
  await capacityContext.close();

  const agentContext = await browser.newContext();
  const agent = await BenchAgent.open(agentContext, baseUrl);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(pageScript(instrument));
  await openWidgetPage(page, baseUrl, 'widget-profile');
  agent.answer(WIDGET_CUSTOMER);
  await page.evaluate(() => window.ConnectVideo!.start());
  await page.waitForFunction(
    () =>
      (window as unknown as { __bench: { marks: { firstFrame?: number } } }).__bench.marks
        .firstFrame !== undefined,
    undefined,
    { timeout: 30_000 },
  );
  await sleep(5_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  const busyOff = await busy(cdp, seconds);

  const fetched: { url: string; bytes: number }[] = [];
  page.on('requestfinished', (request) => {
    void request.sizes().then(
      (sizes) => fetched.push({ url: request.url(), bytes: sizes.responseBodySize }),
      () => undefined,
    );
  });
  const host = page.locator('[data-connect-video-host]');
  await host.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.evaluate(() => {
    (window as unknown as { __toggledAt: number }).__toggledAt = performance.now();
  });
  await host.getByLabel('Background').selectOption('blur-high');
  await page.waitForFunction(() => window.__connectVideoBackground?.firstFrameAt !== undefined);
  const toggleToFirstFrameMs = await page.evaluate(
    () =>
      window.__connectVideoBackground!.firstFrameAt! -
      (window as unknown as { __toggledAt: number }).__toggledAt,
  );
  await host.getByRole('button', { name: 'Settings', exact: true }).click();
  await sleep(3_000);
  const framesBefore = await page.evaluate(() => window.__connectVideoBackground!.frames);
  const startedAt = performance.now();
  const busyOn = await busy(cdp, seconds);
  const frames =
    (await page.evaluate(() => window.__connectVideoBackground!.frames)) - framesBefore;
  const processedPerSecond = frames / ((performance.now() - startedAt) / 1000);
  const problem = await page.evaluate(() => window.__connectVideoBackground!.problem);
  const width = await page.evaluate(() => window.__connectVideoBackground!.width ?? 0);

  await agent.stop();
  await page.evaluate(() => window.ConnectVideo!.end());
  await context.close();
  await agentContext.close();
  const effectFiles = fetched.filter((f) =>
    /background-(module|worker)|vision_wasm|selfie_segmentation/.test(f.url),
  );
  return {
    capacity: capacityResults,
    call: {
      seconds,
      busyOff: spread(busyOff),
      busyOn: spread(busyOn),
      processedPerSecond,
      toggleToFirstFrameMs,
      fetchedBytes: effectFiles.reduce((sum, f) => sum + f.bytes, 0),
      fetchedFiles: effectFiles.map((f) => new URL(f.url).pathname.split('/').pop()!).sort(),
      ...(problem && { problem }),
      width,
    },
  };
}
