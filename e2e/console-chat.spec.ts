import { test, expect } from '@playwright/test';
import {
  CreateParticipantConnectionCommand,
  SendEventCommand,
  SendMessageCommand,
} from '@aws-sdk/client-connectparticipant';
import { WebSocket } from 'ws';
import { uniqueName } from './support/agent-console';
import { connectClients } from './support/connect-clients';

/**
 * The agent console answers a chat beside its calls: the chat starts at the token endpoint's
 * /api/chat, the customer speaks the Participant Service (the SDK and its websocket, as
 * amazon-connect-chatjs does), the agent uses the console page.
 */
test('the agent console accepts a chat, sees the customer type and read, replies and ends it', async ({
  page,
  request,
  baseURL,
}) => {
  const name = uniqueName('Chatter');
  const started = await request.post('/api/chat', {
    headers: { origin: baseURL! },
    data: { displayName: name, initialMessage: 'Hello, is anyone there?' },
  });
  expect(started.status()).toBe(200);
  const chat = (await started.json()) as { ContactId: string; ParticipantToken: string };

  const { participant } = connectClients(baseURL!);
  const { Websocket, ConnectionCredentials } = await participant.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: chat.ParticipantToken,
      Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
    }),
  );
  const ConnectionToken = ConnectionCredentials!.ConnectionToken!;
  const received: { ContentType: string; ParticipantRole?: string; Content?: string }[] = [];
  const socket = new WebSocket(Websocket!.Url!);
  socket.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { topic: string; content: string };
    if (frame.topic === 'aws/chat') received.push(JSON.parse(frame.content));
  });
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }));

  try {
    await page.goto(`/agent.html?displayName=${encodeURIComponent(name)}`);
    const row = page.locator(`ul.chats > li[data-chat-id="${chat.ContactId}"]`);
    await expect(row).toContainText(name);
    await row.getByRole('button', { name: 'Accept chat' }).click();
    const current = page.getByRole('region', { name: 'Current chat' });
    await expect(current.getByRole('list', { name: 'Transcript' })).toContainText(
      'Hello, is anyone there?',
    );

    // The customer types: the console says so.
    await participant.send(
      new SendEventCommand({
        ConnectionToken,
        ContentType: 'application/vnd.amazonaws.connect.event.typing',
      }),
    );
    await expect(current.getByRole('status')).toHaveText(`${name} is typing…`);

    // The agent replies (typing first, as chatjs does); the customer gets both on the websocket.
    await current.getByLabel('Message').pressSequentially('How can I help?');
    await current.getByLabel('Message').press('Enter');
    await expect.poll(() => received.map((i) => i.Content)).toContain('How can I help?');
    expect(
      received.some(
        (i) =>
          i.ContentType === 'application/vnd.amazonaws.connect.event.typing' &&
          i.ParticipantRole === 'AGENT',
      ),
    ).toBe(true);

    // The customer reads the reply: the agent's message shows it.
    const reply = received.find((i) => i.Content === 'How can I help?') as unknown as {
      Id: string;
    };
    await participant.send(
      new SendEventCommand({
        ConnectionToken,
        ContentType: 'application/vnd.amazonaws.connect.event.message.read',
        Content: JSON.stringify({ messageId: reply.Id }),
      }),
    );
    await expect(current.locator(`li[data-message-id="${reply.Id}"] .receipt`)).toHaveText(
      ' (Read)',
    );
    // The console marked the customer's message read, as an agent's application does.
    await expect
      .poll(() => received.some((i) => (i as { Type?: string }).Type === 'MESSAGEMETADATA'))
      .toBe(true);

    // A message from the customer appears; then the agent ends the chat.
    await participant.send(
      new SendMessageCommand({ ConnectionToken, ContentType: 'text/plain', Content: 'Thanks!' }),
    );
    await expect(current.getByRole('list', { name: 'Transcript' })).toContainText('Thanks!');
    await current.getByRole('button', { name: 'End chat' }).click();
    await expect(row).toHaveAttribute('data-state', 'DISCONNECTED');
    await expect
      .poll(() => received.map((i) => i.ContentType))
      .toContain('application/vnd.amazonaws.connect.event.chat.ended');
  } finally {
    socket.close();
    participant.destroy();
    await request.post(`/emulator/chats/${chat.ContactId}/end`, { data: {} }).catch(() => null);
  }
});
