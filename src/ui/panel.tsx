import { useEffect, useRef, useState } from 'preact/hooks';
import { CallTimer } from './call-timer';
import { CallView, focusLost } from './call-view';
import { ChatSlot } from './chat-slot';
import { ConnectingView } from './connecting-view';
import { DeviceCheckView } from './device-check-view';
import { EndView } from './end-view';
import { useMessages } from './i18n';
import { Icon } from './icons';
import { IdleView, PermissionView } from './idle-view';
import type { WidgetController } from './widget-controller';

const IN_CALL = ['waiting-for-agent', 'in-call', 'reconnecting'];
const MARGIN = 20;

type Offset = { x: number; y: number };

/**
 * Keeps the minimized view inside the window: `offset` moves it from its home corner (bottom right,
 * or bottom left), so x is at most 0 from the right corner and at least 0 from the left one.
 */
function clamp(offset: Offset, panel: DOMRect, left: boolean): Offset {
  const maxX = Math.max(0, window.innerWidth - panel.width - 2 * MARGIN);
  const maxY = Math.max(0, window.innerHeight - panel.height - 2 * MARGIN);
  const x = left ? Math.min(Math.max(offset.x, 0), maxX) : Math.max(Math.min(offset.x, 0), -maxX);
  return { x, y: Math.max(Math.min(offset.y, 0), -maxY) };
}

export function Panel({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const { model } = controller;
  const state = model.state.value;
  const step = controller.step.value;
  const startedAt = model.startedAt.value;
  const minimized = controller.minimized.value;
  const panel = useRef<HTMLElement>(null);
  const drag = useRef<{ pointer: number; start: Offset; from: Offset } | undefined>(undefined);
  const [offset, setOffset] = useState<Offset>({ x: 0, y: 0 });
  const active = state !== 'idle' && state !== 'ended' && state !== 'failed';
  const inCall = IN_CALL.includes(state);
  const left = controller.config.position === 'bottom-left';
  // A chat shows where the first screen would (a call switched to from it shows over it).
  const chatLoad = controller.chatLoad.value;
  const chatStatus =
    controller.chat.value?.model.status.value ??
    (chatLoad === 'loading' ? 'starting' : chatLoad === 'failed' ? 'failed' : 'idle');
  const showChat = chatStatus !== 'idle' && state === 'idle' && step === 'intro';
  const videoOffered = controller.config.channels.includes('video');

  // Focus follows the new content when the state changes (WCAG 2.4.3).
  const view = showChat
    ? `chat-${chatStatus === 'reconnecting' ? 'connected' : chatStatus}`
    : inCall
      ? 'call'
      : state === 'idle'
        ? `idle-${step}`
        : state;
  useEffect(() => {
    const element = panel.current;
    const target =
      element?.querySelector<HTMLElement>('[data-autofocus]') ??
      // The call with the agent already there: the first control.
      (element && focusLost(element)
        ? element.querySelector<HTMLElement>('[data-control="mute"]')
        : null);
    target?.focus();
  }, [view, minimized]);

  // The full panel always sits in its corner; only the minimized view is moved.
  useEffect(() => {
    if (!minimized) setOffset({ x: 0, y: 0 });
  }, [minimized]);

  const place = (next: Offset) => {
    const rect = panel.current?.getBoundingClientRect();
    setOffset(rect ? clamp(next, rect, left) : next);
  };

  // The dragging alternative (WCAG 2.5.7): one press moves the view to the next corner.
  const moveToNextCorner = () => {
    const rect = panel.current?.getBoundingClientRect();
    if (!rect) return;
    const farX = (window.innerWidth - rect.width - 2 * MARGIN) * (left ? 1 : -1);
    const farY = -(window.innerHeight - rect.height - 2 * MARGIN);
    const corners: Offset[] = [
      { x: 0, y: 0 },
      { x: farX, y: 0 },
      { x: farX, y: farY },
      { x: 0, y: farY },
    ];
    const current = corners.findIndex(
      (c) => Math.abs(c.x - offset.x) < 2 && Math.abs(c.y - offset.y) < 2,
    );
    place(corners[(current + 1) % corners.length]!);
  };

  return (
    <section
      ref={panel}
      class="connect-video-panel"
      role="dialog"
      aria-modal="false"
      aria-label={
        showChat || (!videoOffered && state === 'idle') ? messages.chatTitle : messages.panelTitle
      }
      data-state={state}
      data-step={state === 'idle' ? step : undefined}
      data-minimized={minimized}
      style={minimized ? { transform: `translate(${offset.x}px, ${offset.y}px)` } : undefined}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        if (active) controller.setMinimized(true);
        else controller.close();
      }}
    >
      <header
        class="connect-video-header"
        onPointerDown={(e) => {
          if (!minimized || (e.target as Element).closest('button')) return;
          drag.current = {
            pointer: e.pointerId,
            start: { x: e.clientX, y: e.clientY },
            from: offset,
          };
          (e.currentTarget as Element).setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d || d.pointer !== e.pointerId) return;
          place({ x: d.from.x + e.clientX - d.start.x, y: d.from.y + e.clientY - d.start.y });
        }}
        onPointerUp={() => (drag.current = undefined)}
        onPointerCancel={() => (drag.current = undefined)}
      >
        <h2 class="connect-video-title">
          {showChat || (!videoOffered && state === 'idle')
            ? messages.chatTitle
            : messages.panelTitle}
        </h2>
        {startedAt !== undefined && inCall ? <CallTimer startedAt={startedAt} /> : null}
        {minimized ? (
          <button
            type="button"
            class="connect-video-icon-button"
            aria-label={messages.moveView}
            title={messages.moveView}
            data-control="move"
            onClick={moveToNextCorner}
          >
            <Icon name="move" />
          </button>
        ) : null}
        {active ? (
          <button
            type="button"
            class="connect-video-icon-button"
            aria-label={minimized ? messages.restore : messages.minimize}
            title={minimized ? messages.restore : messages.minimize}
            aria-expanded={!minimized}
            data-control="minimize"
            data-autofocus={minimized ? true : undefined}
            onClick={() => controller.setMinimized(!minimized)}
          >
            <Icon name={minimized ? 'restore' : 'minimize'} />
          </button>
        ) : (
          <button
            type="button"
            class="connect-video-icon-button"
            aria-label={messages.close}
            title={messages.close}
            data-control="close"
            onClick={() => controller.close()}
          >
            <Icon name="close" />
          </button>
        )}
      </header>
      <div class="connect-video-body" hidden={minimized && !inCall}>
        {showChat ? <ChatSlot controller={controller} /> : null}
        {state === 'idle' && step === 'intro' && !showChat ? (
          <IdleView controller={controller} />
        ) : null}
        {state === 'idle' && step === 'permission' ? (
          <PermissionView controller={controller} />
        ) : null}
        {state === 'idle' && step === 'check' ? <DeviceCheckView controller={controller} /> : null}
        {state === 'requesting' || state === 'joining' ? (
          <ConnectingView controller={controller} />
        ) : null}
        {inCall ? <CallView controller={controller} /> : null}
        {state === 'ended' || state === 'failed' ? <EndView controller={controller} /> : null}
      </div>
    </section>
  );
}
