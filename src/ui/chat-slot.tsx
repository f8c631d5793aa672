import type { FunctionComponent } from 'preact';
import { useMessages } from './i18n';
import type { WidgetController } from './widget-controller';

/**
 * Where the chat shows in the panel: its view once the chat chunk has loaded, "Connecting…" while
 * it loads, and what went wrong when it could not be loaded.
 */
export function ChatSlot({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const chunk = controller.chatChunk.value;
  if (chunk && controller.chat.value) {
    const ChatView = chunk.ChatView as FunctionComponent<{ controller: WidgetController }>;
    return <ChatView controller={controller} />;
  }
  if (controller.chatLoad.value === 'failed') {
    return (
      <div class="connect-video-chat">
        <div class="connect-video-problem-box" role="alert">
          <p class="connect-video-problem-title">{messages.chatLoadFailed}</p>
          <div class="connect-video-actions">
            <button type="button" data-autofocus onClick={() => controller.startChat('')}>
              {messages.tryAgain}
            </button>
            <button type="button" onClick={controller.cancelChat}>
              {messages.cancel}
            </button>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div class="connect-video-connecting" aria-busy="true">
      <div class="connect-video-spinner" aria-hidden="true" />
      <p tabIndex={-1} data-autofocus>
        {messages.connecting}
      </p>
    </div>
  );
}
