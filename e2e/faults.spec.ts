import { test, expect, type Page } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { contactsOf, type EmulatedContact } from './support/emulator-contacts';
import { liveMediaTracks, recordMediaTracks } from './support/media-tracks';
import { expectMovingVideo } from './support/video-probe';
import {
  agentAudioPackets,
  panel,
  startWidgetCall,
  statesSeen,
  widget,
} from './support/widget-call';

/** Reports a measured recovery time with the test (the list reporter prints it). */
function recovered(what: string, since: number): void {
  const ms = Date.now() - since;
  test.info().annotations.push({ type: 'recovery', description: `${what}: ${ms} ms` });
  console.log(`recovery ${what}: ${ms} ms`);
}

async function expectBackInCall(page: Page, agent: Page, contact: EmulatedContact, name: string) {
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  // Media flows again both ways, on the same contact.
  await expectMovingVideo(
    agent.locator('video[data-role="remote"]'),
    'the agent sees the customer again',
  );
  await expectMovingVideo(
    widget(page).locator('[data-tile="agent"] video'),
    'the customer sees the agent again',
  );
  const contacts = await contactsOf(page.request, name);
  expect(contacts.map((c) => [c.ContactId, c.state])).toEqual([[contact.ContactId, 'CONNECTED']]);
}

async function post(page: Page, path: string, data: unknown = {}) {
  const response = await page.request.post(path, { data });
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
}

for (const fault of [
  {
    name: 'the server closes the signaling socket with 4500',
    body: { participant: 'customer', closeCode: 4500 },
  },
  {
    name: 'the server closes the signaling socket with 4599',
    body: { participant: 'customer', closeCode: 4599 },
  },
  { name: 'the signaling socket dies without a close frame', body: { participant: 'customer' } },
]) {
  test(`${fault.name}: "reconnecting", then the same call with media again`, async ({
    page,
    context,
  }) => {
    const name = uniqueName('Signaling');
    const { agent, contact } = await startWidgetCall(page, context, name);
    await expectMovingVideo(
      agent.locator('video[data-role="remote"]'),
      'the agent sees the customer',
    );
    const since = Date.now();
    await post(page, `/emulator/contacts/${contact.ContactId}/drop-signaling`, fault.body);
    await expect.poll(() => statesSeen(page)).toContain('reconnecting');
    await expectBackInCall(page, agent, contact, name);
    recovered(fault.name, since);
    const states = await statesSeen(page);
    expect(states.slice(states.indexOf('reconnecting'))).toContain('in-call');
    await widget(page).getByRole('button', { name: 'End call' }).click();
  });
}

test('the browser offline for 10 s, then online: still the same call, media flowing', async ({
  page,
  context,
}) => {
  const name = uniqueName('Offline');
  const { agent, contact } = await startWidgetCall(page, context, name);
  await context.setOffline(true);
  // Ten seconds is the fault itself, not a wait for something.
  await page.waitForTimeout(10_000);
  await context.setOffline(false);
  const since = Date.now();
  await expectBackInCall(page, agent, contact, name);
  recovered('offline 10 s', since);
  await widget(page).getByRole('button', { name: 'End call' }).click();
});

test('media stops flowing: the customer is told, and the call comes back when media does', async ({
  page,
  context,
}) => {
  const name = uniqueName('No media');
  const { agent, contact } = await startWidgetCall(page, context, name);
  await expectMovingVideo(
    widget(page).locator('[data-tile="agent"] video'),
    'the customer sees the agent',
  );
  const since = Date.now();
  // A black hole: the emulator sends nothing at all on this meeting's media paths.
  await post(page, `/emulator/contacts/${contact.ContactId}/media`, { forwarding: false });
  await expect(
    widget(page).locator('[data-banner="poor-connection"], [data-banner="reconnecting"]'),
  ).toBeVisible();
  recovered('media stopped → the customer is told', since);
  await post(page, `/emulator/contacts/${contact.ContactId}/media`, { forwarding: true });
  const resumed = Date.now();
  await expectBackInCall(page, agent, contact, name);
  await expect(widget(page).locator('[data-banner="poor-connection"]')).toHaveCount(0);
  recovered('media resumed → moving video again', resumed);
  await widget(page).getByRole('button', { name: 'End call' }).click();
});

