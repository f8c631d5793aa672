import type { Browser, CDPSession, Page } from '@playwright/test';
import { BenchAgent, pageScript, instrument, uniqueName } from './browser';
import { openWidgetPage, WIDGET_CUSTOMER } from './join';
import { sleep, spread, type Spread } from './stats';

export interface SteadyWindow {
  /** Preact component renders per second (the widget only). */
  rendersPerSecond: number;
  /** Main-thread task time per second of call, in ms. */
  busyMsPerSecond: number;
}

export interface SteadyResult {
  seconds: number;
  windowSeconds: number;
  widget: { windows: SteadyWindow[]; renders: Spread; busy: Spread };
  bareSdk: { windows: SteadyWindow[]; busy: Spread };
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function sample(
  page: Page,
  cdp: CDPSession,
  seconds: number,
  windowSeconds: number,
): Promise<SteadyWindow[]> {
  const renders = () =>
    page.evaluate(() => (window as { __connectVideoRenders?: number }).__connectVideoRenders ?? 0);
  const windows: SteadyWindow[] = [];
  let lastTask = await taskSeconds(cdp);
  let lastRenders = await renders();
  let lastAt = performance.now();
  for (let elapsed = 0; elapsed < seconds; elapsed += windowSeconds) {
    await sleep(windowSeconds * 1000);
    const [task, count, at] = [await taskSeconds(cdp), await renders(), performance.now()];
    const span = (at - lastAt) / 1000;
    windows.push({
      rendersPerSecond: (count - lastRenders) / span,
      busyMsPerSecond: ((task - lastTask) * 1000) / span,
    });
    [lastTask, lastRenders, lastAt] = [task, count, at];
  }
  return windows;
}

const inCall = (page: Page) =>
  page.waitForFunction(
    () =>
      (window as unknown as { __bench: { marks: { firstFrame?: number } } }).__bench.marks
        .firstFrame !== undefined,
    undefined,
    { timeout: 30_000 },
  );

/**
 * A quiet call (nobody touches anything) with the widget, then with the bare SDK page: renders per
 * second and main-thread time, in windows of `windowSeconds`.
 */
export async function measureSteady(
  browser: Browser,
  baseUrl: string,
  seconds: number,
  windowSeconds = 10,
): Promise<SteadyResult> {
  const agentContext = await browser.newContext();
  const agent = await BenchAgent.open(agentContext, baseUrl);

  const widgetContext = await browser.newContext();
  const widgetPage = await widgetContext.newPage();
  await widgetPage.addInitScript(pageScript(instrument));
  const widgetName = WIDGET_CUSTOMER;
  // The profile build: the production build with a render counter.
  await openWidgetPage(widgetPage, baseUrl, 'widget-profile');
  agent.answer(widgetName);
  await widgetPage.evaluate(() => window.ConnectVideo!.start());
  await inCall(widgetPage);
  await sleep(5_000);
  const widgetCdp = await widgetContext.newCDPSession(widgetPage);
  await widgetCdp.send('Performance.enable');
  const widgetWindows = await sample(widgetPage, widgetCdp, seconds, windowSeconds);
  await agent.stop();
  await widgetPage.evaluate(() => window.ConnectVideo!.end());
  await widgetContext.close();

  const bareContext = await browser.newContext();
  const barePage = await bareContext.newPage();
  await barePage.addInitScript(pageScript(instrument));
  const bareName = uniqueName('Steady bare');
  await barePage.goto(`${baseUrl}/bench/bare-sdk.html?displayName=${encodeURIComponent(bareName)}`);
  agent.answer(bareName);
  await barePage.locator('#join').click();
  await inCall(barePage);
  await sleep(5_000);
  const bareCdp = await bareContext.newCDPSession(barePage);
  await bareCdp.send('Performance.enable');
  const bareWindows = await sample(barePage, bareCdp, seconds, windowSeconds);
  await agent.stop();
  await barePage.locator('#leave').click();
  await bareContext.close();
  await agentContext.close();

  return {
    seconds,
    windowSeconds,
    widget: {
      windows: widgetWindows,
      renders: spread(widgetWindows.map((w) => w.rendersPerSecond)),
      busy: spread(widgetWindows.map((w) => w.busyMsPerSecond)),
    },
    bareSdk: { windows: bareWindows, busy: spread(bareWindows.map((w) => w.busyMsPerSecond)) },
  };
}
