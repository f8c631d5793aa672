import 'amazon-connect-chatjs';
import type { ChatDetails } from '../core/chat-details';
import { CHAT_EVENT, type ChatItem } from '../core/chat-model';

/**
 * The customer's side of a chat through amazon-connect-chatjs, Amazon Connect's own customer-side
 * library: the websocket (and its reconnects), SendMessage, SendEvent, GetTranscript and
 * DisconnectParticipant. The rest of the widget sees only chat items and connection states.
 */
export interface ChatConnection {
  /** Resolves with the message's id. */
  send(text: string): Promise<string>;
  /** The customer is typing (at most one event per few seconds reaches the service). */
  typing(): void;
  /** The customer has seen the agent's message (and so it was delivered). */
  read(messageId: string): void;
  delivered(messageId: string): void;
  /** The whole transcript, oldest first (up to 500 items, newest kept). */
  transcript(): Promise<ChatItem[]>;
  /** The customer leaves: the chat ends for everyone. */
  end(): Promise<void>;
  dispose(): void;
}

export type ChatConnectionState = 'connected' | 'reconnecting' | 'lost';

export interface ConnectChatOptions {
  details: ChatDetails;
  /** The Participant Service endpoint (the emulator's); default the region's. */
  endpoint?: string;
  region?: string;
  onItem(item: ChatItem): void;
  onState(state: ChatConnectionState): void;
}

const TYPING_EVERY_MS = 5_000;
const PAGE = 100;
const MAX_PAGES = 5;

// chatjs is a script that defines the global `connect` (its typings declare no module).
const chatSession = () =>
  (globalThis as unknown as { connect: typeof connect }).connect.ChatSession;

let configured: string | undefined;

/** Connects to the chat the token endpoint started (or restarted after a reload). */
export async function connectChat(options: ConnectChatOptions): Promise<ChatConnection> {
  const ChatSession = chatSession();
  const region = options.region ?? 'us-east-1';
  // The widget takes a path on the page's origin too; chatjs's client needs an absolute URL.
  const endpoint = options.endpoint && new URL(options.endpoint, location.href).href;
  const key = `${region} ${endpoint ?? ''}`;
  if (configured !== key) {
    configured = key;
    // `endpoint` is read by chatjs's GlobalConfig.update (src/globalConfig.js) but not declared in
    // its typings. chatjs logs nothing unless given a logger.
    ChatSession.setGlobalConfig({
      region,
      ...(endpoint ? { endpoint } : {}),
    } as connect.ChatGlobalConfig);
  }
  const session = ChatSession.create({
    chatDetails: {
      contactId: options.details.ContactId,
      participantId: options.details.ParticipantId,
      participantToken: options.details.ParticipantToken,
    },
    options: { region },
    type: ChatSession.SessionTypes.CUSTOMER,
    // Otherwise chatjs loads Amazon's client-side metrics script into the page.
    disableCSM: true,
  }) as connect.CustomerChatSession;

  let disposed = false;
  const item = (event: { data: unknown }) => {
    if (!disposed) options.onItem(event.data as ChatItem);
  };
  session.onMessage(item);
  session.onTyping(item);
  session.onReadReceipt(item);
  session.onDeliveredReceipt(item);
  session.onEnded(() => {
    if (!disposed) options.onItem({ Type: 'EVENT', ContentType: CHAT_EVENT.ended });
  });
  session.onConnectionLost(() => !disposed && options.onState('reconnecting'));
  session.onConnectionEstablished(() => !disposed && options.onState('connected'));
  session.onConnectionBroken(() => !disposed && options.onState('lost'));

  const result = await session.connect();
  if (!result.connectSuccess) throw new Error('The chat connection failed.');

  let lastTyping = 0;
  return {
    async send(text) {
      const response = await session.sendMessage({ contentType: 'text/plain', message: text });
      const id = (response.data as { Id?: string } | undefined)?.Id;
      if (!id) throw new Error('SendMessage answered without an Id.');
      return id;
    },
    typing() {
      const now = Date.now();
      if (now - lastTyping < TYPING_EVERY_MS) return;
      lastTyping = now;
      session.sendEvent({ contentType: CHAT_EVENT.typing }).catch(() => {
        // Typing is a hint: a lost one is not worth telling anyone about.
      });
    },
    read(messageId) {
      session
        .sendEvent({ contentType: CHAT_EVENT.read, content: JSON.stringify({ messageId }) })
        .catch(() => {
          // As typing: the agent sees "delivered" instead.
        });
    },
    delivered(messageId) {
      session
        .sendEvent({ contentType: CHAT_EVENT.delivered, content: JSON.stringify({ messageId }) })
        .catch(() => {
          // As typing.
        });
    },
    async transcript() {
      const pages: ChatItem[][] = [];
      let nextToken: string | undefined;
      do {
        const response = await session.getTranscript({
          maxResults: PAGE,
          scanDirection: 'BACKWARD',
          sortOrder: 'ASCENDING',
          ...(nextToken ? { nextToken } : {}),
        });
        const data = response.data as { Transcript?: ChatItem[]; NextToken?: string } | undefined;
        pages.unshift(data?.Transcript ?? []);
        nextToken = data?.NextToken;
      } while (nextToken && pages.length < MAX_PAGES);
      return pages.flat();
    },
    async end() {
      await session.disconnectParticipant();
    },
    dispose() {
      disposed = true;
      // The widget is gone but the chat goes on (it may come back after a navigation): chatjs
      // drops its handlers; its websocket closes with the page.
      // (A method of every chatjs session, declared only on the agent's in its typings.)
      (session as unknown as connect.AgentChatSession).cleanUpOnParticipantDisconnect();
    },
  };
}
