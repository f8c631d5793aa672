import { test, expect } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { expectNoAxeViolations } from './support/axe';
import { endActiveContactsOf } from './support/emulator-contacts';
import { widget } from './support/widget-call';
import {
  TRANSCRIPT,
  acceptChat,
  chatIdOf,
  chatOf,
  endChat,
  openChatPage,
  startChat,
} from './support/widget-chat';

/**
 * The widget's chat (issue 17) against the emulator: the script tag offers video and chat, the
 * customer chats through amazon-connect-chatjs with the agent console, a reload brings the same
 * chat back, hostile messages stay text, and "Switch to video call" starts a call related to it.
 */

test('a whole chat with the agent console: both ways, typing, receipts, a reload, the agent ends it', async ({
  page,
  context,
}) => {
  const name = uniqueName('Widget chat');
  await openChatPage(page, name);
  const chatId = await startChat(page);
  expect(chatId).not.toBe('');
  await expectNoAxeViolations(page, 'chat connected');

  const agent = await context.newPage();
  try {
    await agent.goto(`/agent.html?displayName=${encodeURIComponent(name)}`);
    const row = agent.locator(`ul.chats > li[data-chat-id="${chatId}"]`);
    await row.getByRole('button', { name: 'Accept chat' }).click();
    const current = agent.getByRole('region', { name: 'Current chat' });

    // The customer writes; Enter sends.
    const box = widget(page).getByRole('textbox', { name: 'Message' });
    await box.pressSequentially('Where is my order?');
    await expect(current.getByRole('status')).toHaveText(`${name} is typing…`);
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(current.getByRole('list', { name: 'Transcript' })).toContainText(
      'Where is my order?',
    );
    const mine = widget(page).locator('[data-role="customer"]', { hasText: 'Where is my order?' });
    // The console shows the message, so it marks it read: the customer sees that.
    await expect(mine.locator('[data-receipt]')).toHaveAttribute('data-receipt', 'read');
    await expect(mine.locator('[data-receipt]')).toHaveText('Read');

    // The agent types, then answers.
    await current.getByLabel('Message').pressSequentially('Let me check');
    await expect(widget(page).getByText('The agent is typing…')).toBeVisible();
    await expectNoAxeViolations(page, 'chat, the agent typing');
    await current.getByLabel('Message').press('Enter');
    const reply = widget(page).locator('[data-role="agent"]', { hasText: 'Let me check' });
    await expect(reply).toBeVisible();
    await expect(widget(page).getByText('The agent is typing…')).toHaveCount(0);
    // Announced to screen readers.
    await expect(widget(page).locator('[data-chat-live-region]')).toContainText('Let me check');
    // The widget marked the agent's message read: the console says so.
    const replyId = await reply.getAttribute('data-message-id');
    await expect(agent.locator(`li[data-message-id="${replyId}"] .receipt`)).toHaveText(' (Read)');

    // A reload: the same chat, its transcript back, and it still works both ways.
    await page.reload();
    await expect(widget(page).locator('.connect-video-chat')).toHaveAttribute(
      'data-chat-status',
      'connected',
    );
    const transcript = widget(page).getByRole('list', { name: TRANSCRIPT });
    await expect(transcript).toContainText('Where is my order?');
    await expect(transcript).toContainText('Let me check');
    expect(await chatIdOf(page)).toBe(chatId);
    await expect(
      widget(page).locator('[data-role="customer"]', { hasText: 'Where is my order?' }),
    ).toHaveCount(1);
    await widget(page).getByRole('textbox', { name: 'Message' }).fill('Still here');
    await widget(page).getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(current.getByRole('list', { name: 'Transcript' })).toContainText('Still here');

    // The agent ends the chat: the customer is told, and nothing comes back after a reload.
    await current.getByRole('button', { name: 'End chat' }).click();
    await expect(widget(page).locator('.connect-video-chat-ended')).toHaveText(
      /The agent ended the chat\./,
    );
    await expectNoAxeViolations(page, 'chat ended by the agent');
    await page.reload();
    await expect(widget(page).getByRole('button', { name: 'Contact us' })).toBeVisible();
    await expect(widget(page).locator('.connect-video-panel')).toHaveCount(0);
  } finally {
    await endChat(page, chatId);
    await agent.close();
  }
});

