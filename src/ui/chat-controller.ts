import { signal, type ReadonlySignal } from '@preact/signals-core';
import { createChatStore, parseChatDetails, type ChatDetails } from '../core/chat-details';
import { CHAT_EVENT, createChatModel, type ChatItem, type ChatModel } from '../core/chat-model';
import type { WidgetConfig } from '../core/config';
import { endpointInit, requestSession, type SessionRequestFields } from '../core/session-request';
import { WidgetError, type WidgetErrorCode } from '../core/widget-error';
import { LOAD_TIMEOUT_MS, withTimeout } from '../core/with-timeout';
import type { ChatConnection } from '../chat/chat-connection';

/** The chat half of the widget (amazon-connect-chatjs and its adapter), its own chunk. */
export type ChatModule = typeof import('../chat/chat-module');
export type LoadChat = () => Promise<ChatModule>;

/** The Participant Service's limit for a message's Content. */
export const MAX_CHAT_MESSAGE = 16_384;

/** Chat route failures after which the endpoint may well have started the chat. */
const MAY_HAVE_STARTED = new Set<WidgetErrorCode>([
  'timeout',
  'network',
  'token-endpoint-unavailable',
]);

export interface ChatController {
  readonly model: ChatModel;
  /** The chat's ids and handle once the endpoint started it (for "Switch to video call"). */
  readonly details: ReadonlySignal<ChatDetails | undefined>;
  /** The customer's name in this chat. */
  readonly displayName: ReadonlySignal<string>;
  start(displayName: string): void;
  /** Sends a message; false when there is nothing to send, too much, or no connection. */
  send(text: string): boolean;
  typing(): void;
  /** The customer sees the transcript: the agent's messages are marked read. */
  markRead(): void;
  /** The customer ends the chat. */
  end(): Promise<void>;
  /** After a failure: start or reconnect again. */
  retry(): void;
  /** Forget the chat (ended, or handed over to a call); a new one may start. */
  reset(): void;
  dispose(): void;
}

export interface ChatControllerOptions {
  config: WidgetConfig;
  /** The request fields the widget knows (attributes, customer token). */
  fields: SessionRequestFields;
  loadChat: LoadChat;
  storage: Storage | undefined;
  onError?: (error: WidgetError) => void;
}

/**
 * Starts a chat at the token endpoint's chat route, joins it through the chat chunk, keeps the
 * transcript in the chat model, and brings the same chat back after a reload (sessionStorage).
 */
