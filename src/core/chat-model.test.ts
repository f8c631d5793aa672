import { describe, expect, it, vi } from 'vitest';
import { CHAT_EVENT, createChatModel, TYPING_SHOWN_MS, type ChatItem } from './chat-model';
import { WidgetError } from './widget-error';

const message = (id: string, role: string, content: string, extra: Partial<ChatItem> = {}) =>
  ({
    Id: id,
    Type: 'MESSAGE',
    ContentType: 'text/plain',
    Content: content,
    ParticipantRole: role,
    DisplayName: role === 'AGENT' ? 'Sam' : 'Ada',
    AbsoluteTime: '2026-01-01T00:00:00.000Z',
    ...extra,
  }) satisfies ChatItem;
const event = (contentType: string, role = 'AGENT', id = contentType): ChatItem => ({
  Id: id,
  Type: 'EVENT',
  ContentType: contentType,
  ParticipantRole: role,
  DisplayName: 'Sam',
});
const receipt = (messageId: string, kind: 'Read' | 'Delivered'): ChatItem => ({
  Type: 'MESSAGEMETADATA',
  MessageMetadata: { MessageId: messageId, Receipts: [{ [`${kind}Timestamp`]: 'now' }] },
});

describe('createChatModel', () => {
  it('keeps the transcript in order, once per message, with markdown marked', () => {
    const model = createChatModel();
    model.apply(message('1', 'CUSTOMER', 'Hello'));
    model.apply(event(CHAT_EVENT.joined, 'AGENT', 'j1'));
    model.apply(message('2', 'AGENT', '**Hi**', { ContentType: 'text/markdown' }));
    model.apply(message('2', 'AGENT', '**Hi**', { ContentType: 'text/markdown' }));
    expect(model.entries.value.map((e) => e.id)).toEqual(['1', 'j1', '2']);
    expect(model.entries.value[2]).toMatchObject({ role: 'agent', name: 'Sam', markdown: true });
    expect(model.lastIncoming.value?.id).toBe('2');
  });

  it('follows the customer’s message from sending to read, never backwards', () => {
    const model = createChatModel();
    model.sending('local-1', 'Where is my order?', 'Ada');
    expect(model.entries.value[0]).toMatchObject({ id: 'local-1', receipt: 'sending' });
    model.sent('local-1', 'm1');
    expect(model.entries.value[0]).toMatchObject({ id: 'm1', receipt: 'sent' });
    model.apply(receipt('m1', 'Delivered'));
    expect(model.entries.value[0]).toMatchObject({ receipt: 'delivered' });
    model.apply(receipt('m1', 'Read'));
    model.apply(receipt('m1', 'Delivered'));
    expect(model.entries.value[0]).toMatchObject({ receipt: 'read' });
    // The websocket's copy of the same message changes nothing.
    model.apply(message('m1', 'CUSTOMER', 'Where is my order?'));
    expect(model.entries.value).toHaveLength(1);
  });

  it('keeps one copy when the websocket echo comes before SendMessage answers', () => {
    const model = createChatModel();
    model.sending('local-1', 'Hi', 'Ada');
    model.apply(message('m1', 'CUSTOMER', 'Hi'));
    model.sent('local-1', 'm1');
    expect(model.entries.value.map((e) => e.id)).toEqual(['m1']);
  });

  it('keeps a receipt that came before its message (a transcript still loading)', () => {
    const model = createChatModel();
    model.apply(receipt('m1', 'Read'));
    model.apply(message('m1', 'CUSTOMER', 'Hi'));
    expect(model.entries.value[0]).toMatchObject({ receipt: 'read' });
  });

  it('counts the agent’s messages the customer has not read; a reload keeps what was read', () => {
    const readBy = (participantId: string): ChatItem['MessageMetadata'] => ({
      MessageId: 'a1',
      Receipts: [{ RecipientParticipantId: participantId, ReadTimestamp: 'then' }],
    });
    // The transcript after a reload: a1 was read by this customer before it; a2 by someone else only.
    const model = createChatModel();
    model.identify('customer-1');
    model.apply(message('a1', 'AGENT', 'Hello', { MessageMetadata: readBy('customer-1') }));
    model.apply(
      message('a2', 'AGENT', 'Still there?', {
        MessageMetadata: { ...readBy('supervisor'), MessageId: 'a2' },
      }),
    );
    model.apply(message('c1', 'CUSTOMER', 'Yes'));
    expect(model.unread.value).toBe(1);
    model.markRead('a2');
    expect(model.unread.value).toBe(0);
    // A receipt that comes before its message (the transcript still loading).
    model.apply({
      Type: 'MESSAGEMETADATA',
      MessageMetadata: { ...readBy('customer-1'), MessageId: 'a3' },
    });
    model.apply(message('a3', 'AGENT', 'Good'));
    model.apply(message('a4', 'AGENT', 'New'));
    expect(model.unread.value).toBe(1);
    // The customer's own read receipt on the agent's message is not the agent reading the customer's.
    model.apply({
      Type: 'MESSAGEMETADATA',
      MessageMetadata: { ...readBy('customer-1'), MessageId: 'c1' },
    });
    expect(model.entries.value.find((e) => e.id === 'c1')).toMatchObject({ receipt: 'sent' });
    model.reset();
    expect(model.unread.value).toBe(0);
  });

  it('marks a message that could not be sent', () => {
    const model = createChatModel();
    model.sending('local-1', 'Hi', 'Ada');
    model.sendFailed('local-1');
    expect(model.entries.value[0]).toMatchObject({ receipt: 'failed' });
  });

  it('shows the agent typing until they send or a while passes', () => {
    vi.useFakeTimers();
    try {
      const model = createChatModel();
      model.apply(event(CHAT_EVENT.typing, 'CUSTOMER'));
      expect(model.agentTyping.value).toBe(false);
      model.apply(event(CHAT_EVENT.typing));
      expect(model.agentTyping.value).toBe(true);
      model.apply(message('2', 'AGENT', 'Hi'));
      expect(model.agentTyping.value).toBe(false);
      model.apply(event(CHAT_EVENT.typing));
      vi.advanceTimersByTime(TYPING_SHOWN_MS - 1);
      expect(model.agentTyping.value).toBe(true);
      vi.advanceTimersByTime(1);
      expect(model.agentTyping.value).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says who ended the chat', () => {
    const byAgent = createChatModel();
    byAgent.setStatus('connected');
    byAgent.apply(event(CHAT_EVENT.left, 'AGENT', 'l1'));
    byAgent.apply(event(CHAT_EVENT.ended, 'SYSTEM', 'e1'));
    expect([byAgent.status.value, byAgent.endedBy.value]).toEqual(['ended', 'agent']);

    const bySystem = createChatModel();
    bySystem.setStatus('connected');
    bySystem.apply(event(CHAT_EVENT.ended, 'SYSTEM', 'e1'));
    expect(bySystem.endedBy.value).toBe('system');

    const byCustomer = createChatModel();
    byCustomer.setStatus('connected');
    byCustomer.ended('customer');
    byCustomer.apply(event(CHAT_EVENT.ended, 'SYSTEM', 'e1'));
    expect(byCustomer.endedBy.value).toBe('customer');
    byCustomer.setStatus('reconnecting');
    expect(byCustomer.status.value).toBe('ended');
  });

  it('fails with the error, and starts over after reset', () => {
    const model = createChatModel();
    model.setStatus('starting');
    model.failed(new WidgetError('token-endpoint-rejected', 'HTTP 403'));
    expect(model.status.value).toBe('failed');
    expect(model.error.value?.code).toBe('token-endpoint-rejected');
    model.reset();
    expect([model.status.value, model.error.value, model.entries.value]).toEqual([
      'idle',
      undefined,
      [],
    ]);
  });
});