test('hostile message content from the agent is inert: no script runs, nothing remote loads', async ({
  page,
}) => {
  const name = uniqueName('Hostile chat');
  const remote: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('evil.example') || request.url().includes('/pixel'))
      remote.push(request.url());
  });
  await openChatPage(page, name);
  const chatId = await startChat(page);
  try {
    await acceptChat(page, chatId);
    const hostile = [
      '<script>window.__pwned = 1</script>',
      '<img src="/pixel.gif" onerror="window.__pwned = 2">',
      '[click](javascript:window.__pwned=3)',
      '![tracker](https://evil.example/pixel.gif)',
      '&lt;b&gt; **bold** [help](https://help.example/)',
    ].join('\n');
    for (const ContentType of ['text/markdown', 'text/plain']) {
      const sent = await page.request.post(`/emulator/chats/${chatId}/messages`, {
        data: { Content: hostile, ContentType },
      });
      expect(sent.status()).toBe(200);
    }
    const messages = widget(page).locator('[data-role="agent"]');
    await expect(messages).toHaveCount(2);
    const markdown = messages.nth(0);
    await expect(markdown).toContainText('<script>window.__pwned = 1</script>');
    await expect(markdown).toContainText('<img src="/pixel.gif" onerror="window.__pwned = 2">');
    await expect(markdown.locator('strong')).toHaveText('bold');
    // Only the https link is a link, opened without opener or referrer.
    await expect(markdown.locator('a')).toHaveCount(1);
    await expect(markdown.locator('a')).toHaveAttribute('href', 'https://help.example/');
    await expect(markdown.locator('a')).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(markdown).toContainText('click');
    await expect(markdown).toContainText('tracker');
    await expect(markdown).toContainText('&lt;b&gt;');
    // Plain text is plain: the markdown markers stay as typed.
    await expect(messages.nth(1)).toContainText('**bold**');
    await expect(messages.nth(1).locator('a, strong, img')).toHaveCount(0);
    await expect(widget(page).locator('img, script, iframe')).toHaveCount(0);
    // Clicking the javascript: text runs nothing.
    await markdown.getByText('click').click();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(remote).toEqual([]);
    await expectNoAxeViolations(page, 'chat with hostile messages');
  } finally {
    await endChat(page, chatId);
  }
});

test('"Switch to video call" starts a call related to the chat, and ends the chat when the host says so', async ({
  page,
}) => {
  const name = uniqueName('Chat to video');
  await openChatPage(page, name, '&chatOnVideo=end');
  const chatId = await startChat(page);
  try {
    await widget(page).getByRole('button', { name: 'Switch to video call' }).click();
    await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
      'data-state',
      /waiting-for-agent|in-call/,
    );
    const { contacts } = (await (await page.request.get('/emulator/contacts')).json()) as {
      contacts: { DisplayName: string; RelatedContactId: string | null; ContactId: string }[];
    };
    const calls = contacts.filter((contact) => contact.DisplayName === name);
    expect(calls.map((call) => call.RelatedContactId)).toEqual([chatId]);
    // chatOnVideo "end": the chat ends once the call has its contact.
    await expect.poll(() => chatOf(page, chatId).then((chat) => chat.state)).toBe('DISCONNECTED');
  } finally {
    await endActiveContactsOf(page.request, name);
    await endChat(page, chatId);
  }
});

test('a refused chat route tells the customer, who can try again', async ({ page }) => {
  const name = uniqueName('Chat refused');
  let refuse = true;
  await page.route('**/api/chat', (route) =>
    refuse
      ? route.fulfill({
          status: 403,
          contentType: 'application/json',
          body: JSON.stringify({ code: 'ChatNotAllowed', message: 'Chat is not enabled.' }),
        })
      : route.fallback(),
  );
  await openChatPage(page, name);
  await widget(page).getByRole('button', { name: 'Contact us' }).click();
  await widget(page).getByRole('button', { name: 'Start chat' }).click();
  await expect(widget(page).getByRole('alert')).toContainText('The chat could not be started.');
  await expectNoAxeViolations(page, 'chat refused');
  refuse = false;
  await widget(page).getByRole('button', { name: 'Try again' }).click();
  await expect(widget(page).locator('.connect-video-chat')).toHaveAttribute(
    'data-chat-status',
    'connected',
  );
  const chatId = await chatIdOf(page);
  await widget(page).getByRole('button', { name: 'End chat' }).click();
  await expect(widget(page).locator('.connect-video-chat-ended')).toHaveText(
    /You ended the chat\./,
  );
  await expect.poll(() => chatOf(page, chatId).then((chat) => chat.state)).toBe('DISCONNECTED');
});
