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

/** One quiet call of the widget or the bare SDK page, sampled once it is settled. */
async function quietCall(
  browser: Browser,
  baseUrl: string,
  agent: BenchAgent,
  kind: 'widget' | 'bareSdk',
  seconds: number,
  windowSeconds: number,
): Promise<SteadyWindow[]> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(pageScript(instrument));
  if (kind === 'widget') {
    // The profile build: the production build with a render counter.
    await openWidgetPage(page, baseUrl, 'widget-profile');
    agent.answer(WIDGET_CUSTOMER);
    await page.evaluate(() => window.ConnectVideo!.start());
  } else {
    const name = uniqueName('Steady bare');
    await page.goto(`${baseUrl}/bench/bare-sdk.html?displayName=${encodeURIComponent(name)}`);
    agent.answer(name);
    await page.locator('#join').click();
  }
  await inCall(page);
  await sleep(5_000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const windows = await sample(page, cdp, seconds, windowSeconds);
  await agent.stop();
  if (kind === 'widget') await page.evaluate(() => window.ConnectVideo!.end());
  else await page.locator('#leave').click();
  await context.close();
  return windows;
}

/**
 * Quiet calls (nobody touches anything) with the widget and with the bare SDK page, taken in turns
 * of `turnSeconds` so that whatever else the machine does over the run weighs on both alike:
 * renders per second and main-thread time, in windows of `windowSeconds`.
 */
export async function measureSteady(
  browser: Browser,
  baseUrl: string,
  seconds: number,
  windowSeconds = 10,
  turnSeconds = 20,
): Promise<SteadyResult> {
  const agentContext = await browser.newContext();
  const agent = await BenchAgent.open(agentContext, baseUrl);
  const widgetWindows: SteadyWindow[] = [];
  const bareWindows: SteadyWindow[] = [];
  for (let done = 0; done < seconds; done += turnSeconds) {
    const turn = Math.min(turnSeconds, seconds - done);
    widgetWindows.push(
      ...(await quietCall(browser, baseUrl, agent, 'widget', turn, windowSeconds)),
    );
    bareWindows.push(...(await quietCall(browser, baseUrl, agent, 'bareSdk', turn, windowSeconds)));
  }
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