export function createChatController(options: ChatControllerOptions): ChatController {
  const { config, fields } = options;
  const url = config.chatRequestUrl ?? '';
  const store = createChatStore(options.storage, url);
  const model = createChatModel();
  const details = signal<ChatDetails | undefined>(undefined);
  const displayName = signal('');
  let connection: ChatConnection | undefined;
  let attempt = 0;
  let unansweredToken: string | undefined;
  let destroyed = false;

  const fail = (error: WidgetError) => {
    model.failed(error);
    options.onError?.(error);
  };

  const onItem = (item: ChatItem) => {
    model.apply(item);
    if (item.Type === 'MESSAGE' && item.Id && item.ParticipantRole === 'AGENT')
      connection?.delivered(item.Id);
    if (item.ContentType === CHAT_EVENT.ended) {
      store.clear();
      connection?.dispose();
      connection = undefined;
    }
  };

  /** The transcript into the model, unless another attempt has begun meanwhile. */
  const loadTranscript = async (mine: number, from: ChatConnection) => {
    const items = await from.transcript();
    if (mine === attempt) for (const item of items) model.apply(item);
  };

  const catchUp = (mine: number) =>
    connection &&
    loadTranscript(mine, connection).catch(() => {
      // The next reconnect tries again; until then the live messages still arrive.
    });

  const join = async (chat: ChatDetails) => {
    const mine = ++attempt;
    model.identify(chat.ParticipantId);
    model.setStatus('connecting');
    let module: ChatModule;
    try {
      module = await withTimeout(options.loadChat(), LOAD_TIMEOUT_MS);
    } catch (cause) {
      if (mine === attempt)
        fail(new WidgetError('load-failed', 'The chat could not be loaded.', { cause }));
      return;
    }
    try {
      const next = await module.connectChat({
        details: chat,
        endpoint: config.participantServiceEndpoint,
        region: config.region,
        onItem: (item) => mine === attempt && onItem(item),
        onState: (state) => {
          if (mine !== attempt) return;
          if (state === 'lost')
            fail(new WidgetError('connection-lost', 'The chat connection was lost.'));
          else if (state === 'connected' && model.status.peek() === 'reconnecting') {
            model.setStatus(state);
            // The websocket does not replay what was sent while it was down: "ChatJS requires
            // manually calling chatSession.getTranscript() to fetch missed messages after
            // reconnecting" (amazon-connect-chatjs README).
            void catchUp(mine);
          } else model.setStatus(state);
        },
      });
      if (mine !== attempt || destroyed) return next.dispose();
      connection = next;
      model.setStatus('connected');
      await loadTranscript(mine, next);
    } catch (cause) {
      if (mine !== attempt) return;
      fail(new WidgetError('connection-lost', 'The chat could not connect.', { cause }));
    }
  };

  const start = async () => {
    const mine = ++attempt;
    model.setStatus('starting');
    const clientToken = unansweredToken ?? crypto.randomUUID();
    unansweredToken = undefined;
    try {
      const chat = await requestSession({
        url,
        ...endpointInit(config.session),
        // What the chat route takes (it refuses any other field).
        fields: {
          displayName: displayName.peek(),
          ...(fields.attributes ? { attributes: fields.attributes } : {}),
          ...(fields.customerToken ? { customerToken: fields.customerToken } : {}),
        },
        clientToken,
        parse: parseChatDetails,
        ...(config.requestTimeoutMs !== undefined && { timeoutMs: config.requestTimeoutMs }),
      });
      if (mine !== attempt || destroyed) return;
      details.value = chat;
      store.save(chat, displayName.peek());
      await join(chat);
    } catch (error) {
      if (mine !== attempt) return;
      const failure =
        error instanceof WidgetError
          ? error
          : new WidgetError('internal', 'The chat could not start.', { cause: error });
      if (MAY_HAVE_STARTED.has(failure.code)) unansweredToken = clientToken;
      fail(failure);
    }
  };

  const saved = store.load();
  if (saved) {
    details.value = saved.details;
    displayName.value = saved.displayName;
    void join(saved.details);
  }

  return {
    model,
    details,
    displayName,
    start(name) {
      if (model.status.peek() !== 'idle') return;
      displayName.value = name;
      void start();
    },
    send(text) {
      const content = text.trim();
      if (!content || content.length > MAX_CHAT_MESSAGE) return false;
      if (!connection || model.status.peek() !== 'connected') return false;
      const localId = `local-${crypto.randomUUID()}`;
      model.sending(localId, content, displayName.peek());
      connection.send(content).then(
        (id) => model.sent(localId, id),
        () => model.sendFailed(localId),
      );
      return true;
    },
    typing() {
      if (model.status.peek() === 'connected') connection?.typing();
    },
    markRead() {
      if (!connection) return;
      for (const entry of model.entries.peek()) {
        if (entry.kind !== 'message' || entry.role !== 'agent' || entry.read) continue;
        model.markRead(entry.id);
        connection.read(entry.id);
      }
    },
    async end() {
      const current = connection;
      attempt++;
      connection = undefined;
      store.clear();
      model.ended('customer');
      try {
        await current?.end();
      } catch {
        // Ended on our side; Connect ends an abandoned chat when its connection times out.
      } finally {
        current?.dispose();
      }
    },
    retry() {
      if (model.status.peek() !== 'failed') return;
      const chat = details.peek();
      if (chat) void join(chat);
      else void start();
    },
    reset() {
      attempt++;
      connection?.dispose();
      connection = undefined;
      store.clear();
      details.value = undefined;
      model.reset();
    },
    dispose() {
      destroyed = true;
      attempt++;
      connection?.dispose();
      model.dispose();
    },
  };
}
