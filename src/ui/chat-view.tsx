import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatEntry } from '../core/chat-model';
import type { WidgetError } from '../core/widget-error';
import { ChatText } from './chat-text';
import { useMessages } from './i18n';
import { enUSChat } from './chat-messages';
import { chatPlainText, parseChatMarkdown } from '../core/chat-markdown';
import { format, type AllMessages } from './messages';
import type { WidgetController } from './widget-controller';

/** What the customer is told when the chat fails, by the failure's code. */
export function chatErrorMessage(messages: AllMessages, error: WidgetError | undefined): string {
  switch (error?.code) {
    case 'load-failed':
      return messages.chatLoadFailed;
    case 'connection-lost':
      return messages.chatConnectionLost;
    case 'timeout':
    case 'network':
    case 'rate-limited':
    case 'token-endpoint-unavailable':
      return messages[`error.${error.code}`];
    default:
      return messages.chatStartFailed;
  }
}

export function chatEndedMessage(messages: AllMessages, by: string | undefined): string {
  return by === 'agent'
    ? messages.chatEndedByAgent
    : by === 'customer'
      ? messages.chatEndedByCustomer
      : messages.chatEnded;
}

/** Who wrote a message, as the customer reads it. */
export function chatAuthor(messages: AllMessages, entry: ChatEntry): string {
  if (entry.role === 'customer') return messages.chatYou;
  if (entry.role === 'system') return messages.chatSystemName;
  return entry.name || messages.chatAgentFallback;
}

/**
 * The chat: the transcript (with receipts of the customer's messages), the agent typing, the
 * message box (Enter sends, Shift+Enter a new line), "Switch to video call" and "End chat".
 */
export function ChatView({ controller }: { controller: WidgetController }) {
  // English chat strings come with this chunk; other languages and the host's override them.
  const messages = { ...enUSChat, ...useMessages() } as AllMessages;
  const chat = controller.chat.value!;
  const { model } = chat;
  const status = model.status.value;
  const entries = model.entries.value;
  const typing = model.agentTyping.value;
  const visible = controller.isOpen.value && !controller.minimized.value;
  const [draft, setDraft] = useState('');
  const transcript = useRef<HTMLOListElement>(null);
  const active = status === 'connected' || status === 'reconnecting';

  // What the customer can see is read; the newest stays in view.
  useEffect(() => {
    if (visible) chat.markRead();
    const list = transcript.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [entries, visible, typing]);

  // Announced to screen readers: each new message from the agent (or the system), and the
  // chat's own changes. (The widget's live region tells the call's.)
  const [announcement, setAnnouncement] = useState('');
  const incoming = model.lastIncoming.value;
  useEffect(() => {
    if (!incoming) return;
    const words = incoming.markdown
      ? chatPlainText(parseChatMarkdown(incoming.text))
      : incoming.text;
    setAnnouncement(
      format(messages.chatNewMessage, { name: chatAuthor(messages, incoming), text: words }),
    );
  }, [incoming?.id]);
  useEffect(() => {
    if (status === 'reconnecting') setAnnouncement(messages.chatReconnecting);
    else if (status === 'ended') setAnnouncement(chatEndedMessage(messages, model.endedBy.peek()));
  }, [status]);

  const send = (event?: Event) => {
    event?.preventDefault();
    if (chat.send(draft)) setDraft('');
  };

  return (
    <div class="connect-video-chat" data-chat-status={status}>
      <div
        class="connect-video-visually-hidden"
        role="status"
        aria-live="polite"
        data-chat-live-region
      >
        {announcement}
      </div>
      {status === 'starting' || status === 'connecting' ? (
        <p class="connect-video-chat-notice" tabIndex={-1} data-autofocus>
          {messages.chatConnecting}
        </p>
      ) : null}
      {status === 'reconnecting' ? (
        <p class="connect-video-chat-notice">{messages.chatReconnecting}</p>
      ) : null}
      {status === 'failed' ? (
        <div class="connect-video-problem-box" role="alert">
          <p class="connect-video-problem-title">{chatErrorMessage(messages, model.error.value)}</p>
          <div class="connect-video-actions">
            <button type="button" data-control="chat-retry" data-autofocus onClick={chat.retry}>
              {messages.tryAgain}
            </button>
            <button type="button" data-control="chat-reset" onClick={chat.reset}>
              {messages.cancel}
            </button>
          </div>
        </div>
      ) : null}
      <ol
        ref={transcript}
        class="connect-video-transcript"
        aria-label={messages.chatTranscript}
        tabIndex={0}
      >
        {entries.map((entry) =>
          entry.kind === 'event' ? (
            <li key={entry.id} class="connect-video-chat-event" data-entry-id={entry.id}>
              {format(
                entry.event === 'joined' ? messages.chatAgentJoined : messages.chatAgentLeft,
                {
                  name: chatAuthor(messages, entry),
                },
              )}
            </li>
          ) : (
            <li
              key={entry.id}
              class="connect-video-chat-message"
              data-role={entry.role}
              data-message-id={entry.id}
            >
              <span class="connect-video-chat-author">{chatAuthor(messages, entry)}</span>
              <span class="connect-video-chat-text">
                <ChatText text={entry.text} markdown={entry.markdown} />
              </span>
              {entry.receipt ? (
                <span class="connect-video-chat-receipt" data-receipt={entry.receipt}>
                  {messages[`chatReceipt.${entry.receipt}`]}
                </span>
              ) : null}
            </li>
          ),
        )}
      </ol>
      {typing ? <p class="connect-video-chat-typing">{messages.chatAgentTyping}</p> : null}
      {status === 'ended' ? (
        <div class="connect-video-chat-ended">
          <p tabIndex={-1} data-autofocus>
            {chatEndedMessage(messages, model.endedBy.value)}
          </p>
          <div class="connect-video-actions">
            <button type="button" class="connect-video-primary" onClick={chat.reset}>
              {messages.newChat}
            </button>
          </div>
        </div>
      ) : null}
      {active ? (
        <form class="connect-video-chat-form" onSubmit={send}>
          <label for="connect-video-chat-message" class="connect-video-visually-hidden">
            {messages.chatMessageLabel}
          </label>
          <textarea
            id="connect-video-chat-message"
            rows={2}
            value={draft}
            aria-describedby="connect-video-chat-hint"
            disabled={status !== 'connected'}
            data-autofocus
            onInput={(e) => {
              setDraft((e.target as HTMLTextAreaElement).value);
              chat.typing();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) send(e);
            }}
          />
          <button type="submit" class="connect-video-primary" data-control="chat-send">
            {messages.chatSend}
          </button>
          <p id="connect-video-chat-hint" class="connect-video-visually-hidden">
            {messages.chatMessageHint}
          </p>
        </form>
      ) : null}
      {active ? (
        <div class="connect-video-actions">
          {controller.config.channels.includes('video') ? (
            <button
              type="button"
              data-control="switch-to-video"
              disabled={status !== 'connected'}
              onClick={controller.switchToVideo}
            >
              {messages.switchToVideo}
            </button>
          ) : null}
          <button type="button" data-control="end-chat" onClick={() => void chat.end()}>
            {messages.endChat}
          </button>
        </div>
      ) : null}
    </div>
  );
}