for (const ending of [
  {
    name: 'the agent ends the call',
    act: (agent: Page) => agent.getByRole('button', { name: 'End contact' }).click(),
    text: 'The agent ended the call.',
  },
  {
    name: 'the server ends the meeting',
    act: (agent: Page, contact: EmulatedContact) =>
      agent.request.post(`/emulator/contacts/${contact.ContactId}/end`, { data: { by: 'system' } }),
    text: 'The call has ended.',
  },
  {
    name: 'the customer is removed',
    act: (agent: Page, contact: EmulatedContact) =>
      agent.request.post(`/emulator/contacts/${contact.ContactId}/remove`, {
        data: { participant: 'customer' },
      }),
    text: 'You were removed from the call.',
  },
]) {
  test(`${ending.name}: an ended screen that says so, media stopped, no retry`, async ({
    page,
    context,
  }) => {
    const name = uniqueName('Ending');
    await recordMediaTracks(page);
    const { agent, contact } = await startWidgetCall(page, context, name);
    await ending.act(agent, contact);
    await expect(panel(page)).toHaveAttribute('data-state', 'ended');
    await expect(widget(page).locator('.connect-video-end-message')).toHaveText(ending.text);
    await expect.poll(() => liveMediaTracks(page)).toMatchObject({ live: 0 });
    // No retry loop: the widget stays ended and never starts another contact.
    await page.waitForTimeout(3_000);
    await expect(panel(page)).toHaveAttribute('data-state', 'ended');
    expect(await contactsOf(page.request, name)).toHaveLength(1);
    expect((await statesSeen(page)).filter((s) => s === 'requesting')).toHaveLength(1);
  });
}

test('the same session opened in a second tab: the old tab says why it stopped, and nothing flaps', async ({
  page,
  context,
}) => {
  const name = uniqueName('Two tabs');
  const { contact } = await startWidgetCall(page, context, name);
  const saved = await page.evaluate(() => sessionStorage.getItem('connect-video:session'));
  expect(saved).not.toBeNull();
  // A duplicated tab carries the same sessionStorage, so it rejoins the same contact.
  const second = await context.newPage();
  await second.addInitScript(
    (value) => sessionStorage.setItem('connect-video:session', value),
    saved!,
  );
  await second.goto(`/?name=${encodeURIComponent(name)}`);
  await expect(panel(second)).toHaveAttribute('data-state', 'in-call');
  await expect(panel(page)).toHaveAttribute('data-state', 'ended');
  await expect(widget(page).locator('.connect-video-end-message')).toHaveText(
    'This call continued in another tab or window.',
  );
  await page.waitForTimeout(3_000);
  await expect(panel(second)).toHaveAttribute('data-state', 'in-call');
  await expect(panel(page)).toHaveAttribute('data-state', 'ended');
  const contacts = await contactsOf(page.request, name);
  expect(contacts.map((c) => [c.ContactId, c.state])).toEqual([[contact.ContactId, 'CONNECTED']]);
  await widget(second).getByRole('button', { name: 'End call' }).click();
});

// Chromium only: the hiding is the page's own visibility events (engine-independent), and the
// minute of waiting cost 78 s of a Firefox worker per run.
test(
  'the tab hidden for a minute, then shown: still in the call',
  {
    tag: '@chromium-only',
  },
  async ({ page, context }) => {
    test.setTimeout(300_000);
    const name = uniqueName('Hidden');
    const { agent, contact } = await startWidgetCall(page, context, name);
    const setVisibility = (hidden: boolean) =>
      page.evaluate((value) => {
        Object.defineProperty(document, 'visibilityState', {
          configurable: true,
          get: () => (value ? 'hidden' : 'visible'),
        });
        Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setVisibility(true);
    await page.waitForTimeout(60_000);
    await setVisibility(false);
    expect(await statesSeen(page)).not.toContain('ended');
    await expectBackInCall(page, agent, contact, name);
    expect(await agentAudioPackets(agent)).toBeGreaterThan(0);
    await widget(page).getByRole('button', { name: 'End call' }).click();
  },
);

test('the token endpoint is down: retried, then a clear message, and "Try again" is offered', async ({
  page,
}) => {
  // Counted in the page: Firefox's WebDriver BiDi reports neither the request nor its failure
  // when the connection is refused.
  await page.addInitScript(() => {
    const page = window as unknown as { __downAttempts: number };
    page.__downAttempts = 0;
    const original = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith('http://127.0.0.1:9/')) page.__downAttempts++;
      return original(input, init);
    };
  });
  // Nothing listens on port 9 of the loopback interface.
  await page.goto(
    `/e2e/fixtures/spa.html?embed=mount&displayName=Down&tokenEndpoint=${encodeURIComponent('http://127.0.0.1:9/api/session')}`,
  );
  await page.getByRole('button', { name: 'Video call' }).click();
  await page.getByRole('button', { name: 'Start video call' }).click();
  await expect(page.locator('.connect-video-panel')).toHaveAttribute('data-state', 'failed');
  await expect(page.locator('.connect-video-end-message')).toHaveText(
    'We could not reach the service. Check your connection and try again.',
  );
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __downAttempts: number }).__downAttempts),
  ).toBe(4);
});
