import { test, expect } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { panel, startWidgetCall, statesSeen, widget } from './support/widget-call';

test('a customer who reconnects while muted stays muted for the agent', async ({
  page,
  context,
}) => {
  const { agent, contact } = await startWidgetCall(page, context, uniqueName('Muted rejoin'));
  await widget(page).getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(agent.getByText('Customer: present, muted')).toBeVisible();
  // The SDK reconnects on its own: a new signaling session, whose only word about the mute is
  // `audio_muted` in its SUBSCRIBE (no AUDIO_CONTROL is sent again).
  const dropped = await page.request.post(
    `/emulator/contacts/${contact.ContactId}/drop-signaling`,
    { data: { participant: 'customer', closeCode: 4500 } },
  );
  expect(dropped.ok()).toBe(true);
  await expect.poll(() => statesSeen(page)).toContain('reconnecting');
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  // The agent's SDK takes the reconnected stream for the customer; it must arrive muted.
  await expect(agent.getByText('Customer: present, muted')).toBeVisible();
  // And stays so for a while (no unmuted entry follows the reconnect).
  await page.waitForTimeout(2_000);
  await expect(agent.getByText('Customer: present, muted')).toBeVisible();
  await expect(widget(page).getByRole('button', { name: 'Unmute' })).toBeVisible();
  await widget(page).getByRole('button', { name: 'End call' }).click();
});
