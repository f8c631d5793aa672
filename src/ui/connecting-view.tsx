import { useMessages } from './i18n';
import type { WidgetController } from './widget-controller';

export function ConnectingView({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const joining = controller.model.state.value === 'joining';
  return (
    <div class="connect-video-connecting" aria-busy="true">
      <div class="connect-video-spinner" aria-hidden="true" />
      <p tabIndex={-1} data-autofocus>
        {controller.resuming.value
          ? messages.reconnecting
          : joining
            ? messages.joining
            : messages.connecting}
      </p>
      <button type="button" onClick={() => void controller.end()}>
        {messages.cancel}
      </button>
    </div>
  );
}
