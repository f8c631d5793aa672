import { test, expect, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { expectMovingVideo } from './support/video-probe';
import { contactsOf } from './support/emulator-contacts';
import { holdRequests } from './support/held-requests';
import { MEDIA_CHUNK, panel, widget } from './support/widget-call';

async function startCall(page: Page, name: string) {
  await page.goto(`/?name=${encodeURIComponent(name)}`);
  await widget(page).getByRole('button', { name: 'Video call' }).click();
  await widget(page).getByRole('button', { name: 'Start video call' }).click();
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
}

/**
 * How long after the page's load event the loader fetched the panel, in ms (resource timing), on a
 * page kept busy for 4 s right after that event (`keepBusyAfterLoad`): a loader that waits for the
 * page to be idle fetches it 4 s later or more.
 */
const panelFetchedAfterLoadMs = (page: Page) =>
  page.evaluate(() => {
    const [navigation] = performance.getEntriesByType(
      'navigation',
    ) as PerformanceNavigationTiming[];
    const fetched = performance
      .getEntriesByType('resource')
      .find((entry) => new URL(entry.name).pathname.endsWith('/connect-video-embed.js'));
    if (!navigation?.loadEventEnd || !fetched) return 'not loaded yet';
    return fetched.startTime - navigation.loadEventEnd;
  });

const keepBusyAfterLoad = (page: Page) =>
  page.addInitScript(() =>
    addEventListener(
      'load',
      () =>
        setTimeout(() => {
          const until = performance.now() + 4_000;
          while (performance.now() < until);
        }),
      { once: true },
    ),
  );

test('a reload and a navigation mid-call rejoin the same contact, and the agent sees the customer again', async ({
  page,
  context,
}) => {
  const name = uniqueName('Rejoin');
  const agent = await openAgentConsole(context, name);
  await startCall(page, name);
  await expectMovingVideo(
    agent.locator('video[data-role="remote"]'),
    'the agent sees the customer',
  );
  const [contact] = await contactsOf(page.request, name);
  await keepBusyAfterLoad(page);

  for (const leave of [
    () => page.reload(),
    () => page.goto(`/?name=${encodeURIComponent(name)}&page=loans`),
  ]) {
    await leave();
    // The panel is fetched at the page's load event, not once the page is next idle.
    await expect.poll(() => panelFetchedAfterLoadMs(page)).toBeLessThan(2_000);
    // The widget comes back by itself, says so, and is in the call again.
    await expect(panel(page)).toHaveAttribute(
      'data-state',
      /requesting|joining|waiting-for-agent|in-call/,
    );
    await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
    await expectMovingVideo(
      widget(page).locator('[data-tile="agent"] video'),
      'the customer sees the agent again',
    );
    await expectMovingVideo(
      agent.locator('video[data-role="remote"]'),
      'the agent sees the customer again',
    );
    const contacts = await contactsOf(page.request, name);
    expect(contacts.map((c) => [c.ContactId, c.state])).toEqual([
      [contact!.ContactId, 'CONNECTED'],
    ]);
  }

  await widget(page).getByRole('button', { name: 'End call' }).click();
  await expect(panel(page)).toHaveAttribute('data-state', 'ended');
  // Ended on purpose: a reload now must not bring the call back.
  await page.reload();
  await expect(widget(page).getByRole('button', { name: 'Video call' })).toBeVisible();
  await expect(panel(page)).toHaveCount(0);
});

test('the rejoin shows "Reconnecting…" while it joins', async ({ page, context }) => {
  const name = uniqueName('Rejoin banner');
  await openAgentConsole(context, name);
  await startCall(page, name);
  // The rejoin waits for the media chunk (not cached while a route is set): held, the state stays
  // on screen however quickly the machine would have joined.
  const mediaChunk = holdRequests();
  await page.route(MEDIA_CHUNK, mediaChunk.handler);
  await page.reload();
  await expect(widget(page).getByText('Reconnecting…')).toBeVisible();
  await mediaChunk.release();
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  await widget(page).getByRole('button', { name: 'End call' }).click();
});

test('after more than 60 s away the widget does not try to rejoin', async ({ page, context }) => {
  const name = uniqueName('Rejoin late');
  await openAgentConsole(context, name);
  await startCall(page, name);
  // The call page goes away (it notes the moment at pagehide, on the real clock), and the tab comes
  // back with a clock 61 s ahead. The clock is installed only once the call page is gone, so that
  // the call page never notes a moment on it (installed on the live page, the tab rejoined in two
  // of about ten CI runs).
  await page.goto('about:blank');
  await page.clock.install({ time: Date.now() + 61_000 });
  await page.goto(`/?name=${encodeURIComponent(name)}`);
  await expect(widget(page).getByRole('button', { name: 'Video call' })).toBeVisible();
  await expect(panel(page)).toHaveCount(0);
  // The stale session is dropped once the panel's code has loaded (idle after load, or on intent).
  await expect
    .poll(() => page.evaluate(() => sessionStorage.getItem('connect-video:session')))
    .toBeNull();
  await expect(panel(page)).toHaveCount(0);
  // The contact is still waiting on the emulator's side: end it, so it takes no quota.
  const [contact] = await contactsOf(page.request, name);
  await page.request.post(`/emulator/contacts/${contact!.ContactId}/end`, { data: {} });
});
