import { effect, signal, type ReadonlySignal } from '@preact/signals-core';
import { createCallModel, type CallModel } from '../core/call-model';
import type { CallState, EndedBy } from '../core/call-state';
import type { WidgetConfig } from '../core/config';
import { requestSession, type SessionRequestFields } from '../core/session-request';
import type { SessionResponse } from '../core/session-response';
import { createSessionStore } from '../core/stored-session';
import { WidgetError } from '../core/widget-error';
import type { CallNotice, CallSession, CallSessionOptions } from '../media/call-session';

/** The media half of the widget, loaded only when a call starts (it carries the Chime SDK). */
export type LoadCallSession = () => Promise<(options: CallSessionOptions) => CallSession>;

export interface WidgetEvents {
  state: { state: CallState };
  'agent-joined': Record<string, never>;
  ended: { by: EndedBy };
  error: { code: string; message: string };
  open: Record<string, never>;
  close: Record<string, never>;
}

export type WidgetEventName = keyof WidgetEvents;

/** What the host page gets from every embed: the script tag, `mount()` and the custom element. */
export interface WidgetControllerApi {
  open(): void;
  close(): void;
  /** Opens the panel and starts a call (the name form first when a name is still needed). */
  start(fields?: Partial<SessionRequestFields>): void;
  end(): Promise<void>;
  destroy(): Promise<void>;
  on<E extends WidgetEventName>(event: E, handler: (detail: WidgetEvents[E]) => void): () => void;
}

export interface WidgetController extends WidgetControllerApi {
  readonly config: WidgetConfig;
  readonly model: CallModel;
  readonly isOpen: ReadonlySignal<boolean>;
  readonly minimized: ReadonlySignal<boolean>;
  readonly needsName: ReadonlySignal<boolean>;
  readonly callSession: ReadonlySignal<CallSession | undefined>;
  readonly notice: ReadonlySignal<CallNotice | undefined>;
  /** Rejoining the call this tab had before a reload or a navigation within the site. */
  readonly resuming: ReadonlySignal<boolean>;
  setMinimized(minimized: boolean): void;
  submitName(displayName: string): void;
  dismissNotice(): void;
  /** Fetch the media chunk ahead of need (the customer showed intent). */
  prefetch(): void;
  /** Back to the start screen after an ended or failed call. */
  reset(): void;
}

/**
 * The widget's controller, framework-free: it owns the call model, loads the media half on demand
 * and tells the host about state changes. Every embed drives one of these.
 */
