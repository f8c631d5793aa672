/// <reference types="amazon-connect-chatjs" />
import { createRequire } from 'node:module';
import { test, expect } from '@playwright/test';
import { uniqueName } from './support/agent-console';

const chatjsPath = createRequire(import.meta.url).resolve('amazon-connect-chatjs');

/**
 * The unmodified amazon-connect-chatjs in the browser, on a page of another origin than the
 * emulator's (`localhost` against `127.0.0.1`): the chat route, CORS on the Participant Service, the
 * websocket URL chatjs accepts, and the agent console's messages reaching the page.
 */
test('amazon-connect-chatjs in the browser chats with the agent through the emulator', async ({
  page,
  context,
  baseURL,
}) => {
  const name = uniqueName('Browser chat');
  const emulator = baseURL!.replace('localhost', '127.0.0.1');
  const pageOrigin = baseURL!.replace('127.0.0.1', 'localhost');
  await page.goto(`${pageOrigin}/`);
  await page.addScriptTag({ path: chatjsPath });

  const started = await page.evaluate(
    async ({ name, emulator }) => {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: name, initialMessage: 'Hello from the browser' }),
      });
      const chat = (await response.json()) as {
        ContactId: string;
        ParticipantId: string;
        ParticipantToken: string;
      };
      const { ChatSession } = (window as unknown as { connect: typeof connect }).connect;
      ChatSession.setGlobalConfig({
        region: 'us-east-1',
        endpoint: `${emulator}/emulator/participant`,
      } as connect.ChatGlobalConfig);
      const session = ChatSession.create({
        chatDetails: {
          contactId: chat.ContactId,
          participantId: chat.ParticipantId,
          participantToken: chat.ParticipantToken,
        },
        options: { region: 'us-east-1' },
        type: ChatSession.SessionTypes.CUSTOMER,
        disableCSM: true,
      });
      const seen: string[] = [];
      session.onMessage((event) => {
        const data = event.data as { Type?: string; Content?: string };
        if (data.Type === 'MESSAGE' && data.Content) seen.push(data.Content);
      });
      session.onEnded(() => seen.push('(ended)'));
      (window as unknown as { chat: unknown }).chat = { session, seen };
      const result = await session.connect();
      return { ContactId: chat.ContactId, connected: result.connectSuccess };
    },
    { name, emulator },
  );
  expect(started.connected).toBe(true);

  const agent = await context.newPage();
  await agent.goto(`${baseURL}/agent.html?displayName=${encodeURIComponent(name)}`);
  const row = agent.locator(`ul.chats > li[data-chat-id="${started.ContactId}"]`);
  await row.getByRole('button', { name: 'Accept chat' }).click();
  const current = agent.getByRole('region', { name: 'Current chat' });
  await expect(current.getByRole('list', { name: 'Transcript' })).toContainText(
    'Hello from the browser',
  );
  await current.getByLabel('Message').fill('Hello from the agent');
  await current.getByLabel('Message').press('Enter');

  const seen = () =>
    page.evaluate(() => (window as unknown as { chat: { seen: string[] } }).chat.seen);
  await expect.poll(seen).toContain('Hello from the agent');

  await page.evaluate(async () => {
    const { session } = (
      window as unknown as { chat: { session: { sendMessage(args: object): Promise<unknown> } } }
    ).chat;
    await session.sendMessage({ contentType: 'text/plain', message: 'Thank you' });
  });
  await expect(current.getByRole('list', { name: 'Transcript' })).toContainText('Thank you');

  await current.getByRole('button', { name: 'End chat' }).click();
  await expect.poll(seen).toContain('(ended)');
});
