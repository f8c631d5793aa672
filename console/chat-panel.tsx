import { useEffect } from 'preact/hooks';
import { computed, signal } from '@preact/signals';
import { agentApi, type ChatItem, type ChatSummary } from './agent-api';
import { FlowPath } from './flow-path';

const TYPING = 'application/vnd.amazonaws.connect.event.typing';
const READ = 'application/vnd.amazonaws.connect.event.message.read';
/** How long a typing event counts (amazon-connect-chatjs sends one at most every 10 s). */
const TYPING_VALIDITY_MS = 10_000;

const chats = signal<ChatSummary[]>([]);
const activeChatId = signal<string | undefined>(undefined);
const chatError = signal<string | undefined>(undefined);
const draft = signal('');
const activeChat = computed(() => chats.value.find((c) => c.ContactId === activeChatId.value));
/** Customer messages this console has marked read, so each receipt is sent once. */
const readSent = new Set<string>();
let lastTypingSent = 0;

async function refreshChats(watched: (chat: ChatSummary) => boolean): Promise<void> {
  try {
    chats.value = (await agentApi.chats()).chats.filter(watched);
    chatError.value = undefined;
  } catch (e) {
    chatError.value = `The emulator does not answer: ${(e as Error).message}`;
    return;
  }
  // The agent has the open chat in front of them: its customer messages are read.
  const chat = activeChat.value;
  if (chat?.state !== 'CONNECTED') return;
  for (const item of chat.transcript) {
    if (item.Type !== 'MESSAGE' || item.ParticipantRole !== 'CUSTOMER' || readSent.has(item.Id)) {
      continue;
    }
    readSent.add(item.Id);
    await agentApi.sendChatEvent(chat.ContactId, READ, JSON.stringify({ messageId: item.Id }));
  }
}

function act(action: () => Promise<unknown>): () => void {
  return () => {
    action().catch((e: Error) => (chatError.value = e.message));
  };
}

async function accept(chat: ChatSummary): Promise<void> {
  await agentApi.acceptChat(chat.ContactId);
  activeChatId.value = chat.ContactId;
}

async function send(chat: ChatSummary): Promise<void> {
  const text = draft.value.trim();
  if (!text) return;
  draft.value = '';
  await agentApi.sendChatMessage(chat.ContactId, text);
}

/** Typing events as chatjs sends them: the first keystroke, then at most one per 10 s. */
function typed(chat: ChatSummary, value: string): void {
  draft.value = value;
  if (Date.now() - lastTypingSent < TYPING_VALIDITY_MS) return;
  lastTypingSent = Date.now();
  agentApi.sendChatEvent(chat.ContactId, TYPING).catch(() => undefined);
}

/** What the agent's own message shows of the customer's receipts. */
function receiptOf(item: ChatItem, chat: ChatSummary): string {
  const receipt = item.MessageMetadata?.Receipts.find(
    (r) => r.RecipientParticipantId === chat.customerParticipantId,
  );
  return receipt?.ReadTimestamp ? 'Read' : receipt?.DeliveredTimestamp ? 'Delivered' : 'Sent';
}

function eventText(item: ChatItem): string {
  const kind = item.ContentType.replace('application/vnd.amazonaws.connect.event.', '');
  const who = item.DisplayName ?? '';
  switch (kind) {
    case 'participant.joined':
      return `${who} joined`;
    case 'participant.left':
      return `${who} left`;
    case 'chat.ended':
      return 'The chat ended';
    default:
      return kind;
  }
}

function Transcript({ chat }: { chat: ChatSummary }) {
  return (
    <ol class="transcript" aria-label="Transcript">
      {chat.transcript.map((item) =>
        item.Type === 'MESSAGE' ? (
          <li key={item.Id} data-role={item.ParticipantRole} data-message-id={item.Id}>
            <strong>{item.ParticipantRole === 'SYSTEM' ? 'Flow' : item.DisplayName}:</strong>{' '}
            <span class="content">{item.Content}</span>
            {item.ParticipantRole === 'AGENT' ? (
              <small class="receipt"> ({receiptOf(item, chat)})</small>
            ) : null}
          </li>
        ) : (
          <li key={item.Id} class="event" data-event={item.ContentType}>
            <em>{eventText(item)}</em>
          </li>
        ),
      )}
    </ol>
  );
}

function ActiveChat({ chat }: { chat: ChatSummary }) {
  const typedAt = chat.typing.customer ? Date.parse(chat.typing.customer) : 0;
  const lastCustomerMessage = Math.max(
    0,
    ...chat.transcript
      .filter((i) => i.Type === 'MESSAGE' && i.ParticipantRole === 'CUSTOMER')
      .map((i) => Date.parse(i.AbsoluteTime)),
  );
  const typing = typedAt > lastCustomerMessage && Date.now() - typedAt < TYPING_VALIDITY_MS;
  const open = chat.state === 'CONNECTED';
  return (
    <section aria-label="Current chat" data-chat-id={chat.ContactId} data-state={chat.state}>
      <h2>Chat with {chat.DisplayName}</h2>
      <Transcript chat={chat} />
      <p class="typing" role="status" aria-live="polite">
        {typing ? `${chat.DisplayName} is typing…` : ''}
      </p>
      {open ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            act(() => send(chat))();
          }}
        >
          <label>
            Message{' '}
            <input
              name="message"
              autocomplete="off"
              value={draft.value}
              onInput={(event) => typed(chat, (event.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit">Send</button>
          <button type="button" class="end" onClick={act(() => agentApi.endChat(chat.ContactId))}>
            End chat
          </button>
        </form>
      ) : null}
    </section>
  );
}

/**
 * The console's chats beside its calls: incoming chats with their flow, Accept for a queued one,
 * then the transcript, the customer's typing, the agent's messages with their receipts, and End.
 */
export function ChatPanel({ watched }: { watched: (chat: ChatSummary) => boolean }) {
  useEffect(() => {
    void refreshChats(watched);
    const timer = setInterval(() => void refreshChats(watched), 1000);
    return () => clearInterval(timer);
  }, [watched]);
  const current = activeChat.value;
  return (
    <>
      <section aria-label="Chats">
        <h2>Chats</h2>
        {chatError.value ? <p role="alert">{chatError.value}</p> : null}
        {chats.value.length === 0 ? <p>No chats yet.</p> : null}
        <ul class="chats">
          {chats.value.map((chat) => (
            <li key={chat.ContactId} data-chat-id={chat.ContactId} data-state={chat.state}>
              <strong>{chat.DisplayName}</strong> <span class="state">{chat.state}</span>{' '}
              {chat.disconnectReason ? <span>({chat.disconnectReason})</span> : null}
              {chat.state === 'INITIATED' && chat.queue ? (
                <button type="button" onClick={act(() => accept(chat))}>
                  Accept chat
                </button>
              ) : null}
              {chat.state !== 'INITIATED' && chat.ContactId !== activeChatId.value ? (
                <button type="button" onClick={() => (activeChatId.value = chat.ContactId)}>
                  Open
                </button>
              ) : null}
              <FlowPath contact={chat} waiting="customer not connected yet" />
            </li>
          ))}
        </ul>
      </section>
      {current ? <ActiveChat chat={current} /> : null}
    </>
  );
}