export function createWidgetController(
  config: WidgetConfig,
  loadCallSession: LoadCallSession,
): WidgetController {
  const fields: SessionRequestFields = { ...config.fields };
  const store = createSessionStore(
    sessionStorageIfAllowed(),
    'url' in config.session ? config.session.url : 'host',
  );
  let rejoin: SessionResponse | undefined = store.take();
  const model = createCallModel({
    requestSession: (abort) => {
      // A rejoin uses the session this tab already has: the same contact, no new request.
      const saved = rejoin;
      rejoin = undefined;
      return saved
        ? Promise.resolve(saved)
        : requestSession({
            ...config.session,
            fields,
            signal: abort,
            ...(config.requestTimeoutMs !== undefined && { timeoutMs: config.requestTimeoutMs }),
          });
    },
  });
  const isOpen = signal(false);
  const minimized = signal(false);
  const needsName = signal(false);
  const callSession = signal<CallSession | undefined>(undefined);
  const notice = signal<CallNotice | undefined>(undefined);
  const resuming = signal(false);
  const handlers = new Map<WidgetEventName, Set<(detail: never) => void>>();
  const audioElement = document.createElement('audio');
  audioElement.autoplay = true;
  let loading: ReturnType<LoadCallSession> | undefined;
  let destroyed = false;

  const emit = <E extends WidgetEventName>(event: E, detail: WidgetEvents[E]) => {
    for (const handler of handlers.get(event) ?? []) {
      try {
        (handler as (d: WidgetEvents[E]) => void)(detail);
      } catch (error) {
        console.error('[connect-video] an event handler threw', error);
      }
    }
  };

  const load = () => (loading ??= loadCallSession());

  const ensureCallSession = async () => {
    const create = await load();
    if (destroyed || callSession.peek()) return;
    callSession.value = create({
      model,
      audioElement,
      cameraAtStart: true,
      participantServiceEndpoint: config.participantServiceEndpoint,
      region: config.region,
      screenSharingRequestUrl: config.screenSharingRequestUrl,
      requestInit:
        'url' in config.session
          ? { headers: config.session.headers, credentials: config.session.credentials }
          : undefined,
      onNotice: (next) => {
        notice.value = next;
      },
    });
  };

  const cleanups = [
    effect(() => {
      const state = model.state.value;
      emit('state', { state });
      if (state === 'ended') emit('ended', { by: model.endedBy.peek() ?? 'system' });
      if (state === 'failed') {
        const error = model.error.peek();
        emit('error', { code: error?.code ?? 'internal', message: error?.message ?? '' });
      }
    }),
    effect(() => {
      if (model.agentPresent.value) emit('agent-joined', {});
    }),
    effect(() => {
      const state = model.state.value;
      const session = model.session.value;
      if (
        session &&
        (state === 'joining' || state === 'waiting-for-agent' || state === 'in-call')
      ) {
        store.save(session);
      }
      if (state === 'ended' || state === 'failed') store.clear();
      if (state !== 'requesting' && state !== 'joining' && state !== 'reconnecting')
        resuming.value = false;
    }),
  ];
  // Leaving the page (reload, a link) during a call: the rejoin window starts now.
  const onPageHide = () => {
    if (!['idle', 'ended', 'failed'].includes(model.state.peek())) store.touch();
  };
  addEventListener('pagehide', onPageHide);
  const removePageHide = () => removeEventListener('pagehide', onPageHide);

  const begin = () => {
    needsName.value = false;
    if (!model.start()) return;
    ensureCallSession().catch((error: unknown) => {
      // The media chunk did not load (offline, or a deploy replaced it): nothing was joined.
      model.failed(new WidgetError('network', 'The call could not be loaded.', { cause: error }));
    });
  };

  const controller: WidgetController = {
    config,
    model,
    isOpen,
    minimized,
    needsName,
    callSession,
    notice,
    resuming,
    open() {
      if (isOpen.peek()) return;
      isOpen.value = true;
      minimized.value = false;
      emit('open', {});
      controller.prefetch();
    },
    close() {
      if (!isOpen.peek()) return;
      isOpen.value = false;
      emit('close', {});
    },
    setMinimized(value) {
      minimized.value = value;
    },
    start(extra = {}) {
      Object.assign(fields, extra);
      controller.open();
      const active = !['idle', 'ended', 'failed'].includes(model.state.peek());
      if (active) return;
      if (!fields.displayName?.trim()) {
        needsName.value = true;
        return;
      }
      begin();
    },
    submitName(displayName) {
      fields.displayName = displayName.trim();
      begin();
    },
    async end() {
      needsName.value = false;
      const session = callSession.peek();
      if (session) await session.hangUp();
      else model.end();
    },
    reset() {
      notice.value = undefined;
      model.reset();
    },
    dismissNotice() {
      notice.value = undefined;
    },
    prefetch() {
      load().catch(() => {
        // A failed prefetch is retried when the call starts.
        loading = undefined;
      });
    },
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler as (detail: never) => void);
      return () => set.delete(handler as (detail: never) => void);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      cleanups.forEach((cleanup) => cleanup());
      removePageHide();
      await callSession.peek()?.dispose();
      model.dispose();
      handlers.clear();
    },
  };
  if (rejoin) {
    resuming.value = true;
    controller.open();
    begin();
  }
  return controller;
}

/** sessionStorage, unless the page may not use it (sandboxed frames, some privacy modes). */
function sessionStorageIfAllowed(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
