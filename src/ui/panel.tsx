import { useEffect, useRef } from 'preact/hooks';
import { CallTimer } from './call-timer';
import { CallView } from './call-view';
import { ConnectingView } from './connecting-view';
import { EndView } from './end-view';
import { useMessages } from './i18n';
import { Icon } from './icons';
import { IdleView } from './idle-view';
import type { WidgetController } from './widget-controller';

const IN_CALL = ['waiting-for-agent', 'in-call', 'reconnecting'];

export function Panel({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const { model } = controller;
  const state = model.state.value;
  const startedAt = model.startedAt.value;
  const minimized = controller.minimized.value;
  const panel = useRef<HTMLElement>(null);
  const active = state !== 'idle' && state !== 'ended' && state !== 'failed';

  // Focus follows the new content when the state changes (WCAG 2.4.3).
  const view = IN_CALL.includes(state) ? 'call' : state;
  useEffect(() => {
    const target = panel.current?.querySelector<HTMLElement>('[data-autofocus]');
    target?.focus();
  }, [view, minimized]);

  return (
    <section
      ref={panel}
      class="connect-video-panel"
      role="dialog"
      aria-modal="false"
      aria-label={messages.panelTitle}
      data-state={state}
      data-minimized={minimized}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        if (active) controller.setMinimized(true);
        else controller.close();
      }}
    >
      <header class="connect-video-header">
        <h2 class="connect-video-title">{messages.panelTitle}</h2>
        {startedAt !== undefined && IN_CALL.includes(state) ? (
          <CallTimer startedAt={startedAt} />
        ) : null}
        {active ? (
          <button
            type="button"
            class="connect-video-icon-button"
            aria-label={minimized ? messages.panelTitle : messages.minimize}
            aria-expanded={!minimized}
            data-control="minimize"
            data-autofocus={minimized ? true : undefined}
            onClick={() => controller.setMinimized(!minimized)}
          >
            <Icon name="minimize" />
          </button>
        ) : (
          <button
            type="button"
            class="connect-video-icon-button"
            aria-label={messages.close}
            data-control="close"
            onClick={() => controller.close()}
          >
            <Icon name="close" />
          </button>
        )}
      </header>
      <div class="connect-video-body" hidden={minimized && !IN_CALL.includes(state)}>
        {state === 'idle' ? <IdleView controller={controller} /> : null}
        {state === 'requesting' || state === 'joining' ? (
          <ConnectingView controller={controller} />
        ) : null}
        {IN_CALL.includes(state) ? <CallView controller={controller} /> : null}
        {state === 'ended' || state === 'failed' ? <EndView controller={controller} /> : null}
      </div>
    </section>
  );
}
