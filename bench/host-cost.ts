import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { pageScript } from './browser';
import { sleep, spread, type Spread } from './stats';

export interface HostCostRun {
  lcp: number;
  cls: number;
  inp: number;
  /** Sum over long tasks after first contentful paint of their time beyond 50 ms. */
  tbt: number;
  /** The widget's files fetched during the run (0 without the script tag). */
  widgetRequests: number;
}

export interface HostCostResult {
  cpuThrottling: number;
  runs: { without: HostCostRun[]; with: HostCostRun[] };
  without: Record<keyof HostCostRun, Spread>;
  with: Record<keyof HostCostRun, Spread>;
}

// The package's script-tag build (`window.webVitals`), next to its CommonJS entry.
const webVitals = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve('web-vitals')), 'web-vitals.iife.js'),
  'utf8',
);

/** Runs in the page before anything else: web-vitals, and long tasks for the blocking time. */
function observe(): void {
  const vitals = { lcp: 0, cls: 0, inp: 0, longTasks: [] as { start: number; duration: number }[] };
  (window as unknown as { __vitals: typeof vitals }).__vitals = vitals;
  type Metric = { value: number };
  type On = (report: (metric: Metric) => void, options: { reportAllChanges: boolean }) => void;
  const { onLCP, onCLS, onINP } = (window as unknown as { webVitals: Record<string, On> })
    .webVitals as { onLCP: On; onCLS: On; onINP: On };
  onLCP((m) => (vitals.lcp = m.value), { reportAllChanges: true });
  onCLS((m) => (vitals.cls = m.value), { reportAllChanges: true });
  // Every interaction counts (the Event Timing API reports from 16 ms; 0 means faster).
  onINP((m) => (vitals.inp = m.value), { reportAllChanges: true, durationThreshold: 0 } as never);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      vitals.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

async function oneRun(
  browser: Browser,
  baseUrl: string,
  withWidget: boolean,
  cpuThrottling: number,
): Promise<HostCostRun> {
  // A fresh context each run: a cold cache, as a first visit.
  const context = await browser.newContext();
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottling });
  // Playwright wraps an init script in a function: the IIFE's `var webVitals` is made global here.
  await page.addInitScript({
    content: `${webVitals};window.webVitals = webVitals;${pageScript(observe).content}`,
  });
  await page.goto(`${baseUrl}/bench/${withWidget ? 'host-widget' : 'host'}.html`, {
    waitUntil: 'load',
  });
  // The page idles after load: the widget fetches its panel then.
  await sleep(3_000);
  await page.locator('#faq-toggle').click();
  await sleep(500);
  const result = await page.evaluate(() => {
    const { lcp, cls, inp, longTasks } = (
      window as unknown as {
        __vitals: {
          lcp: number;
          cls: number;
          inp: number;
          longTasks: { start: number; duration: number }[];
        };
      }
    ).__vitals;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const tbt = longTasks
      .filter((task) => task.start >= fcp)
      .reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0);
    const widgetRequests = performance
      .getEntriesByType('resource')
      .filter((entry) => entry.name.includes('/widget/')).length;
    return { lcp, cls, inp, tbt, widgetRequests };
  });
  await context.close();
  return result;
}

/**
 * The same host page with and without the script tag, in alternating pairs, `runs` times each, with
 * the CPU slowed down (as Lighthouse does for mobile) so that main-thread costs show.
 */
export async function measureHostCost(
  browser: Browser,
  baseUrl: string,
  runs: number,
  cpuThrottling = 4,
): Promise<HostCostResult> {
  const all = { without: [] as HostCostRun[], with: [] as HostCostRun[] };
  for (let i = 0; i < runs; i++) {
    // Each pair in the other order than the last, so that neither page always goes first.
    for (const withWidget of i % 2 === 0 ? [false, true] : [true, false]) {
      const run = await oneRun(browser, baseUrl, withWidget, cpuThrottling);
      (withWidget ? all.with : all.without).push(run);
    }
  }
  const summarize = (list: HostCostRun[]) =>
    Object.fromEntries(
      (['lcp', 'cls', 'inp', 'tbt', 'widgetRequests'] as const).map((key) => [
        key,
        spread(list.map((run) => run[key])),
      ]),
    ) as Record<keyof HostCostRun, Spread>;
  return {
    cpuThrottling,
    runs: all,
    without: summarize(all.without),
    with: summarize(all.with),
  };
}
