import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DescribeContactCommand,
  StartChatContactCommand,
  type StartChatContactCommandInput,
  StopContactCommand,
} from '@aws-sdk/client-connect';
import {
  CreateParticipantConnectionCommand,
  GetTranscriptCommand,
  SendEventCommand,
  SendMessageCommand,
} from '@aws-sdk/client-connectparticipant';
import { WebSocket } from 'ws';
import {
  INSTANCE_ID,
  rejectionOf,
  startHarness,
  type Harness,
} from '../testing/emulator-harness.js';

/** StartChatContact and the chat's Participant Service through the real SDK clients. */
describe('StartChatContact', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    for (const chat of h.emulator.chats.list()) {
      if (chat.state !== 'DISCONNECTED') h.emulator.chats.endContact(chat.ContactId, 'API');
    }
  });

  const start = (overrides: Partial<Record<keyof StartChatContactCommandInput, unknown>> = {}) =>
    h.connect.send(
      new StartChatContactCommand({
        InstanceId: INSTANCE_ID,
        ContactFlowId: 'flow-chat',
        ParticipantDetails: { DisplayName: 'Ada Lovelace' },
        ...overrides,
      } as StartChatContactCommandInput),
    );
  const connection = (participantToken: string) =>
    h.participant.send(
      new CreateParticipantConnectionCommand({
        ParticipantToken: participantToken,
        Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
      }),
    );

  it('answers ContactId, ParticipantId and ParticipantToken, and DescribeContact says CHAT', async () => {
    const started = await start({ Attributes: { orderId: '42' }, ChatDurationInMinutes: 60 });
    expect(started).toMatchObject({
      ContactId: expect.any(String),
      ParticipantId: expect.any(String),
      ParticipantToken: expect.any(String),
    });
    const { Contact } = await h.connect.send(
      new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: started.ContactId }),
    );
    expect(Contact).toMatchObject({
      Id: started.ContactId,
      Channel: 'CHAT',
      InitiationMethod: 'API',
      Attributes: { orderId: '42' },
    });
    const chat = h.emulator.chats.get(started.ContactId as string);
    expect(Date.parse(chat!.expiresAt) - Date.parse(chat!.initiatedAt)).toBe(60 * 60_000);
  });

  it('returns the same chat for the same ClientToken, and a new one for another', async () => {
    const first = await start({ ClientToken: 'token-1' });
    const again = await start({ ClientToken: 'token-1' });
    const other = await start({ ClientToken: 'token-2' });
    expect(again).toMatchObject({
      ContactId: first.ContactId,
      ParticipantToken: first.ParticipantToken,
    });
    expect(other.ContactId).not.toBe(first.ContactId);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['no DisplayName', { ParticipantDetails: {} }, 'InvalidParameterException', 'DisplayName'],
    [
      'a DisplayName of 257 characters',
      { ParticipantDetails: { DisplayName: 'x'.repeat(257) } },
      'InvalidParameterException',
      'ParticipantDetails.DisplayName',
    ],
    [
      'ChatDurationInMinutes 59',
      { ChatDurationInMinutes: 59 },
      'InvalidParameterException',
      'ChatDurationInMinutes',
    ],
    [
      'ChatDurationInMinutes 10081',
      { ChatDurationInMinutes: 10_081 },
      'InvalidParameterException',
      'ChatDurationInMinutes',
    ],
    [
      'content types without text/plain',
      { SupportedMessagingContentTypes: ['text/markdown'] },
      'InvalidParameterException',
      'text/plain',
    ],
    [
      'an unknown content type',
      { SupportedMessagingContentTypes: ['text/plain', 'text/html'] },
      'InvalidParameterException',
      'SupportedMessagingContentTypes[1]',
    ],
    [
      'an InitialMessage of a type the chat does not support',
      { InitialMessage: { ContentType: 'text/markdown', Content: '**hi**' } },
      'InvalidParameterException',
      'InitialMessage.ContentType',
    ],
    [
      'an empty InitialMessage',
      { InitialMessage: { ContentType: 'text/plain', Content: '' } },
      'InvalidParameterException',
      'InitialMessage.Content',
    ],
    [
      'an InitialMessage of 16,385 characters',
      { InitialMessage: { ContentType: 'text/plain', Content: 'x'.repeat(16_385) } },
      'InvalidParameterException',
      'InitialMessage.Content',
    ],
    [
      'an attribute key with a space',
      { Attributes: { 'order id': '1' } },
      'InvalidParameterException',
      'Attributes.order id',
    ],
    [
      'a ClientToken of 501 characters',
      { ClientToken: 'x'.repeat(501) },
      'InvalidParameterException',
      'ClientToken',
    ],
    [
      'an unknown RehydrationType',
      { PersistentChat: { RehydrationType: 'SOME', SourceContactId: 'c' } },
      'InvalidParameterException',
      'PersistentChat.RehydrationType',
    ],
    [
      'both RelatedContactId and PersistentChat',
      {
        RelatedContactId: 'c-1',
        PersistentChat: { RehydrationType: 'ENTIRE_PAST_SESSION', SourceContactId: 'c-2' },
      },
      'InvalidRequestException',
      'RelatedContactId and PersistentChat',
    ],
    [
      'a PersistentChat of an unknown contact',
      { PersistentChat: { RehydrationType: 'ENTIRE_PAST_SESSION', SourceContactId: 'nope' } },
      'ResourceNotFoundException',
      'SourceContactId',
    ],
  ])('refuses %s with %s naming it, and starts nothing', async (_name, input, type, word) => {
    const before = h.emulator.chats.list().length;
    const error = await rejectionOf(start(input));
    expect(error.name).toBe(type);
    expect(error.message).toContain(word);
    expect(h.emulator.chats.list()).toHaveLength(before);
  });

  it('continues an ended chat (PersistentChat) with its messages', async () => {
    const first = await start({ InitialMessage: { ContentType: 'text/plain', Content: 'one' } });
    await h.connect.send(
      new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: first.ContactId }),
    );
    const next = await start({
      PersistentChat: { RehydrationType: 'ENTIRE_PAST_SESSION', SourceContactId: first.ContactId },
    });
    expect(next.ContinuedFromContactId).toBe(first.ContactId);
    const { ConnectionCredentials } = await connection(next.ParticipantToken as string);
    const { Transcript } = await h.participant.send(
      new GetTranscriptCommand({ ConnectionToken: ConnectionCredentials?.ConnectionToken }),
    );
    expect(Transcript?.filter((i) => i.Type === 'MESSAGE').map((i) => i.Content)).toEqual(['one']);
  });

  it('runs the flow in the chat: prompts as system messages, typed digits as input', async () => {
    const flow = {
      name: 'Chat menu',
      start: 'menu',
      queues: { Sales: {}, Support: {} },
      blocks: {
        menu: {
          type: 'getCustomerInput',
          prompt: 'menu',
          timeoutSeconds: 5,
          maxRetries: 0,
          digits: { '1': 'sales' },
          noInput: 'support',
          invalid: 'support',
        },
        sales: { type: 'transferToQueue', queue: 'Sales' },
        support: { type: 'transferToQueue', queue: 'Support' },
      },
    };
    expect((await h.admin('PUT', '/emulator/flows/flow-chat-menu', flow)).status).toBe(200);
    const started = await start({ ContactFlowId: 'flow-chat-menu' });
    const { Websocket, ConnectionCredentials } = await connection(started.ParticipantToken!);
    expect(Websocket?.Url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    const ws = new WebSocket(Websocket!.Url!);
    const items: Record<string, unknown>[] = [];
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { topic: string; content: string };
      if (frame.topic === 'aws/chat') items.push(JSON.parse(frame.content));
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }));
    const until = Date.now() + 3_000;
    while (!items.some((i) => i.ParticipantRole === 'SYSTEM') && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(items.find((i) => i.ParticipantRole === 'SYSTEM')).toMatchObject({
      Type: 'MESSAGE',
      Content: 'For sales, press 1. For support, press 2.',
      DisplayName: 'SYSTEM_MESSAGE',
    });
    await h.participant.send(
      new SendMessageCommand({
        ConnectionToken: ConnectionCredentials!.ConnectionToken,
        ContentType: 'text/plain',
        Content: '1',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.emulator.chats.get(started.ContactId!)?.queue?.Name).toBe('Sales');
    ws.close();
  });

  it('refuses bad messages and events with ValidationException naming the member', async () => {
    const started = await start();
    const { ConnectionCredentials } = await connection(started.ParticipantToken!);
    const ConnectionToken = ConnectionCredentials!.ConnectionToken;
    const cases: [Promise<unknown>, string][] = [
      [
        h.participant.send(
          new SendMessageCommand({ ConnectionToken, ContentType: 'text/markdown', Content: 'x' }),
        ),
        'ContentType',
      ],
      [
        h.participant.send(
          new SendMessageCommand({
            ConnectionToken,
            ContentType: 'text/plain',
            Content: 'x'.repeat(16_385),
          }),
        ),
        'Content',
      ],
      [
        h.participant.send(
          new SendEventCommand({ ConnectionToken, ContentType: 'application/vnd.bogus' }),
        ),
        'ContentType',
      ],
      [
        h.participant.send(
          new SendEventCommand({
            ConnectionToken,
            ContentType: 'application/vnd.amazonaws.connect.event.message.read',
            Content: JSON.stringify({ messageId: 'not-a-message' }),
          }),
        ),
        'messageId',
      ],
      [
        h.participant.send(new GetTranscriptCommand({ ConnectionToken, MaxResults: 101 })),
        'MaxResults',
      ],
      [
        h.participant.send(
          new GetTranscriptCommand({ ConnectionToken, StartPosition: { Id: 'nope' } }),
        ),
        'StartPosition.Id',
      ],
    ];
    for (const [call, word] of cases) {
      const error = await rejectionOf(call);
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain(word);
    }
    const chat = h.emulator.chats.get(started.ContactId!);
    expect(chat?.transcript.filter((i) => i.Type === 'MESSAGE')).toEqual([]);
  });

  it('keeps one message per SendMessage ClientToken, and refuses websockets without a valid URL token', async () => {
    const started = await start();
    const { Websocket, ConnectionCredentials } = await connection(started.ParticipantToken!);
    const send = () =>
      h.participant.send(
        new SendMessageCommand({
          ConnectionToken: ConnectionCredentials!.ConnectionToken,
          ContentType: 'text/plain',
          Content: 'once',
          ClientToken: 'message-token-1',
        }),
      );
    const first = await send();
    const again = await send();
    expect(again.Id).toBe(first.Id);
    const messages = h.emulator.chats
      .get(started.ContactId!)
      ?.transcript.filter((i) => i.Type === 'MESSAGE');
    expect(messages?.map((i) => i.Content)).toEqual(['once']);

    const forged = Websocket!.Url!.replace(/token=[^&]+/, 'token=forged');
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(forged);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('pages a transcript forward and backward in either sort order', async () => {
    const started = await start();
    const { ConnectionCredentials } = await connection(started.ParticipantToken!);
    const ConnectionToken = ConnectionCredentials!.ConnectionToken;
    for (const text of ['a', 'b', 'c', 'd', 'e']) {
      await h.participant.send(
        new SendMessageCommand({ ConnectionToken, ContentType: 'text/plain', Content: text }),
      );
    }
    const read = async (input: Record<string, unknown>) => {
      const out: string[][] = [];
      let NextToken: string | undefined;
      do {
        const page = await h.participant.send(
          new GetTranscriptCommand({ ConnectionToken, MaxResults: 2, ...input, NextToken }),
        );
        out.push(
          (page.Transcript ?? []).filter((i) => i.Type === 'MESSAGE').map((i) => i.Content!),
        );
        NextToken = page.NextToken;
      } while (NextToken);
      return out.filter((page) => page.length > 0);
    };
    // The first item is the customer's participant.joined event, hence the pages of one message.
    expect(await read({ ScanDirection: 'FORWARD', SortOrder: 'ASCENDING' })).toEqual([
      ['a'],
      ['b', 'c'],
      ['d', 'e'],
    ]);
    expect(await read({ ScanDirection: 'BACKWARD', SortOrder: 'DESCENDING' })).toEqual([
      ['e', 'd'],
      ['c', 'b'],
      ['a'],
    ]);
    expect(await read({ StartPosition: { MostRecent: 2 }, ScanDirection: 'BACKWARD' })).toEqual([
      ['b', 'c'],
      ['a'],
    ]);
  });

  it('refuses a chat beyond the concurrent chats quota with LimitExceededException', async () => {
    const small = await startHarness({ maxConcurrentChats: 1 });
    try {
      const send = () =>
        small.connect.send(
          new StartChatContactCommand({
            InstanceId: INSTANCE_ID,
            ContactFlowId: 'f',
            ParticipantDetails: { DisplayName: 'A' },
          }),
        );
      await send();
      const error = await rejectionOf(send());
      expect(error.name).toBe('LimitExceededException');
      expect(small.emulator.chats.list()).toHaveLength(1);
    } finally {
      await small.close();
    }
  });
});
