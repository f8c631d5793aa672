import { batch, computed, signal, type ReadonlySignal } from '@preact/signals-core';
import type { WidgetError } from './widget-error';

/**
 * A chat item as the Participant Service sends it on the websocket and in GetTranscript
 * (messages, events, receipts), with AWS's field names. Only what the widget reads is typed.
 */
export interface ChatItem {
  Id?: string;
  Type?: string;
  ContentType?: string;
  Content?: string;
  ParticipantRole?: string;
  DisplayName?: string;
  AbsoluteTime?: string;
  MessageMetadata?: {
    MessageId?: string;
    Receipts?: {
      RecipientParticipantId?: string;
      ReadTimestamp?: string;
      DeliveredTimestamp?: string;
    }[];
  };
}

export const CHAT_EVENT = {
  typing: 'application/vnd.amazonaws.connect.event.typing',
  joined: 'application/vnd.amazonaws.connect.event.participant.joined',
  left: 'application/vnd.amazonaws.connect.event.participant.left',
  ended: 'application/vnd.amazonaws.connect.event.chat.ended',
  read: 'application/vnd.amazonaws.connect.event.message.read',
  delivered: 'application/vnd.amazonaws.connect.event.message.delivered',
} as const;

export type ChatStatus =
  'idle' | 'starting' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';
export type ChatRole = 'customer' | 'agent' | 'system';
/** What the customer knows of their own message: on its way, sent, delivered, read, or not sent. */
export type ChatReceipt = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

export type ChatEntry =
  | {
      kind: 'message';
      id: string;
      role: ChatRole;
      name: string;
      text: string;
      markdown: boolean;
      time: string;
      /** The customer's own messages only. */
      receipt?: ChatReceipt;
      /**
       * The agent's messages only: the customer has read it (their read receipt, sent from this
       * page or, before a reload, from the last one: the transcript keeps it).
       */
      read?: boolean;
    }
  | { kind: 'event'; id: string; event: 'joined' | 'left'; role: ChatRole; name: string };

export type ChatMessage = Extract<ChatEntry, { kind: 'message' }>;

/** How long the agent shows as typing after their last typing event (chatjs sends one per 10 s). */
export const TYPING_SHOWN_MS = 12_000;

export interface ChatModel {
  readonly status: ReadonlySignal<ChatStatus>;
  readonly entries: ReadonlySignal<readonly ChatEntry[]>;
  readonly agentTyping: ReadonlySignal<boolean>;
  readonly error: ReadonlySignal<WidgetError | undefined>;
  readonly endedBy: ReadonlySignal<'customer' | 'agent' | 'system' | undefined>;
  /** The newest message from the agent or the system (for announcements). */
  readonly lastIncoming: ReadonlySignal<ChatMessage | undefined>;
  /** The agent's messages the customer has not read. */
  readonly unread: ReadonlySignal<number>;
  /** Whose read receipts are the customer's: their ParticipantId in this chat. */
  identify(participantId: string): void;
  /** The customer has read the agent's message `id` (their read receipt is on its way). */
  markRead(id: string): void;
  /** Anything but ended (final) and failed (`failed`); from failed it is trying again. */
  setStatus(status: Exclude<ChatStatus, 'ended' | 'failed'>): void;
  /** A message or event from the websocket or the transcript; duplicates are ignored. */
  apply(item: ChatItem): void;
  /** The customer sends: shown at once as `sending`. */
  sending(localId: string, text: string, name: string): void;
  /** SendMessage answered with the message's id. */
  sent(localId: string, id: string): void;
  sendFailed(localId: string): void;
  /** The customer ended the chat. */
  ended(by: 'customer' | 'agent' | 'system'): void;
  failed(error: WidgetError): void;
  /** Back to no chat (a new one may start). */
  reset(): void;
  dispose(): void;
}

const ROLES: Record<string, ChatRole> = { CUSTOMER: 'customer', AGENT: 'agent' };
const RANK: Record<ChatReceipt, number> = { failed: 0, sending: 1, sent: 2, delivered: 3, read: 4 };

