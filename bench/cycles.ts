import type { Browser } from '@playwright/test';
import { BenchAgent, pageScript, instrument, mediaLeftovers } from './browser';
import { openWidgetPage, WIDGET_CUSTOMER } from './join';
import { heapComposition, type HeapComposition } from './heap-composition';
import { sleep, spread, type Spread } from './stats';

export interface CycleSample {
  heapBytes: number;
  liveTracks: number;
  openPcs: number;
}

export interface CyclesResult {
  cycles: number;
  samples: CycleSample[];
  /** Heap after the last cycle minus heap after the first, both after a full GC. */
  heapGrowthBytes: number;
  /** Heap snapshots after the first and the last cycle: compiled code apart from the rest. */
  first: HeapComposition;
  last: HeapComposition;
  heap: Spread;
  liveTracks: Spread;
  openPcs: Spread;
}

/**
 * `cycles` calls started and ended in one page through `window.ConnectVideo`, each answered by the
 * agent; after each end and a full garbage collection: the JS heap, live tracks, open connections.
 */
export async function measureCycles(
  browser: Browser,
  baseUrl: string,
  cycles: number,
): Promise<CyclesResult> {
  const agentContext = await browser.newContext();
  const agent = await BenchAgent.open(agentContext, baseUrl);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(pageScript(instrument));
  const name = WIDGET_CUSTOMER;
  await openWidgetPage(page, baseUrl, 'widget-profile');
  const cdp = await context.newCDPSession(page);
  agent.answer(name);
  const panel = '[data-connect-video-host] .connect-video-panel';
  const samples: CycleSample[] = [];
  let first: HeapComposition | undefined;
  let last: HeapComposition | undefined;
  for (let i = 0; i < cycles; i++) {
    await page.evaluate(() => window.ConnectVideo!.start());
    await page.locator(`${panel}[data-state="in-call"]`).waitFor({ timeout: 30_000 });
    // The agent's video is on screen before the customer hangs up.
    await page
      .locator('[data-connect-video-host] [data-tile="agent"] video')
      .waitFor({ timeout: 30_000 });
    await sleep(1_000);
    await page.evaluate(() => window.ConnectVideo!.end());
    await page.locator(`${panel}[data-state="ended"]`).waitFor();
    await sleep(1_000);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    samples.push({ heapBytes: usedSize, ...(await mediaLeftovers(page)) });
    if (i === 0) first = await heapComposition(cdp);
    if (i === cycles - 1) last = await heapComposition(cdp);
  }
  await agent.stop();
  await context.close();
  await agentContext.close();
  return {
    cycles,
    samples,
    heapGrowthBytes: samples.at(-1)!.heapBytes - samples[0]!.heapBytes,
    first: first!,
    last: last!,
    heap: spread(samples.map((s) => s.heapBytes)),
    liveTracks: spread(samples.map((s) => s.liveTracks)),
    openPcs: spread(samples.map((s) => s.openPcs)),
  };
}
