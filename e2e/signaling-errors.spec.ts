import { test, expect, type Page } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { contactsOf, type EmulatedContact } from './support/emulator-contacts';
import { expectMovingVideo } from './support/video-probe';
import { panel, startWidgetCall, statesSeen, widget } from './support/widget-call';

/** Production's status frames, injected into the customer's signaling session. */
async function inject(page: Page, contact: EmulatedContact, status: object): Promise<void> {
  const response = await page.request.post(`/emulator/contacts/${contact.ContactId}/status`, {
    data: { participant: 'customer', ...status },
  });
  expect(response.ok(), `status answered ${response.status()}`).toBe(true);
}

test('a removed customer who comes back is refused after JOIN (4403): the widget fails within 3 s', async ({
  page,
  context,
}) => {
  const name = uniqueName('Removed rejoin');
  const { contact } = await startWidgetCall(page, context, name);
  // The customer leaves the page mid-call (the rejoin window opens) and is removed meanwhile:
  // DeleteAttendee, so the stored JoinToken is dead.
  await page.goto('about:blank');
  const removed = await page.request.post(`/emulator/contacts/${contact.ContactId}/remove`, {
    data: { participant: 'customer' },
  });
  expect(removed.ok()).toBe(true);
  // Timed from the signaling socket's opening: what the widget does once refused, not how long a
  // busy machine takes to load the page.
  const socketOpened = page.waitForEvent('websocket').then(() => Date.now());
  await page.goto(`/?name=${encodeURIComponent(name)}`);
  // The widget rejoins with the stored session on its own.
  const since = await socketOpened;
  await expect(panel(page)).toHaveAttribute('data-state', 'failed', { timeout: 3_000 });
  const ms = Date.now() - since;
  test
    .info()
    .annotations.push({ type: 'timing', description: `refused rejoin → failed: ${ms} ms` });
  expect(ms).toBeLessThan(3_000);
  await expect(widget(page).locator('.connect-video-end-message')).toHaveText(
    'The connection to the call failed. Please try again.',
  );
  await expect(widget(page).getByRole('button', { name: 'Try again' })).toBeVisible();
  // No retry loop, and no new contact behind the customer's back.
  expect(await contactsOf(page.request, name)).toHaveLength(1);
});

for (const capacity of [
  { name: 'AUDIO_STATUS 409 (call at capacity)', status: { audioStatus: 409 } },
  { name: 'error 509 (video at source capacity)', status: { errorStatus: 509 } },
]) {
  test(`${capacity.name}: the call fails with "the call is full"`, async ({ page, context }) => {
    const { contact } = await startWidgetCall(page, context, uniqueName('Capacity'));
    await inject(page, contact, capacity.status);
    await expect(panel(page)).toHaveAttribute('data-state', 'failed');
    await expect(widget(page).locator('.connect-video-end-message')).toHaveText(
      'The call is full right now. Please try again later.',
    );
  });
}

for (const serverError of [
  { name: 'AUDIO_STATUS 500', status: { audioStatus: 500 } },
  { name: 'AUDIO_STATUS 503', status: { audioStatus: 503 } },
  { name: 'error 500', status: { errorStatus: 500 } },
]) {
  test(`${serverError.name}: the SDK reconnects and the call goes on`, async ({
    page,
    context,
  }) => {
    const { agent, contact } = await startWidgetCall(page, context, uniqueName('Server error'));
    await inject(page, contact, serverError.status);
    await expect.poll(() => statesSeen(page)).toContain('reconnecting');
    await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
    await expectMovingVideo(
      agent.locator('video[data-role="remote"]'),
      'the agent sees the customer again',
    );
    await widget(page).getByRole('button', { name: 'End call' }).click();
  });
}

test('error 206 (switch to view-only): the self view goes, the customer is told, the call goes on', async ({
  page,
  context,
}) => {
  const { contact } = await startWidgetCall(page, context, uniqueName('View only'));
  await expect(widget(page).locator('[data-tile="self"] video')).toHaveCount(1);
  await inject(page, contact, { errorStatus: 206 });
  await expect(
    widget(page).getByText('The call has too many videos, so yours is off.'),
  ).toBeVisible();
  await expect(widget(page).locator('[data-tile="self"]')).toHaveCount(0);
  await expect(widget(page).getByRole('button', { name: 'Turn camera on' })).toBeVisible();
  expect(await statesSeen(page)).not.toContain('reconnecting');
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  await widget(page).getByRole('button', { name: 'End call' }).click();
});
