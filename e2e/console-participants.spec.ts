import { test, expect, type Locator, type Page } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { contactsOf, endActiveContactsOf } from './support/emulator-contacts';
import { panel, startWidgetCall } from './support/widget-call';

const participants = (agent: Page) => agent.locator('ul.participants > li');
/** The console's live region (its other `<output>`s are statuses too). */
const announcer = (agent: Page) => agent.locator('.announcer[role="status"]');
const row = (agent: Page, kind: string) =>
  agent.locator(`ul.participants > li[data-kind="${kind}"]`);

/** Where a video element's playback is: its decoded size and how far it has played. */
const playback = (video: Locator) =>
  video.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, time: v.currentTime }));

let customerName = '';
test.afterEach(async ({ request }) => {
  if (customerName) await endActiveContactsOf(request, customerName);
});

test('the agent console lists everyone in the call and adds a participant who joins from its link', async ({
  page,
  context,
}) => {
  customerName = uniqueName('Participants');
  const guestName = uniqueName('Guest');
  const { agent, contact } = await startWidgetCall(page, context, customerName);

  // The customer who called and the agent who accepted, both in the meeting.
  await expect(row(agent, 'customer')).toHaveAttribute('data-status', 'in-call');
  await expect(row(agent, 'customer')).toContainText(`${customerName} customer · in the call`);
  await expect(row(agent, 'agent')).toHaveAttribute('data-status', 'in-call');
  await expect(participants(agent)).toHaveCount(2);
  const customerAttendeeId = await row(agent, 'customer').getAttribute('data-attendee-id');

  // The agent adds a participant: invited, announced, with a link to join as them.
  await agent.getByLabel('Display name').fill(guestName);
  await agent.getByLabel('Role').selectOption('CUSTOMER');
  await agent.getByRole('button', { name: 'Add participant' }).click();
  const guestRow = row(agent, 'added');
  await expect(guestRow).toHaveAttribute('data-status', 'invited');
  await expect(guestRow).toContainText(`${guestName} customer · invited`);
  await expect(announcer(agent)).toHaveText(`${guestName} was invited.`);
  const link = guestRow.getByRole('link', { name: `Join the call as ${guestName}` });
  // The bearer token travels in the fragment, which no server ever receives.
  expect(await link.getAttribute('href')).toMatch(/^\/agent\.html#participantToken=[\w-]+&/);

  // Opening the link joins the call as the guest, through CreateParticipantConnection.
  const [guest] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText(`In the call as ${guestName}`);
  await expect(guestRow).toHaveAttribute('data-status', 'in-call');
  await expect(guestRow).toHaveAttribute('data-muted', 'false');
  await expect(guestRow.getByRole('link')).toHaveCount(0);
  await expect(announcer(agent)).toHaveText(`${guestName} joined the call.`);
  await expect(guest.locator('.others')).toHaveText('2 other people in the call');

  // The guest decodes the customer's camera, and it keeps playing.
  const customerVideo = guest.locator(
    `video[data-role="remote"][data-attendee-id="${customerAttendeeId}"]`,
  );
  await expect.poll(async () => (await playback(customerVideo)).width).toBeGreaterThan(0);
  const before = await playback(customerVideo);
  await expect.poll(async () => (await playback(customerVideo)).time).toBeGreaterThan(before.time);
  // And its own camera.
  await expect(guest.locator('video[data-role="self"]')).toHaveCount(1);

  // The guest closes the page: it has left, while the customer's call goes on.
  await guest.close();
  // Without a LEAVE the media plane keeps an absent attendee's presence for 10 s (a reconnect's
  // grace), so this takes longer than the default 20 s on a busy machine now and then.
  await expect(guestRow).toHaveAttribute('data-status', 'left', { timeout: 40_000 });
  await expect(guestRow).toContainText('left');
  await expect(announcer(agent)).toHaveText(`${guestName} left the call.`);
  await expect(row(agent, 'customer')).toHaveAttribute('data-status', 'in-call');
  await expect(row(agent, 'agent')).toHaveAttribute('data-status', 'in-call');
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  const [after] = await contactsOf(page.request, customerName);
  expect([after?.ContactId, after?.state]).toEqual([contact.ContactId, 'CONNECTED']);
});
