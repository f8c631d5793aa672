import { useEffect, useRef } from 'preact/hooks';
import { ChatView } from './chat-view';
import { useMessages } from './i18n';
import type { WidgetController } from './widget-controller';

/**
 * The chat kept beside a call (`chatOnVideo: 'keep'`), opened from the call's controls over the
 * stage like the keypad; Escape closes it and the call goes on.
 */
export function ChatPopover({
  controller,
  onClose,
}: {
  controller: WidgetController;
  onClose: () => void;
}) {
  const messages = useMessages();
  const root = useRef<HTMLDivElement>(null);
  // As useFocusOnMount does for the panel's popovers; imported here, that hook would be split
  // into a chunk of its own shared with the panel, which the panel pays for.
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  return (
    <div
      ref={root}
      class="connect-video-popover connect-video-chat-popover"
      role="dialog"
      aria-label={messages.chatTitle}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <ChatView controller={controller} inCall />
    </div>
  );
}
