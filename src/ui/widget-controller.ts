import { effect, signal, type ReadonlySignal } from '@preact/signals-core';
import { createCallModel, type CallModel } from '../core/call-model';
import type { CallState, EndedBy } from '../core/call-state';
import type { WidgetConfig } from '../core/config';
import {
  endpointInit,
  requestSession,
  type EndpointInit,
  type SessionRequestFields,
} from '../core/session-request';
import type { SessionResponse } from '../core/session-response';
import { createSessionStore } from '../core/stored-session';
import { guestSession, takeInvitationFromLocation } from '../core/guest-invitation';
import { WidgetError, type WidgetErrorCode } from '../core/widget-error';
import { LOAD_TIMEOUT_MS, withTimeout } from '../core/with-timeout';
import { canMakeCalls } from '../core/can-make-calls';
import { createDeviceModel, type DeviceKind, type DeviceModel } from '../core/devices';
import type { BackgroundOption } from '../media/background/background-option';
import type { CallNotice, CallSession } from '../media/call-session';
import type { DeviceCheck } from '../media/device-check';
import type { FunctionComponent } from 'preact';
import { unlockAudio } from './unlock-audio';
import type { ChatController, ChatControllerOptions } from './chat-controller';
import { STORED_CHAT_KEY } from '../core/chat-details';

/** The media half of the widget (the Chime SDK and the device check), loaded on intent. */
export type MediaModule = typeof import('../media/media-module');
export type LoadMedia = () => Promise<MediaModule>;

/** The chat chunk (src/embed/chat-chunk.ts): loaded when a chat starts or resumes. */
export interface ChatChunk {
  ChatView: FunctionComponent<{ controller: WidgetController }>;
  ChatPopover: FunctionComponent<{ controller: WidgetController; onClose: () => void }>;
  /** Adopted into the widget's shadow root when the chunk arrives. */
  chatStyles: string;
  createChat(options: Omit<ChatControllerOptions, 'loadChat'>): ChatController;
}
export type LoadChatChunk = () => Promise<ChatChunk>;

/**
 * Before the call (the model is idle): the first screen, the browser's permission prompt, and the
 * device check (chosen by the customer, or shown because a device failed).
 */
export type PrecallStep = 'intro' | 'permission' | 'check';

