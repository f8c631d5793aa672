import { parseSessionResponse, type SessionResponse } from './session-response';

/**
 * What survives a page reload or a navigation within the site during a call, so the customer
 * rejoins the same contact instead of losing the agent. Connect keeps a disconnected WebRTC
 * participant for 60 s (connect-webrtc.md, "rejoin"), so after that nothing is tried.
 *
 * It lives in sessionStorage: per tab (a second tab never takes the call over by itself) and gone
 * when the tab closes. It holds the JoinToken and ParticipantToken, which are bearer secrets for this
 * one contact; sessionStorage is readable only by the site's own scripts.
 */
export const STORED_SESSION_KEY = 'connect-video:session';
export const REJOIN_WINDOW_MS = 60_000;

interface StoredSession {
  version: 1;
  /** Which widget configuration it belongs to (the token endpoint, or "host" for getSession). */
  source: string;
  response: SessionResponse;
  /** When the page last had the call: refreshed while the call runs and when the page goes away. */
  lastSeenAt: number;
}

export interface SessionStore {
  save(response: SessionResponse): void;
  /** Marks the call as still alive now (e.g. on `pagehide`). */
  touch(): void;
  /** The session to rejoin, if one was saved for this source less than 60 s ago; else nothing. */
  take(): SessionResponse | undefined;
  clear(): void;
}

export function createSessionStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
  source: string,
  now: () => number = Date.now,
): SessionStore {
  const read = (): StoredSession | undefined => {
    try {
      const raw = storage?.getItem(STORED_SESSION_KEY);
      if (!raw) return undefined;
      const stored = JSON.parse(raw) as StoredSession;
      return stored?.version === 1 ? stored : undefined;
    } catch {
      return undefined;
    }
  };
  const write = (stored: StoredSession) => {
    try {
      storage?.setItem(STORED_SESSION_KEY, JSON.stringify(stored));
    } catch {
      // Storage full or forbidden (private mode): the call goes on, it just cannot survive a reload.
    }
  };
  const clear = () => {
    try {
      storage?.removeItem(STORED_SESSION_KEY);
    } catch {
      // As above.
    }
  };
  return {
    save(response) {
      write({ version: 1, source, response, lastSeenAt: now() });
    },
    touch() {
      const stored = read();
      if (stored) write({ ...stored, lastSeenAt: now() });
    },
    take() {
      const stored = read();
      if (!stored || stored.source !== source) return undefined;
      if (now() - stored.lastSeenAt > REJOIN_WINDOW_MS) {
        clear();
        return undefined;
      }
      try {
        return parseSessionResponse(stored.response);
      } catch {
        clear();
        return undefined;
      }
    },
    clear,
  };
}
