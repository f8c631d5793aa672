import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { widget } from './widget-call';

/** The emulator's view of a chat (GET /emulator/chats/:id). */
export interface ChatView {
  state: string;
  transcript: {
    Id: string;
    Type?: string;
    Content?: string;
    ParticipantRole?: string;
    MessageMetadata?: { Receipts?: { ReadTimestamp?: string }[] };
  }[];
}

export const TRANSCRIPT = 'Conversation';

/**
 * The demo page (the script tag) offering video and chat, opened at the address `npm start` prints
 * (`http://localhost:<port>`), while the emulator names its chat websocket `ws://127.0.0.1:<port>`
 * (amazon-connect-chatjs accepts only that or `wss://`): the way a new user first meets chat.
 */
export async function openChatPage(page: Page, name: string, query = '') {
  await page.goto(`/?name=${encodeURIComponent(name)}&channels=video+chat${query}`);
}

export async function startChat(page: Page): Promise<string> {
  await widget(page).getByRole('button', { name: 'Contact us' }).click();
  await expectNoAxeViolations(page, 'chat offered');
  await widget(page).getByRole('button', { name: 'Start chat' }).click();
  await expect(widget(page).locator('.connect-video-chat')).toHaveAttribute(
    'data-chat-status',
    'connected',
  );
  // The chat's styles come with its chunk (src/ui/chat-styles.ts): adopted, the transcript scrolls.
  await expect(widget(page).getByRole('list', { name: TRANSCRIPT })).toHaveCSS(
    'overflow-y',
    'auto',
  );
  return chatIdOf(page);
}

/** The chat as the emulator holds it (its admin route). */
export const chatOf = async (page: Page, chatId: string) =>
  (await (await page.request.get(`/emulator/chats/${chatId}`)).json()) as ChatView;

/**
 * The agent accepts the chat at the emulator, once its contact flow has put it in a queue: until
 * then the emulator refuses (as an agent cannot take a chat that is not offered yet), which a busy
 * machine makes last a moment after the customer is connected.
 */
export async function acceptChat(page: Page, chatId: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (await page.request.post(`/emulator/chats/${chatId}/accept`, { data: {} })).status(),
      { message: 'the agent accepts the chat' },
    )
    .toBe(200);
}

/** Ends the chat at the emulator, whatever state it is in (a test's cleanup). */
export const endChat = (page: Page, chatId: string) =>
  page.request.post(`/emulator/chats/${chatId}/end`, { data: {} }).catch(() => null);

export const chatIdOf = (page: Page) =>
  page.evaluate(
    () =>
      (
        JSON.parse(sessionStorage.getItem('connect-video:chat') ?? '{}') as {
          details?: { ContactId: string };
        }
      ).details?.ContactId ?? '',
  );
