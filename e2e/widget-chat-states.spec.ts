import { test, expect, type Page, type WebSocketRoute } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { endActiveContactsOf } from './support/emulator-contacts';
import { widget } from './support/widget-call';
import { holdRequests } from './support/held-requests';
import {
  acceptChat,
  chatIdOf,
  chatOf,
  endChat,
  openChatPage,
  startChat,
} from './support/widget-chat';

/**
 * The chat's other states, each shown to the customer and checked with axe: starting and
 * connecting (held on the network), the chat chunk failing to load, the websocket dropped
 * (reconnecting, then back) and not coming back (lost, then "Try again"), a message over the
 * Participant Service's limit, and the chat kept beside a video call (`chatOnVideo: 'keep'`).
 */

const CONNECTION = '**/emulator/participant/participant/connection';
const CHAT_SOCKET = /\/emulator\/chat\/websocket/;

const chatStatus = (page: Page) => expect(widget(page).locator('.connect-video-chat').first());

/** Requests held until `release()`: what the customer sees meanwhile stays on screen. */
test('starting and connecting tell the customer, and pass axe', async ({ page }) => {
  const name = `Chat states ${Math.random().toString(36).slice(2, 8)}`;
  const chatRoute = holdRequests();
  const connection = holdRequests();
  await page.route('**/api/chat', chatRoute.handler);
  await page.route(CONNECTION, connection.handler);
  await openChatPage(page, name);
  await widget(page).getByRole('button', { name: 'Contact us' }).click();
  await widget(page).getByRole('button', { name: 'Start chat' }).click();

  await chatStatus(page).toHaveAttribute('data-chat-status', 'starting');
  await expect(widget(page).getByText('Connecting to the chat…')).toBeVisible();
  await expectNoAxeViolations(page, 'chat starting');
  await chatRoute.release();

  await chatStatus(page).toHaveAttribute('data-chat-status', 'connecting');
  await expect(widget(page).getByText('Connecting to the chat…')).toBeVisible();
  await expectNoAxeViolations(page, 'chat connecting');
  await connection.release();
  await chatStatus(page).toHaveAttribute('data-chat-status', 'connected');
  await endChat(page, await chatIdOf(page));
});

test('the chat chunk failing to load tells the customer, and "Try again" loads it', async ({
  page,
}) => {
  const name = `Chat chunk ${Math.random().toString(36).slice(2, 8)}`;
  const chunk = /\/chunks\/chat-chunk-[^/?]+\.js/;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(chunk, (route) => route.abort('failed'));
  await openChatPage(page, name);
  await widget(page).getByRole('button', { name: 'Contact us' }).click();
  await widget(page).getByRole('button', { name: 'Start chat' }).click();
  await expect(widget(page).getByRole('alert').locator('p')).toHaveText(
    'The chat could not be loaded. Please try again.',
  );
  await expectNoAxeViolations(page, 'chat chunk not loaded');

  await page.unroute(chunk);
  await widget(page).getByRole('button', { name: 'Try again' }).click();
  await chatStatus(page).toHaveAttribute('data-chat-status', 'connected');
  const chatId = await chatIdOf(page);
  expect((await chatOf(page, chatId)).state).not.toBe('DISCONNECTED');
  expect(errors).toEqual([]);
  await endChat(page, chatId);
});

test('a dropped chat connection shows "reconnecting" and comes back; one that cannot come back says so, and "Try again" rejoins the same chat', async ({
  page,
}) => {
  const name = `Chat socket ${Math.random().toString(36).slice(2, 8)}`;
  // The page's websockets to the emulator, through Playwright: `open` lets them reach it.
  let open = true;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(CHAT_SOCKET, (socket) => {
    if (open) {
      socket.connectToServer();
      sockets.push(socket);
    } else {
      // The network is down: the socket closes as soon as it opens.
      void socket.close({ code: 1006 });
    }
  });
  await openChatPage(page, name);
  const chatId = await startChat(page);
  try {
    await acceptChat(page, chatId);

    open = false;
    await Promise.all(sockets.splice(0).map((socket) => socket.close({ code: 1006 })));
    await chatStatus(page).toHaveAttribute('data-chat-status', 'reconnecting');
    await expect(widget(page).getByText('Reconnecting to the chat…').first()).toBeVisible();
    await expect(widget(page).locator('[data-chat-live-region]')).toHaveText(
      'Reconnecting to the chat…',
    );
    await expectNoAxeViolations(page, 'chat reconnecting');
    // While it reconnects, the agent writes: the message is there once it is back.
    await page.request.post(`/emulator/chats/${chatId}/messages`, {
      data: { Content: 'Written while you were away' },
    });
    open = true;
    await chatStatus(page).toHaveAttribute('data-chat-status', 'connected', { timeout: 30_000 });
    await expect(widget(page).locator('[data-role="agent"]')).toContainText(
      'Written while you were away',
    );

    // Down again, for longer than chatjs keeps using a websocket URL (85 s), and the Participant
    // Service fails to give a new one (a 500: a 403 would mean the chat ended, and chatjs says so):
    // chatjs gives up, and the customer is told.
    open = false;
    // From here the page's clock runs as usual until the test moves it on.
    await page.clock.install();
    let refuse = true;
    await page.route(CONNECTION, (route) =>
      refuse
        ? route.fulfill({
            status: 500,
            contentType: 'application/json',
            body: JSON.stringify({ message: 'Internal error' }),
            headers: { 'x-amzn-errortype': 'InternalServerException' },
          })
        : route.fallback(),
    );
    await Promise.all(sockets.splice(0).map((socket) => socket.close({ code: 1006 })));
    await page.clock.fastForward('01:30');
    await expect(widget(page).getByRole('alert')).toContainText(
      'The connection to the chat was lost. Please try again.',
      { timeout: 30_000 },
    );
    await expectNoAxeViolations(page, 'chat connection lost');
    refuse = false;
    open = true;
    await widget(page).getByRole('button', { name: 'Try again' }).click();
    await chatStatus(page).toHaveAttribute('data-chat-status', 'connected');
    expect(await chatIdOf(page)).toBe(chatId);
    await widget(page).getByRole('textbox', { name: 'Message' }).fill('Back again');
    await widget(page).getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect
      .poll(async () => (await chatOf(page, chatId)).transcript.map((item) => item.Content))
      .toContain('Back again');
  } finally {
    await endChat(page, chatId);
  }
});

