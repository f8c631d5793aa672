import { WidgetError } from './widget-error';

/**
 * The token endpoint's answer to `POST /api/chat` (StartChatContact's, plus the ChatHandle): what
 * amazon-connect-chatjs needs to join the chat, and the handle that later proves the chat is the
 * customer's when they switch to video (docs/token-endpoint.md).
 */
export interface ChatDetails {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
  ChatHandle: string;
}

/** Checks the answer; names the field that is missing. */
export function parseChatDetails(json: unknown): ChatDetails {
  const source = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const details = {} as Record<keyof ChatDetails, string>;
  for (const field of ['ContactId', 'ParticipantId', 'ParticipantToken', 'ChatHandle'] as const) {
    const value = source[field];
    if (typeof value !== 'string' || value === '')
      throw new WidgetError('bad-session-response', `(chat response).${field} must be a string`);
    details[field] = value;
  }
  return details;
}

/**
 * A chat survives a reload or a navigation within the site, like a call: the same contact, its
 * transcript fetched again. It lives in sessionStorage (per tab, gone with the tab) until the chat
 * ends; the ParticipantToken is a bearer secret for this one chat, readable only by the site's own
 * scripts.
 */
export const STORED_CHAT_KEY = 'connect-video:chat';

interface StoredChat {
  version: 1;
  /** Which widget configuration it belongs to (the chat route). */
  source: string;
  details: ChatDetails;
  displayName: string;
}

export interface ChatStore {
  save(details: ChatDetails, displayName: string): void;
  load(): { details: ChatDetails; displayName: string } | undefined;
  clear(): void;
}

export function createChatStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
  source: string,
): ChatStore {
  const clear = () => {
    try {
      storage?.removeItem(STORED_CHAT_KEY);
    } catch {
      // Storage forbidden (private mode): nothing was saved either.
    }
  };
  return {
    save(details, displayName) {
      const stored: StoredChat = { version: 1, source, details, displayName };
      try {
        storage?.setItem(STORED_CHAT_KEY, JSON.stringify(stored));
      } catch {
        // Storage full or forbidden: the chat goes on, it just cannot survive a reload.
      }
    },
    load() {
      try {
        const stored = JSON.parse(storage?.getItem(STORED_CHAT_KEY) ?? 'null') as StoredChat | null;
        if (stored?.version !== 1 || stored.source !== source) return undefined;
        return {
          details: parseChatDetails(stored.details),
          displayName: String(stored.displayName ?? ''),
        };
      } catch {
        clear();
        return undefined;
      }
    },
    clear,
  };
}
