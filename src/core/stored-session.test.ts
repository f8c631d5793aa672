import { describe, expect, it } from 'vitest';
import { createSessionStore, REJOIN_WINDOW_MS, STORED_SESSION_KEY } from './stored-session';
import { sessionFixture } from './testing/session-fixture';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const response = sessionFixture({ Customer: { Video: 'SEND' } });

describe('createSessionStore', () => {
  it('gives back the saved session within the rejoin window', () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    createSessionStore(storage, '/api/session', () => now).save(response);
    now += REJOIN_WINDOW_MS - 1;
    expect(createSessionStore(storage, '/api/session', () => now).take()?.ContactId).toBe(
      'contact-1',
    );
  });

  it('does not try after the window, and forgets the session', () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    createSessionStore(storage, '/api/session', () => now).save(response);
    now += REJOIN_WINDOW_MS + 1;
    expect(createSessionStore(storage, '/api/session', () => now).take()).toBeUndefined();
    expect(storage.items.has(STORED_SESSION_KEY)).toBe(false);
  });

  it('counts the window from the last touch (the page going away), not from the start', () => {
    const storage = new MemoryStorage();
    let now = 1_000;
    const store = createSessionStore(storage, '/api/session', () => now);
    store.save(response);
    now += 5 * REJOIN_WINDOW_MS;
    store.touch();
    now += REJOIN_WINDOW_MS - 1;
    expect(store.take()?.ContactId).toBe('contact-1');
  });

  it('belongs to one widget configuration', () => {
    const storage = new MemoryStorage();
    createSessionStore(storage, '/api/session').save(response);
    expect(createSessionStore(storage, '/other/session').take()).toBeUndefined();
  });

  it('ignores and forgets a stored value that is not a session', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      STORED_SESSION_KEY,
      JSON.stringify({
        version: 1,
        source: 's',
        response: { ContactId: 1 },
        lastSeenAt: Date.now(),
      }),
    );
    expect(createSessionStore(storage, 's').take()).toBeUndefined();
    expect(storage.items.has(STORED_SESSION_KEY)).toBe(false);
    storage.setItem(STORED_SESSION_KEY, '{not json');
    expect(createSessionStore(storage, 's').take()).toBeUndefined();
  });

  it('keeps working when storage refuses to write', () => {
    const store = createSessionStore(
      {
        getItem: () => null,
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
        removeItem: () => undefined,
      },
      's',
    );
    expect(() => store.save(response)).not.toThrow();
    expect(store.take()).toBeUndefined();
  });
});