test('a message over the 16,384-character limit is not cut: the customer is told, shortens it, and all of it arrives', async ({
  page,
}) => {
  const name = `Chat long ${Math.random().toString(36).slice(2, 8)}`;
  await openChatPage(page, name);
  const chatId = await startChat(page);
  try {
    const box = widget(page).getByRole('textbox', { name: 'Message' });
    const long = `${'0123456789'.repeat(1_638)}abcde`; // 16,385 characters
    await box.fill(long);
    await expect(widget(page).getByRole('alert')).toHaveText(
      'Too long to send. Characters over the limit: 1.',
    );
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, 'chat message too long');
    await box.press('Enter');
    await expect(box).toHaveValue(long);
    await expect(widget(page).locator('[data-role="customer"]')).toHaveCount(0);

    await box.press('End');
    await box.press('Backspace');
    await expect(widget(page).getByRole('alert')).toHaveCount(0);
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect
      .poll(async () =>
        (await chatOf(page, chatId)).transcript
          .filter((item) => item.Type === 'MESSAGE' && item.ParticipantRole === 'CUSTOMER')
          .map((item) =>
            item.Content === long.slice(0, 16_384) ? 'all of it' : item.Content?.length,
          ),
      )
      .toEqual(['all of it']);
  } finally {
    await endChat(page, chatId);
  }
});

test('the chat stays beside the video call it switched to: new messages counted, read and answered in the call', async ({
  page,
}) => {
  const name = `Chat kept ${Math.random().toString(36).slice(2, 8)}`;
  await openChatPage(page, name);
  const chatId = await startChat(page);
  try {
    await acceptChat(page, chatId);
    await widget(page).getByRole('button', { name: 'Switch to video call' }).click();
    await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
      'data-state',
      /waiting-for-agent|in-call/,
    );
    const chatButton = widget(page).locator('[data-control="chat"]');
    await expect(chatButton).toHaveAccessibleName('Chat');

    const sent = (await (
      await page.request.post(`/emulator/chats/${chatId}/messages`, {
        data: { Content: 'Can you read me your order number?' },
      })
    ).json()) as { Id?: string };
    await expect(chatButton).toHaveAccessibleName('Chat (1 new)');
    await expect(chatButton.locator('.connect-video-badge')).toHaveText('1');
    await expect(widget(page).locator('[data-chat-unread]')).toHaveText('Chat (1 new)');
    await expectNoAxeViolations(page, 'call with an unread chat message');

    await chatButton.click();
    const popover = widget(page).getByRole('dialog', { name: 'Chat' });
    await expect(popover.locator('[data-role="agent"]')).toContainText(
      'Can you read me your order number?',
    );
    await expect(chatButton).toHaveAccessibleName('Chat');
    await expect(popover.getByRole('button', { name: 'Switch to video call' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'chat beside the call');
    const box = popover.getByRole('textbox', { name: 'Message' });
    await expect(box).toBeFocused();
    await box.fill('A-1234');
    await box.press('Enter');
    await expect
      .poll(async () => (await chatOf(page, chatId)).transcript.map((item) => item.Content))
      .toContain('A-1234');
    // Seen in the call, so read: the agent's side says so.
    expect(sent.Id).toBeTruthy();
    await expect
      .poll(async () => {
        const item = (await chatOf(page, chatId)).transcript.find((i) => i.Id === sent.Id);
        return item?.MessageMetadata?.Receipts?.some((r) => !!r.ReadTimestamp) ?? false;
      })
      .toBe(true);

    await box.press('Escape');
    await expect(popover).toHaveCount(0);
    await expect(chatButton).toBeFocused();
    await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
      'data-state',
      /waiting-for-agent|in-call/,
    );

    // One more from the agent, then a reload: the call and the chat come back, and only the
    // message not yet read is new (the one read before the reload has the customer's receipt).
    await page.request.post(`/emulator/chats/${chatId}/messages`, {
      data: { Content: 'And your postcode?' },
    });
    await expect(chatButton).toHaveAccessibleName('Chat (1 new)');
    await page.reload();
    await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
      'data-state',
      /waiting-for-agent|in-call/,
    );
    await expect(chatButton).toHaveAccessibleName('Chat (1 new)');
    await chatButton.click();
    await expect(popover.locator('[data-role="agent"] .connect-video-chat-text')).toHaveText([
      'Can you read me your order number?',
      'And your postcode?',
    ]);
    await expect(chatButton).toHaveAccessibleName('Chat');
    await popover.getByRole('textbox', { name: 'Message' }).press('Escape');
    // The call ends; the chat goes on.
    await widget(page).getByRole('button', { name: 'End call' }).click();
    await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
      'data-state',
      'ended',
    );
    expect((await chatOf(page, chatId)).state).not.toBe('DISCONNECTED');
  } finally {
    await endActiveContactsOf(page.request, name);
    await endChat(page, chatId);
  }
});