export function createChatModel(
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
): ChatModel {
  const status = signal<ChatStatus>('idle');
  const entries = signal<readonly ChatEntry[]>([]);
  const agentTyping = signal(false);
  const error = signal<WidgetError | undefined>(undefined);
  const endedBy = signal<'customer' | 'agent' | 'system' | undefined>(undefined);
  const lastIncoming = signal<ChatMessage | undefined>(undefined);
  // Receipts that arrived before the message they are for (the transcript is still loading).
  const early = new Map<string, ChatReceipt>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let agentLeft = false;
  let customerId: string | undefined;
  // The customer's read receipts for messages not yet in the transcript.
  const readEarly = new Set<string>();

  const stopTyping = () => {
    if (typingTimer !== undefined) timers.clearTimeout(typingTimer);
    typingTimer = undefined;
    agentTyping.value = false;
  };

  const receipt = (id: string, next: ChatReceipt) => {
    const list = entries.peek();
    const index = list.findIndex((e) => e.id === id && e.kind === 'message');
    const entry = list[index] as ChatMessage | undefined;
    if (!entry) {
      if (RANK[next] > RANK[early.get(id) ?? 'failed']) early.set(id, next);
      return;
    }
    if (entry.role !== 'customer' || RANK[next] <= RANK[entry.receipt ?? 'failed']) return;
    const copy = list.slice();
    copy[index] = { ...entry, receipt: next };
    entries.value = copy;
  };

  const markRead = (id: string) => {
    const list = entries.peek();
    const index = list.findIndex((e) => e.id === id && e.kind === 'message');
    const entry = list[index] as ChatMessage | undefined;
    if (!entry) return void readEarly.add(id);
    if (entry.role !== 'agent' || entry.read) return;
    const copy = list.slice();
    copy[index] = { ...entry, read: true };
    entries.value = copy;
  };

  const add = (entry: ChatEntry) => {
    if (entries.peek().some((e) => e.id === entry.id)) return false;
    entries.value = [...entries.peek(), entry];
    return true;
  };

  const end = (by: 'customer' | 'agent' | 'system') => {
    if (status.peek() === 'ended' || status.peek() === 'idle') return;
    batch(() => {
      stopTyping();
      endedBy.value = by;
      status.value = 'ended';
    });
  };

  return {
    status,
    entries,
    agentTyping,
    error,
    endedBy,
    lastIncoming,
    unread: computed(
      () =>
        entries.value.filter((e) => e.kind === 'message' && e.role === 'agent' && !e.read).length,
    ),
    identify(participantId) {
      customerId = participantId;
    },
    markRead,
    setStatus(next) {
      if (status.peek() === 'ended') return;
      // Trying again after a failure.
      error.value = undefined;
      status.value = next;
    },
    apply(item) {
      const role = ROLES[item.ParticipantRole ?? ''] ?? 'system';
      const name = item.DisplayName ?? '';
      const metadata = item.MessageMetadata;
      batch(() => {
        if (metadata?.MessageId && metadata.Receipts?.length) {
          // Someone else's receipts on the customer's message, the customer's own on the agent's.
          const others = metadata.Receipts.filter(
            (r) => customerId === undefined || r.RecipientParticipantId !== customerId,
          );
          if (others.length) {
            const read = others.some((r) => r.ReadTimestamp);
            receipt(metadata.MessageId, read ? 'read' : 'delivered');
          }
          if (
            customerId &&
            metadata.Receipts.some(
              (r) => r.RecipientParticipantId === customerId && r.ReadTimestamp,
            )
          )
            markRead(metadata.MessageId);
        }
        if (item.Type === 'MESSAGE' && item.Id && typeof item.Content === 'string') {
          const message: ChatMessage = {
            kind: 'message',
            id: item.Id,
            role,
            name,
            text: item.Content,
            markdown: item.ContentType === 'text/markdown',
            time: item.AbsoluteTime ?? new Date().toISOString(),
            ...(role === 'customer' ? { receipt: early.get(item.Id) ?? 'sent' } : {}),
            ...(role === 'agent' && readEarly.has(item.Id) ? { read: true } : {}),
          };
          early.delete(item.Id);
          readEarly.delete(item.Id);
          if (add(message) && role !== 'customer') {
            lastIncoming.value = message;
            if (role === 'agent') stopTyping();
          }
          return;
        }
        if (item.Type !== 'EVENT') return;
        if (item.ContentType === CHAT_EVENT.typing && role === 'agent') {
          if (typingTimer !== undefined) timers.clearTimeout(typingTimer);
          agentTyping.value = true;
          typingTimer = timers.setTimeout(stopTyping, TYPING_SHOWN_MS);
        } else if (
          (item.ContentType === CHAT_EVENT.joined || item.ContentType === CHAT_EVENT.left) &&
          item.Id &&
          role === 'agent'
        ) {
          const left = item.ContentType === CHAT_EVENT.left;
          agentLeft = left;
          if (left) stopTyping();
          add({ kind: 'event', id: item.Id, event: left ? 'left' : 'joined', role, name });
        } else if (item.ContentType === CHAT_EVENT.ended) {
          end(agentLeft ? 'agent' : 'system');
        }
      });
    },
    sending(localId, text, name) {
      add({
        kind: 'message',
        id: localId,
        role: 'customer',
        name,
        text,
        markdown: false,
        time: new Date().toISOString(),
        receipt: 'sending',
      });
    },
    sent(localId, id) {
      const list = entries.peek();
      const index = list.findIndex((e) => e.id === localId);
      if (index === -1) return;
      // The websocket's copy may have come first.
      if (list.some((e) => e.id === id)) {
        entries.value = list.filter((e) => e.id !== localId);
        return;
      }
      const copy = list.slice();
      copy[index] = {
        ...(list[index] as ChatMessage),
        id,
        receipt: early.get(id) ?? 'sent',
      };
      early.delete(id);
      entries.value = copy;
    },
    sendFailed(localId) {
      entries.value = entries
        .peek()
        .map((e) =>
          e.id === localId && e.kind === 'message' ? { ...e, receipt: 'failed' as const } : e,
        );
    },
    ended: end,
    failed(next) {
      if (status.peek() === 'ended') return;
      batch(() => {
        stopTyping();
        error.value = next;
        status.value = 'failed';
      });
    },
    reset() {
      batch(() => {
        stopTyping();
        early.clear();
        readEarly.clear();
        agentLeft = false;
        entries.value = [];
        error.value = undefined;
        endedBy.value = undefined;
        lastIncoming.value = undefined;
        status.value = 'idle';
      });
    },
    dispose() {
      stopTyping();
    },
  };
}
