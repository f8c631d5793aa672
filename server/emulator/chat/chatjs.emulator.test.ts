/// <reference types="amazon-connect-chatjs" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartChatContactCommand } from '@aws-sdk/client-connect';
import { INSTANCE_ID, startHarness, type Harness } from '../testing/emulator-harness.js';
import { loadChatJs } from '../testing/chatjs-in-node.js';
import type { ChatContactView } from './chat-store.js';

/**
 * The acceptance test of the emulated chat: the unmodified amazon-connect-chatjs (the official
 * customer-side library) against the emulator, as a widget would use it: connect, send, receive,
 * typing, receipts, transcript, end. The agent's side is the agent console's admin routes.
 */
/** chatjs's typings allow a response without data (void); an answer here must have it. */
function dataOf<T>(response: { data: T | void }): T {
  if (response.data === undefined) throw new Error('chatjs answered without data.');
  return response.data as T;
}

describe('amazon-connect-chatjs against the emulated Participant Service', () => {
  let harness: Harness;
  let ChatSession: typeof connect.ChatSession;

  beforeAll(async () => {
    harness = await startHarness();
    ChatSession = loadChatJs();
    // `endpoint` is what chatjs's GlobalConfig.update reads (src/globalConfig.js) for its
    // Participant Service client, but its typings do not declare it.
    ChatSession.setGlobalConfig({
      region: 'us-east-1',
      endpoint: `${harness.app.url}/emulator/participant`,
      // Receipts at once rather than after chatjs's default 5 s of throttling.
      features: { messageReceipts: { shouldSendMessageReceipts: true, throttleTime: 10 } },
    } as connect.ChatGlobalConfig);
  });
  afterAll(async () => {
    await harness?.close();
  });

  const waitFor = async <T>(
    what: string,
    probe: () => T | null | undefined,
    ms = 5_000,
  ): Promise<T> => {
    const until = Date.now() + ms;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== null) return value;
      if (Date.now() > until) throw new Error(`Timed out waiting for ${what}.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const chatOf = async (contactId: string) =>
    (await harness.admin('GET', `/emulator/chats/${contactId}`)).body as unknown as ChatContactView;

  it('connects, sends, receives, types, reads, pages the transcript and ends', async () => {
    const started = await harness.connect.send(
      new StartChatContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: 'flow-chat',
        ParticipantDetails: { DisplayName: 'Ada Lovelace' },
        InitialMessage: { ContentType: 'text/plain', Content: 'Hello, I need help.' },
        SupportedMessagingContentTypes: ['text/plain', 'text/markdown'],
      }),
    );
    const session = ChatSession.create({
      chatDetails: {
        contactId: started.ContactId as string,
        participantId: started.ParticipantId as string,
        participantToken: started.ParticipantToken as string,
      },
      options: { region: 'us-east-1' },
      type: ChatSession.SessionTypes.CUSTOMER,
      disableCSM: true,
    });
    const received: Record<string, unknown>[] = [];
    const typing: Record<string, unknown>[] = [];
    const read: Record<string, unknown>[] = [];
    const delivered: Record<string, unknown>[] = [];
    let ended = false;
    session.onMessage((event) => received.push(event.data as unknown as Record<string, unknown>));
    session.onTyping((event) => typing.push(event.data as unknown as Record<string, unknown>));
    session.onReadReceipt((event) => read.push(event.data as unknown as Record<string, unknown>));
    session.onDeliveredReceipt((event) =>
      delivered.push(event.data as unknown as Record<string, unknown>),
    );
    session.onEnded(() => {
      ended = true;
    });

    const result = await session.connect();
    expect(result.connectSuccess).toBe(true);
    // The websocket subscription acknowledges the customer: the flow runs and queues the chat.
    await waitFor(
      'the chat to be queued',
      () => harness.emulator.chats.get(started.ContactId!)?.queue,
    );

    const sent = dataOf(
      await session.sendMessage({ contentType: 'text/markdown', message: '**Order 42**' }),
    );
    expect(sent.Id).toEqual(expect.any(String));
    await waitFor('the customer’s own message on the websocket', () =>
      received.find((m) => m.Id === sent.Id),
    );

    expect(
      (await harness.admin('POST', `/emulator/chats/${started.ContactId}/accept`, {})).status,
    ).toBe(200);
    await waitFor('the agent joining', () =>
      received.find(
        (m) =>
          m.ContentType === 'application/vnd.amazonaws.connect.event.participant.joined' &&
          m.ParticipantRole === 'AGENT',
      ),
    );

    await harness.admin('POST', `/emulator/chats/${started.ContactId}/events`, {
      ContentType: 'application/vnd.amazonaws.connect.event.typing',
    });
    await waitFor('the agent typing', () => typing.find((t) => t.ParticipantRole === 'AGENT'));

    const reply = (
      await harness.admin('POST', `/emulator/chats/${started.ContactId}/messages`, {
        Content: 'Hello Ada, how can I help?',
      })
    ).body as { Id: string };
    const incoming = await waitFor('the agent’s message', () =>
      received.find((m) => m.Id === reply.Id),
    );
    expect(incoming).toMatchObject({
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'Hello Ada, how can I help?',
      ParticipantRole: 'AGENT',
      ContactId: started.ContactId,
      InitialContactId: started.ContactId,
    });

    // The customer types and reads the reply: the agent console sees both.
    await session.sendEvent({ contentType: 'application/vnd.amazonaws.connect.event.typing' });
    await session.sendEvent({
      contentType: 'application/vnd.amazonaws.connect.event.message.read',
      content: JSON.stringify({ messageId: reply.Id }),
    });
    const afterRead = await chatOf(started.ContactId as string);
    expect(afterRead.typing.customer).toEqual(expect.any(String));
    expect(afterRead.transcript.find((i) => i.Id === reply.Id)?.MessageMetadata?.Receipts).toEqual([
      { RecipientParticipantId: started.ParticipantId, ReadTimestamp: expect.any(String) },
    ]);

    // The agent's receipts of the customer's message reach chatjs as receipt events.
    for (const type of ['delivered', 'read']) {
      await harness.admin('POST', `/emulator/chats/${started.ContactId}/events`, {
        ContentType: `application/vnd.amazonaws.connect.event.message.${type}`,
        Content: JSON.stringify({ messageId: sent.Id }),
      });
    }
    await waitFor('the delivered receipt', () =>
      delivered.find((r) => (r.MessageMetadata as { MessageId: string }).MessageId === sent.Id),
    );
    await waitFor('the read receipt', () =>
      read.find((r) => (r.MessageMetadata as { MessageId: string }).MessageId === sent.Id),
    );

    // The transcript, newest first in pages of two, as a widget restores it after a reload.
    const pages: Record<string, unknown>[][] = [];
    let nextToken: string | undefined;
    do {
      const page = dataOf(
        await session.getTranscript({
          maxResults: 2,
          scanDirection: 'BACKWARD',
          sortOrder: 'ASCENDING',
          ...(nextToken && { nextToken }),
        }),
      );
      expect(page.InitialContactId).toBe(started.ContactId);
      pages.push(page.Transcript as unknown as Record<string, unknown>[]);
      nextToken = page.NextToken;
    } while (nextToken);
    const all = pages.reverse().flat();
    expect(all.filter((i) => i.Type === 'MESSAGE').map((i) => i.Content)).toEqual([
      'Hello, I need help.',
      '**Order 42**',
      'Hello Ada, how can I help?',
    ]);
    expect(
      all.every(
        (item, index) => index === 0 || item.AbsoluteTime! >= all[index - 1]!.AbsoluteTime!,
      ),
    ).toBe(true);
    const ownMessage = all.find((i) => i.Id === sent.Id) as {
      MessageMetadata?: { Receipts: unknown[] };
    };
    expect(ownMessage.MessageMetadata?.Receipts).toEqual([
      expect.objectContaining({ ReadTimestamp: expect.any(String) }),
    ]);

    await session.disconnectParticipant();
    await waitFor('chatjs to report the chat ended', () => ended || undefined);
    const after = await chatOf(started.ContactId as string);
    expect(after).toMatchObject({ state: 'DISCONNECTED', disconnectReason: 'CUSTOMER_DISCONNECT' });
    expect(after.transcript.slice(-2).map((i) => i.ContentType)).toEqual([
      'application/vnd.amazonaws.connect.event.participant.left',
      'application/vnd.amazonaws.connect.event.chat.ended',
    ]);
  });

  it('tells chatjs the chat ended when the agent ends it', async () => {
    const started = await harness.connect.send(
      new StartChatContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: 'flow-chat',
        ParticipantDetails: { DisplayName: 'Grace Hopper' },
      }),
    );
    const session = ChatSession.create({
      chatDetails: {
        contactId: started.ContactId as string,
        participantId: started.ParticipantId as string,
        participantToken: started.ParticipantToken as string,
      },
      options: { region: 'us-east-1' },
      type: ChatSession.SessionTypes.CUSTOMER,
      disableCSM: true,
    });
    let ended = false;
    session.onEnded(() => {
      ended = true;
    });
    await session.connect();
    await waitFor(
      'the chat to be queued',
      () => harness.emulator.chats.get(started.ContactId!)?.queue,
    );
    expect(
      (await harness.admin('POST', `/emulator/chats/${started.ContactId}/accept`, {})).status,
    ).toBe(200);
    expect(
      (await harness.admin('POST', `/emulator/chats/${started.ContactId}/end`, {})).status,
    ).toBe(200);
    await waitFor('chatjs to report the chat ended', () => ended || undefined);
    expect(harness.emulator.chats.get(started.ContactId!)?.disconnectReason).toBe(
      'AGENT_DISCONNECT',
    );
  });
});
