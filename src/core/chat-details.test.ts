import { describe, expect, it } from 'vitest';
import { createChatStore, parseChatDetails, STORED_CHAT_KEY } from './chat-details';

const details = {
  ContactId: 'c1',
  ParticipantId: 'p1',
  ParticipantToken: 't1',
  ChatHandle: 'h1',
};

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('parseChatDetails', () => {
  it('names the missing field', () => {
    expect(parseChatDetails({ ...details, extra: 1 })).toEqual(details);
    expect(() => parseChatDetails({ ...details, ChatHandle: undefined })).toThrow(
      '(chat response).ChatHandle must be a string',
    );
    expect(() => parseChatDetails(null)).toThrow('(chat response).ContactId must be a string');
  });
});

describe('createChatStore', () => {
  it('gives the chat back to the same configuration only, until cleared', () => {
    const storage = memoryStorage();
    createChatStore(storage, '/api/chat').save(details, 'Ada');
    expect(createChatStore(storage, '/other/chat').load()).toBeUndefined();
    const store = createChatStore(storage, '/api/chat');
    expect(store.load()).toEqual({ details, displayName: 'Ada' });
    store.clear();
    expect(store.load()).toBeUndefined();
  });

  it('drops what it cannot read', () => {
    const storage = memoryStorage();
    storage.setItem(STORED_CHAT_KEY, '{"version":1,"source":"/api/chat","details":{}}');
    expect(createChatStore(storage, '/api/chat').load()).toBeUndefined();
    expect(storage.items.has(STORED_CHAT_KEY)).toBe(false);
    storage.setItem(STORED_CHAT_KEY, 'not json');
    expect(createChatStore(storage, '/api/chat').load()).toBeUndefined();
  });
});
