import { test, expect, type Page } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { panel, recordStates, startWidgetCall, statesSeen, widget } from './support/widget-call';

async function post(page: Page, path: string, data: unknown = {}): Promise<void> {
  const response = await page.request.post(path, { data });
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
}

test("Connect's screen-sharing messages come again after a reload and a reconnect: the share control follows the newest", async ({
  page,
  context,
}) => {
  const { contact } = await startWidgetCall(page, context, uniqueName('Share replay'));
  const sharing = `/emulator/contacts/${contact.ContactId}/screen-sharing`;
  const share = widget(page).getByRole('button', { name: 'Share my screen', exact: true });
  // Started, Stopped, Started: all three are kept by the media plane for late joiners.
  await post(page, `${sharing}/start`);
  await expect(share).toBeVisible();
  await post(page, `${sharing}/stop`);
  await expect(share).toHaveCount(0);
  await post(page, `${sharing}/start`);
  await expect(share).toBeVisible();

  // A reload: the widget rejoins with a new page, and only the replay tells it the contact's
  // screen-sharing session is on.
  await page.reload();
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  await expect(share).toBeVisible();

  // A reconnect: the same three messages arrive a second time, in their order.
  await recordStates(page);
  await post(page, `/emulator/contacts/${contact.ContactId}/drop-signaling`, {
    participant: 'customer',
    closeCode: 4500,
  });
  await expect.poll(() => statesSeen(page)).toContain('reconnecting');
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  await expect(share).toBeVisible();

  // A new Stopped still counts.
  await post(page, `${sharing}/stop`);
  await expect(share).toHaveCount(0);
  await widget(page).getByRole('button', { name: 'End call' }).click();
});
