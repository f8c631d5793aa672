import type { Browser, Page } from '@playwright/test';
import { BenchAgent, pageScript, benchRecord, instrument, uniqueName } from './browser';
import { sleep, spread, type Spread } from './stats';

/** Milliseconds from the click that starts the call. */
export interface JoinRun {
  token: number;
  chunk: number;
  signaling: number;
  ice: number;
  firstFrame: number;
}

export const STAGES: (keyof JoinRun)[] = ['token', 'chunk', 'signaling', 'ice', 'firstFrame'];

export interface JoinResult {
  runs: { widget: JoinRun[]; bareSdk: JoinRun[] };
  widget: Record<keyof JoinRun, Spread>;
  bareSdk: Record<keyof JoinRun, Spread>;
}

/** The customer name of the host page with the script tag (bench/run.ts writes it). */
export const WIDGET_CUSTOMER = 'Bench customer';

/**
 * The host page with the script tag (`host-widget.html`), or with the profile build of the widget
 * (`host-widget-profile.html`), once the widget is ready. Real files on the server: a page that
 * Playwright fulfils itself counts as public, and Chromium then blocks its calls to loopback.
 */
export async function openWidgetPage(
  page: Page,
  baseUrl: string,
  variant: 'widget' | 'widget-profile' = 'widget',
): Promise<void> {
  await page.goto(`${baseUrl}/bench/host-${variant}.html`);
  await page.evaluate(() => window.ConnectVideo!.ready.then(() => true));
}

/** Stages from the page's own records: resource timing and the instrumentation's marks. */
async function stages(page: Page, chunkPattern: RegExp | undefined): Promise<JoinRun> {
  const record = await benchRecord(page);
  const resources = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      responseEnd: (e as PerformanceResourceTiming).responseEnd,
    })),
  );
  const t0 = record.clicks.at(-1)!;
  const token = resources.find((r) => r.name.includes('/api/session'));
  const chunk = chunkPattern ? resources.find((r) => chunkPattern.test(r.name)) : undefined;
  const since = (t: number | undefined) => (t === undefined ? NaN : t - t0);
  return {
    token: since(token?.responseEnd),
    // Prefetched before the click (hover, panel opened): nothing left to wait for.
    chunk: chunk ? Math.max(0, since(chunk.responseEnd)) : 0,
    signaling: since(record.marks.joinAck),
    ice: since(record.marks.iceConnected),
    firstFrame: since(record.marks.firstFrame),
  };
}

async function firstFrame(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (window as unknown as { __bench: { marks: { firstFrame?: number } } }).__bench.marks
        .firstFrame !== undefined,
    undefined,
    { timeout: 30_000, polling: 50 },
  );
}

async function widgetRun(browser: Browser, baseUrl: string, agent: BenchAgent): Promise<JoinRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(pageScript(instrument));
  const name = WIDGET_CUSTOMER;
  await openWidgetPage(page, baseUrl);
  const host = page.locator('[data-connect-video-host]');
  // The customer's path: hover (the call is fetched), click, read the panel, start.
  await host.locator('[data-control="launcher"]').hover();
  await host.locator('[data-control="launcher"]').click();
  const start = host.getByRole('button', { name: 'Start video call' });
  await start.waitFor();
  await sleep(1_000);
  agent.answer(name);
  await start.click();
  await firstFrame(page);
  const run = await stages(page, /\/chunks\/media-module-/);
  await agent.stop();
  await page.evaluate(() => window.ConnectVideo!.end());
  await context.close();
  return run;
}

async function bareRun(browser: Browser, baseUrl: string, agent: BenchAgent): Promise<JoinRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(pageScript(instrument));
  const name = uniqueName('Bench bare');
  await page.goto(`${baseUrl}/bench/bare-sdk.html?displayName=${encodeURIComponent(name)}`);
  await sleep(1_000);
  agent.answer(name);
  await page.locator('#join').click();
  await firstFrame(page);
  const run = await stages(page, undefined);
  await agent.stop();
  await page.locator('#leave').click();
  await sleep(300);
  await context.close();
  return run;
}

/**
 * Click to the agent's first video frame, the widget and the bare SDK page alternately. The agent is
 * the bench's own SDK page, which joins as soon as the contact exists.
 */
export async function measureJoin(
  browser: Browser,
  baseUrl: string,
  runs: number,
): Promise<JoinResult> {
  const agentContext = await browser.newContext();
  const agent = await BenchAgent.open(agentContext, baseUrl);
  const all = { widget: [] as JoinRun[], bareSdk: [] as JoinRun[] };
  // One unmeasured call of each warms the server (module loading, first contact).
  await widgetRun(browser, baseUrl, agent);
  await bareRun(browser, baseUrl, agent);
  for (let i = 0; i < runs; i++) {
    all.widget.push(await widgetRun(browser, baseUrl, agent));
    all.bareSdk.push(await bareRun(browser, baseUrl, agent));
  }
  await agentContext.close();
  const summarize = (list: JoinRun[]) =>
    Object.fromEntries(STAGES.map((key) => [key, spread(list.map((run) => run[key]))])) as Record<
      keyof JoinRun,
      Spread
    >;
  return { runs: all, widget: summarize(all.widget), bareSdk: summarize(all.bareSdk) };
}
