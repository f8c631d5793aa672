import type { EndedBy } from '../core/call-state';
import type { Messages, MessageKey } from './messages';
import { useMessages } from './i18n';
import type { WidgetController } from './widget-controller';

export function endedMessage(messages: Messages, by: EndedBy | undefined): string {
  switch (by) {
    case 'customer':
      return messages.endedByCustomer;
    case 'agent':
      return messages.endedByAgent;
    case 'another-tab':
      return messages.endedByAnotherTab;
    case 'removed':
      return messages.endedByRemoved;
    default:
      return messages.endedBySystem;
  }
}

export function EndView({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const { model } = controller;
  const failed = model.state.value === 'failed';
  const error = model.error.value;
  const text = failed
    ? (messages[`error.${error?.code ?? 'internal'}` as MessageKey] ?? messages['error.internal'])
    : endedMessage(messages, model.endedBy.value);
  return (
    <div
      class="connect-video-end"
      data-ended-by={failed ? undefined : model.endedBy.value}
      data-error-code={failed ? error?.code : undefined}
    >
      <p
        class="connect-video-end-message"
        role={failed ? 'alert' : undefined}
        tabIndex={-1}
        data-autofocus
      >
        {text}
      </p>
      {failed && error?.code === 'unsupported-browser' ? <p>{error.message}</p> : null}
      <div class="connect-video-actions">
        {!failed || error?.retryable ? (
          <button
            type="button"
            class="connect-video-primary"
            onClick={() => {
              controller.reset();
              controller.start();
            }}
          >
            {failed ? messages.tryAgain : messages.callAgain}
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => {
            controller.reset();
            controller.close();
          }}
        >
          {messages.closePanel}
        </button>
      </div>
    </div>
  );
}