/** Session request failures after which the endpoint may well have started the contact. */
const MAY_HAVE_STARTED = new Set<WidgetErrorCode>([
  'timeout',
  'network',
  'token-endpoint-unavailable',
]);

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
  /** The host's headers and credentials for its endpoints (none with `getSession`). */
  readonly requestInit: EndpointInit | undefined;
  readonly model: CallModel;
  readonly isOpen: ReadonlySignal<boolean>;
  readonly minimized: ReadonlySignal<boolean>;
  readonly needsName: ReadonlySignal<boolean>;
  readonly callSession: ReadonlySignal<CallSession | undefined>;
  readonly notice: ReadonlySignal<CallNotice | undefined>;
  readonly step: ReadonlySignal<PrecallStep>;
  readonly deviceCheck: ReadonlySignal<DeviceCheck | undefined>;
  readonly devices: DeviceModel;
  /** The background effect on the customer's camera and its picker, once the media chunk has loaded. */
  readonly background: ReadonlySignal<BackgroundOption | undefined>;
  /**
   * Whether this browser can make calls: known at once without WebRTC (canMakeCalls), else the
   * Chime SDK's verdict once the media half has loaded.
   */
  readonly support: ReadonlySignal<{ supported: boolean; text: string } | undefined>;
  /** Rejoining the call this tab had before a reload or a navigation within the site. */
  readonly resuming: ReadonlySignal<boolean>;
  /** The next call joins someone else's by invitation (no name form, no new contact). */
  readonly invited: ReadonlySignal<boolean>;
  /** The chat, once its chunk has loaded (channels include chat). */
  readonly chat: ReadonlySignal<ChatController | undefined>;
  readonly chatChunk: ReadonlySignal<ChatChunk | undefined>;
  /** The chat chunk: not asked for, on its way, or failed to load. */
  readonly chatLoad: ReadonlySignal<'none' | 'loading' | 'loaded' | 'failed'>;
  /** After the chat chunk failed to load: back to the first screen. */
  cancelChat(): void;
  /** Starts a chat with the customer's name (from the first screen). */
  startChat(displayName: string): void;
  /** From the chat: a video call whose RelatedContactId is the chat (chatOnVideo decides the rest). */
  switchToVideo(): void;
  setMinimized(minimized: boolean): void;
  submitName(displayName: string): void;
  /** The customer asked to check their devices before calling (with the name form's fields). */
  checkDevices(fields?: Partial<SessionRequestFields>): void;
  /** From the device check: start the call with the devices that work (no camera: audio only). */
  join(options?: { audioOnly?: boolean }): void;
  /** From the device check back to the first screen; the devices are released. */
  back(): void;
  /** The customer picked a device: used now (check or call) and remembered for the next visit. */
  chooseDevice(kind: DeviceKind, deviceId: string): Promise<void>;
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
  loadMedia: LoadMedia,
  loadChatChunk?: LoadChatChunk,
): WidgetController {
  const fields: SessionRequestFields = { ...config.fields };
  const store = createSessionStore(
    sessionStorageIfAllowed(),
    'url' in config.session ? config.session.url : 'host',
  );
  let rejoin: SessionResponse | undefined = store.take();
  const requestInit = endpointInit(config.session);
  // An invitation is good for one call: once it has been exchanged, the widget is the customer's.
  const invitation =
    config.invitation ??
    (config.invitationJoinUrl && !rejoin ? takeInvitationFromLocation() : undefined);
  const invited = signal(!!invitation && !!config.invitationJoinUrl);
  const guestSource =
    invitation && config.invitationJoinUrl
      ? { getSession: guestSession(config.invitationJoinUrl, invitation, requestInit) }
      : undefined;
  // A request that failed without an answer may still have started a contact, which would wait in
  // the queue for nobody: the next start sends its client token again and gets that contact back.
  let unansweredToken: string | undefined;
  // The media chunk did not load before the call: the call fails with this instead of asking for
  // a session, so that no contact waits in the queue for a customer who cannot join.
  let loadFailure: WidgetError | undefined;
  const model = createCallModel({
    requestSession: (abort) => {
      // A rejoin uses the session this tab already has: the same contact, no new request.
      const saved = rejoin;
      const failure = loadFailure;
      rejoin = loadFailure = undefined;
      if (saved) return Promise.resolve(saved);
      if (failure) return Promise.reject(failure);
      const clientToken = unansweredToken ?? crypto.randomUUID();
      unansweredToken = undefined;
      const source = invited.peek() && guestSource ? guestSource : config.session;
      return requestSession({
        ...source,
        fields,
        signal: abort,
        clientToken,
        ...(config.requestTimeoutMs !== undefined && { timeoutMs: config.requestTimeoutMs }),
      }).catch((error: unknown) => {
        if (error instanceof WidgetError && MAY_HAVE_STARTED.has(error.code))
          unansweredToken = clientToken;
        throw error;
      });
    },
  });
  const isOpen = signal(false);
  const minimized = signal(false);
  const needsName = signal(false);
  const callSession = signal<CallSession | undefined>(undefined);
  const notice = signal<CallNotice | undefined>(undefined);
  const step = signal<PrecallStep>('intro');
  const deviceCheck = signal<DeviceCheck | undefined>(undefined);
  const support = signal<{ supported: boolean; text: string } | undefined>(
    canMakeCalls() ? undefined : { supported: false, text: '' },
  );
  const devices = createDeviceModel();
  const background = signal<BackgroundOption | undefined>(undefined);
  // Decided by the pre-call check: false when the camera failed and the customer joins audio only.
  let cameraAtStart = true;
  const resuming = signal(false);
  const handlers = new Map<WidgetEventName, Set<(detail: never) => void>>();
  const audioElement = document.createElement('audio');
  audioElement.autoplay = true;
  let loading: ReturnType<LoadMedia> | undefined;
  let destroyed = false;
  let toldUnsupported = false;

  const emit = <E extends WidgetEventName>(event: E, detail: WidgetEvents[E]) => {
    for (const handler of handlers.get(event) ?? []) {
      try {
        (handler as (d: WidgetEvents[E]) => void)(detail);
      } catch (error) {
        console.error('[connect-video] an event handler threw', error);
      }
    }
  };

  const chat = signal<ChatController | undefined>(undefined);
  const chatChunk = signal<ChatChunk | undefined>(undefined);
  const chatLoad = signal<'none' | 'loading' | 'loaded' | 'failed'>('none');
  let chatName = '';
  /** Loads the chat chunk and creates the chat (which resumes a stored chat by itself). */
  const withChat = (then: (chat: ChatController) => void) => {
    if (!loadChatChunk || !config.channels.includes('chat')) return;
    const current = chat.peek();
    if (current) return then(current);
    if (chatLoad.peek() === 'loading') return;
    chatLoad.value = 'loading';
    withTimeout(loadChatChunk(), LOAD_TIMEOUT_MS).then(
      (chunk) => {
        if (destroyed) return;
        chatChunk.value = chunk;
        const created = (chat.value ??= chunk.createChat({
          config,
          fields,
          storage: sessionStorageIfAllowed(),
          onError: (error) => emit('error', { code: error.code, message: error.message }),
        }));
        chatLoad.value = 'loaded';
        then(created);
      },
      (error: unknown) => {
        chatLoad.value = 'failed';
        const failure = loadFailed(error);
        emit('error', { code: failure.code, message: 'The chat could not be loaded.' });
      },
    );
  };

  const load = () =>
    (loading ??= withTimeout(loadMedia(), LOAD_TIMEOUT_MS).then(
      (module) => {
        if (support.peek()?.supported !== false) support.value = module.browserSupport();
        background.value ??= module.createBackgroundOption(config);
        return module;
      },
      (error: unknown) => {
        // The next attempt fetches it again (offline for a moment, or blocked).
        loading = undefined;
        throw error;
      },
    ));

  const loadFailed = (cause: unknown) =>
    new WidgetError('load-failed', 'The call could not be loaded.', { cause });

  const ensureCallSession = async () => {
    const { createCallSession } = await load();
    if (destroyed || callSession.peek()) return;
    callSession.value = createCallSession({
      model,
      audioElement,
      cameraAtStart: () => cameraAtStart,
      preferredDevices: () => {
        const selected = devices.selected.peek();
        return {
          microphoneId: selected.microphone,
          cameraId: selected.camera,
          speakerId: selected.speaker,
        };
      },
      participantServiceEndpoint: config.participantServiceEndpoint,
      region: config.region,
      screenSharingRequestUrl: config.screenSharingRequestUrl,
      requestInit,
      background: background.peek(),
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
      // The customer opened the widget in a browser that cannot make calls: the host hears it once.
      const verdict = support.value;
      if (isOpen.value && verdict?.supported === false && !toldUnsupported) {
        toldUnsupported = true;
        emit('error', { code: 'unsupported-browser', message: verdict.text || 'no WebRTC' });
      }
    }),
    effect(() => {
      // The pickers follow whatever reports the devices: the check before the call, the SDK during it.
      const lists = deviceCheck.value?.devices.value ?? callSession.value?.devices.value;
      if (lists) devices.setLists(lists);
    }),
    effect(() => {
      const state = model.state.value;
      const session = model.session.value;
      if (
        session &&
        (state === 'joining' || state === 'waiting-for-agent' || state === 'in-call')
      ) {
        store.save(session);
        if (session.Guest) invited.value = false;
      }
      if (state === 'ended' || state === 'failed') store.clear();
      if (fields.chatHandle && (state === 'waiting-for-agent' || state === 'in-call')) {
        // The call has its contact, related to the chat: the chat ends now if the host says so.
        const current = chat.peek();
        if (config.chatOnVideo === 'end' && current && current.model.status.peek() !== 'idle')
          void current.end().then(() => current.reset());
      }
      if ((state === 'ended' || state === 'failed') && fields.chatHandle) {
        // The next call is a call of its own unless the customer switches from a chat again.
        delete fields.chatHandle;
        if (config.fields.relatedContactId === undefined) delete fields.relatedContactId;
        else fields.relatedContactId = config.fields.relatedContactId;
      }
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

  const stopCheck = () => {
    deviceCheck.peek()?.stop();
    deviceCheck.value = undefined;
  };

  /**
   * Asks the browser for the microphone (and the camera, when calls may send video) before any
   * contact exists: a refused or missing microphone is told here, with what to do, instead of
   * failing a call the agent is already being offered.
   */
  const preflight = async (showCheck: boolean) => {
    // Nothing to ask the browser for: the first screen already says why.
    if (step.peek() === 'permission' || support.peek()?.supported === false) return;
    unlockAudio(audioElement);
    needsName.value = false;
    step.value = 'permission';
    let module: MediaModule;
    try {
      module = await load();
    } catch (error) {
      step.value = 'intro';
      // requestSession answers with it: the call fails without asking for a session.
      loadFailure = loadFailed(error);
      if (!model.start()) loadFailure = undefined;
      return;
    }
    if (!support.peek()?.supported || destroyed) {
      step.value = 'intro';
      return;
    }
    stopCheck();
    const check = module.createDeviceCheck({
      video: config.customerVideo,
      preferred: devices.choice.peek(),
      background: background.peek(),
    });
    deviceCheck.value = check;
    const problems = await check.start();
    // Closed, or back to the first screen, while the browser was asking.
    if (deviceCheck.peek() !== check) return;
    if (showCheck || problems.microphone || problems.camera) {
      step.value = 'check';
      return;
    }
    join();
  };

  const join = ({ audioOnly = false }: { audioOnly?: boolean } = {}) => {
    const check = deviceCheck.peek();
    if (check?.problems.peek().microphone) return;
    unlockAudio(audioElement);
    cameraAtStart = config.customerVideo && !audioOnly && !check?.problems.peek().camera;
    stopCheck();
    step.value = 'intro';
    begin();
  };

  const begin = () => {
    needsName.value = false;
    if (!model.start()) return;
    ensureCallSession().catch((error: unknown) => {
      // The media chunk did not load (a rejoin after a reload, offline): nothing was joined.
      model.failed(loadFailed(error));
    });
  };

  const controller: WidgetController = {
    config,
    requestInit,
    model,
    isOpen,
    minimized,
    needsName,
    callSession,
    notice,
    step,
    deviceCheck,
    devices,
    background,
    support,
    resuming,
    invited,
    chat,
    chatChunk,
    chatLoad,
    startChat(displayName) {
      controller.open();
      chatName = displayName.trim() || chatName;
      withChat((current) => current.start(chatName));
    },
    cancelChat() {
      if (chatLoad.peek() === 'failed') chatLoad.value = 'none';
    },
    switchToVideo() {
      const current = chat.peek();
      const details = current?.details.peek();
      if (!current || !details || !config.channels.includes('video')) return;
      fields.chatHandle = details.ChatHandle;
      fields.relatedContactId = details.ContactId;
      controller.start({ displayName: current.displayName.peek() || fields.displayName });
    },
    open() {
      if (isOpen.peek()) return;
      isOpen.value = true;
      minimized.value = false;
      emit('open', {});
      controller.prefetch();
    },
    close() {
      if (!isOpen.peek()) return;
      stopCheck();
      if (step.peek() !== 'intro') step.value = 'intro';
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
      if (!invited.peek() && !fields.displayName?.trim()) {
        needsName.value = true;
        return;
      }
      void preflight(false);
    },
    submitName(displayName) {
      fields.displayName = displayName.trim();
      void preflight(false);
    },
    checkDevices(extra = {}) {
      Object.assign(fields, extra);
      void preflight(true);
    },
    join,
    back() {
      stopCheck();
      step.value = 'intro';
    },
    async chooseDevice(kind, deviceId) {
      devices.choose(kind, deviceId);
      const session = callSession.peek();
      const state = model.state.peek();
      if (session && !['idle', 'ended', 'failed'].includes(state)) {
        if (kind === 'microphone') await session.chooseMicrophone(deviceId);
        else if (kind === 'camera') await session.chooseCamera(deviceId);
        else await session.chooseSpeaker(deviceId);
      } else if (kind !== 'speaker') {
        await deviceCheck.peek()?.use(kind, deviceId);
      }
    },
    async end() {
      needsName.value = false;
      const session = callSession.peek();
      if (session) await session.hangUp();
      else model.end();
    },
    reset() {
      notice.value = undefined;
      step.value = 'intro';
      model.reset();
    },
    dismissNotice() {
      notice.value = undefined;
    },
    prefetch() {
      load().catch(() => {
        // A failed prefetch is retried when the call starts.
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
      stopCheck();
      cleanups.forEach((cleanup) => cleanup());
      removePageHide();
      await callSession.peek()?.dispose();
      chat.peek()?.dispose();
      model.dispose();
      handlers.clear();
    },
  };
  // A chat this tab had before a reload or a navigation comes back, on its own or beside the call
  // it was switched to (`chatOnVideo: 'keep'`).
  const storedChat = config.channels.includes('chat') && hasStoredChat();
  if (rejoin) {
    resuming.value = true;
    controller.open();
    begin();
  } else if (storedChat) {
    controller.open();
  } else if (invited.peek()) {
    // Opened from an invitation link: the guest came for this call, the panel says so at once.
    controller.open();
  }
  if (storedChat) withChat(() => {});
  return controller;
}

function hasStoredChat(): boolean {
  try {
    return !!sessionStorageIfAllowed()?.getItem(STORED_CHAT_KEY);
  } catch {
    return false;
  }
}

/** sessionStorage, unless the page may not use it (sandboxed frames, some privacy modes). */
function sessionStorageIfAllowed(): Storage | undefined {
  try {
    return typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
  } catch {
    return undefined;
  }
}
