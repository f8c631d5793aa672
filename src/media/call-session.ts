import { effect, signal, type ReadonlySignal } from '@preact/signals-core';
import type { CallModel } from '../core/call-model';
import { isAgentExternalUserId } from '../core/is-agent-external-user-id';
import { normalizeDtmf } from '../core/dtmf';
import { createParticipantsModel, type ParticipantsModel } from '../core/participants-model';
import { parseScreenSharingMessage, SCREEN_SHARING_TOPIC } from '../core/screen-sharing-message';
import { WidgetError } from '../core/widget-error';
import { pickDevice, type DeviceChoice } from '../core/devices';
import type { BackgroundProblem } from '../core/background-effect';
import type { BackgroundOption } from './background/background-option';
import { browserSupport, ChimeMediaSession, RECONNECT_DEADLINE_MS } from './chime-media-session';
import type { MediaDeviceLists, MediaSessionObserver, VideoTile } from './media-session-observer';
import type { ParticipantConnection } from './participant-connection';

export interface CallSessionOptions {
  model: CallModel;
  audioElement: HTMLAudioElement;
  /**
   * Camera on when the call starts, if the contact allows customer video; read when the call joins
   * (the pre-call check may have found the camera unusable: then the call is audio only).
   */
  cameraAtStart: boolean | (() => boolean);
  participantServiceEndpoint?: string;
  region?: string;
  /** The token endpoint's screen-sharing route, when the host enables it. */
  screenSharingRequestUrl?: string;
  /** Headers and credentials of the token endpoint, reused for its screen-sharing route. */
  requestInit?: { headers?: Record<string, string>; credentials?: RequestCredentials };
  /** The customer's devices (the pre-call check, or the last visit); read when the call joins. */
  preferredDevices?: PreferredDevices | (() => PreferredDevices);
  /** The customer's background effect, applied to the camera as it changes. */
  background?: BackgroundOption | undefined;
  /** A camera problem that did not stop the call (told to the customer). */
  onNotice?: (notice: CallNotice) => void;
}

export interface PreferredDevices {
  microphoneId?: string;
  cameraId?: string;
  speakerId?: string;
}

export type CallNotice =
  | { kind: 'camera-unavailable'; error: WidgetError }
  /** The meeting has too many videos: the customer's can no longer be sent (view-only). */
  | { kind: 'video-send-unavailable' }
  /** A device in use stopped and there was no other to use instead. */
  | { kind: 'device-lost'; device: 'microphone' | 'camera' }
  /** A device in use stopped; the call goes on with another one, `label`. */
  | { kind: 'device-switched'; device: 'microphone' | 'camera'; label: string }
  | { kind: 'screen-share-failed'; error: WidgetError }
  | { kind: 'dtmf-failed' }
  /** The background effect failed or could not keep up: the camera goes on without it. */
  | { kind: 'background-off'; problem: BackgroundProblem }
  | { kind: 'screen-sharing-request-failed' };

export interface CallSession {
  readonly tiles: ReadonlySignal<VideoTile[]>;
  /** Everyone else in the call (up to five), with who is speaking. */
  readonly participants: ParticipantsModel;
  readonly devices: ReadonlySignal<MediaDeviceLists>;
  /** The devices the call uses now (after a fallback too), for the pickers. */
  readonly inUse: ReadonlySignal<DeviceChoice>;
  readonly dtmfSent: ReadonlySignal<string>;
  setMuted(muted: boolean): void;
  setCamera(on: boolean): Promise<void>;
  startScreenShare(): Promise<void>;
  stopScreenShare(): void;
  /** Asks the token endpoint to start the contact's screen-sharing session (StartScreenSharing). */
  requestScreenSharing(): Promise<void>;
  sendDtmf(digits: string): Promise<void>;
  chooseMicrophone(id: string): Promise<void>;
  chooseCamera(id: string): Promise<void>;
  chooseSpeaker(id: string): Promise<void>;
  bindVideo(tileId: number, element: HTMLVideoElement): void;
  unbindVideo(tileId: number): void;
  /** The customer hangs up: media stopped, participant disconnected, every track stopped. */
  hangUp(): Promise<void>;
  dispose(): Promise<void>;
}

/** Runs `task` when the main thread is idle (soon anyway where requestIdleCallback is missing). */
function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 5_000 });
  else setTimeout(task, 1_000);
}

const emptyDevices: MediaDeviceLists = { microphones: [], cameras: [], speakers: [] };

/**
 * Binds one call model to the Chime SDK: when the model has a session it joins, and every SDK
 * callback becomes a model verb. Terminal statuses end the media; transient ones are left to the
 * SDK's own reconnection.
 */
export function createCallSession(options: CallSessionOptions): CallSession {
  const { model } = options;
  const tiles = signal<VideoTile[]>([]);
  const devices = signal<MediaDeviceLists>(emptyDevices);
  const dtmfSent = signal('');
  const inUse = signal<DeviceChoice>({});
  const externalIds = new Map<string, string>();
  const participants = createParticipantsModel(
    () => model.session.peek()?.ConnectionData.Attendee.AttendeeId ?? '',
  );
  let media: ChimeMediaSession | undefined;
  // The participant connection (DTMF) carries the AWS SDK client: its own chunk, loaded on first
  // use or when the page is idle during the call, so that the media chunk stays within budget.
  let participant: Promise<ParticipantConnection> | undefined;
  let released: Promise<void> | undefined;
  const cleanups: (() => void)[] = [];
  const applyBackground = () => {
    const background = options.background?.model;
    if (!background) return;
    media
      ?.setBackground(background.effect.peek(), background.backdrops, (problem) => {
        background.turnOff(problem);
        options.onNotice?.({ kind: 'background-off', problem });
      })
      .catch((error: unknown) => console.error('[connect-video] background effect:', error));
  };
  if (options.background) {
    const background = options.background.model;
    cleanups.push(
      effect(() => {
        void background.effect.value;
        applyBackground();
      }),
    );
  }

  const release = (): Promise<void> => {
    released ??= (async () => {
      const current = media;
      const currentParticipant = participant;
      await current?.leave().catch(() => undefined);
      await (await currentParticipant?.catch(() => undefined))?.disconnect();
      // The ended call's SDK session (its peer connection, tracks and timers) is not kept for the
      // ended screen: the page holds it only until here.
      if (media === current) media = undefined;
      if (participant === currentParticipant) participant = undefined;
    })();
    return released;
  };

  const participantConnection = () => {
    const session = model.session.peek();
    if (!session || !media || released) return undefined;
    participant ??= import('./participant-connection').then(
      ({ ParticipantConnection }) =>
        new ParticipantConnection(session.ParticipantToken, {
          region: options.region ?? session.ConnectionData.Meeting.MediaRegion,
          endpoint: options.participantServiceEndpoint,
        }),
    );
    // A chunk that failed to load is tried again on the next DTMF.
    participant.catch(() => (participant = undefined));
    return participant;
  };

  const join = async () => {
    const session = model.session.peek();
    if (!session || media) return;
    const support = browserSupport();
    if (!support.supported) {
      model.failed(new WidgetError('unsupported-browser', support.text));
      return;
    }
    // An ended call can still be stopping when the customer starts the next one: what its session
    // reports then (its own audioVideoDidStop above all) must not reach the new call.
    const own: ChimeMediaSession = new ChimeMediaSession(
      session,
      whileCurrent(() => media === own, {
        connecting: (reconnecting) => {
          if (reconnecting) model.reconnecting();
        },
        started: () => {
          if (model.state.peek() === 'joining') model.joined();
          else if (model.state.peek() === 'reconnecting') model.reconnected();
        },
        stopped: (code, terminal) => {
          model.stopped({ code, terminal });
          // audioVideoDidStop is the end of this session whatever the code: release the devices.
          void release();
        },
        presence: (attendeeId, externalUserId, present) => {
          if (externalUserId) externalIds.set(attendeeId, externalUserId);
          const known = externalUserId || (externalIds.get(attendeeId) ?? '');
          model.attendeePresence(known, present);
          participants.presence(attendeeId, known, present);
        },
        remoteMuted: (attendeeId, muted) => {
          participants.muted(attendeeId, muted);
          if (isAgentExternalUserId(externalIds.get(attendeeId) ?? ''))
            model.agentMuteChanged(muted);
        },
        remoteVolume: (attendeeId, volume) => participants.volume(attendeeId, volume),
        dataMessage: (topic, text, sentAt) => {
          if (topic !== SCREEN_SHARING_TOPIC) return;
          const event = parseScreenSharingMessage(text);
          if (event) model.screenSharingMessage(event, sentAt);
        },
        tilesChanged: (next) => {
          tiles.value = next;
          const own = session.ConnectionData.Attendee.AttendeeId;
          model.cameraChanged(next.some((t) => t.isLocal));
          model.remoteScreenShareChanged(
            next.some((t) => t.isContent && !t.attendeeId.startsWith(own)),
          );
        },
        connectionQuality: (poor) => model.connectionQualityChanged(poor),
        localScreenShare: (active) => model.localScreenShareChanged(active),
        devicesChanged: (lists) => {
          devices.value = lists;
        },
        deviceLost: (device, deviceId) => void fallBack(device, deviceId),
        videoSendUnavailable: () => {
          // The SDK took the self view away; the camera itself is released as on "camera off".
          void own.stopCamera().catch(() => undefined);
          options.onNotice?.({ kind: 'video-send-unavailable' });
        },
      }),
    );
    media = own;
    void applyBackground();
    try {
      const read = <T>(value: T | (() => T)): T =>
        typeof value === 'function' ? (value as () => T)() : value;
      const preferred = read(options.preferredDevices) ?? {};
      const { cameraError } = await media.join({
        camera: read(options.cameraAtStart) && model.capabilities.peek().customerVideo,
        topics: [SCREEN_SHARING_TOPIC],
        audioElement: options.audioElement,
        ...preferred,
      });
      if (cameraError) options.onNotice?.({ kind: 'camera-unavailable', error: cameraError });
      devices.value = await media.listDevices();
      inUse.value = {
        microphone: media.microphoneId,
        camera: media.cameraId,
        speaker: preferred.speakerId,
      };
      // Ready for the keypad without competing with the join for the network.
      whenIdle(() => void participantConnection()?.catch(() => undefined));
    } catch (error) {
      await release();
      model.failed(
        error instanceof WidgetError
          ? error
          : new WidgetError('internal', 'joining failed', { cause: error }),
      );
    }
  };

  /**
   * A device in use stopped (unplugged, or taken by another app): go on with another one and tell
   * the customer which; with none left, the camera goes off and the customer is told to check.
   */
  const fallBack = async (device: 'microphone' | 'camera', lostId: string | undefined) => {
    const current = media;
    if (!current) return;
    const lists = await current.listDevices().catch(() => undefined);
    if (lists) devices.value = lists;
    const available = device === 'microphone' ? lists?.microphones : lists?.cameras;
    // The lost device may still be listed for a moment: prefer any other.
    const next = pickDevice(available ?? [], undefined, lostId);
    const label = available?.find((d) => d.deviceId === next)?.label;
    try {
      if (!next || next === lostId) throw new Error('no other device');
      if (device === 'microphone') await current.chooseMicrophone(next);
      else await current.startCamera(next);
      inUse.value = { ...inUse.peek(), [device]: next };
      options.onNotice?.({ kind: 'device-switched', device, label: label || next });
    } catch {
      if (device === 'camera') await current.stopCamera().catch(() => undefined);
      options.onNotice?.({ kind: 'device-lost', device });
    }
  };

  cleanups.push(
    effect(() => {
      if (model.state.value !== 'reconnecting') return;
      // The SDK checks its reconnect deadline only between attempts, and an attempt can run on
      // well past it (measured: the failed screen 61 to 79 s after the media plane died). Connect
      // has dropped the customer at 60 s anyway: they hear it then.
      const deadline = setTimeout(
        () =>
          model.failed(
            new WidgetError(
              'connection-lost',
              `not reconnected within ${RECONNECT_DEADLINE_MS} ms`,
            ),
          ),
        RECONNECT_DEADLINE_MS,
      );
      return () => clearTimeout(deadline);
    }),
    effect(() => {
      const state = model.state.value;
      if (state === 'requesting' && released) {
        // A new call after an ended one: a fresh SDK session and participant connection.
        media = undefined;
        participant = undefined;
        released = undefined;
        tiles.value = [];
        participants.clear();
        dtmfSent.value = '';
      }
      if (state === 'joining') void join();
      // Ended or failed from the model's side (e.g. a terminal status, or the customer hung up).
      if ((state === 'ended' || state === 'failed') && media) void release();
    }),
    effect(() => {
      // The contact's screen-sharing session stopped, or the agent started sharing: stop ours.
      if (model.localShareMustStop.value) media?.stopScreenShare();
    }),
  );

  return {
    tiles,
    participants,
    devices,
    inUse,
    dtmfSent,
    setMuted(muted) {
      media?.setMuted(muted);
      model.selfMuteChanged(muted);
    },
    async setCamera(on) {
      if (!media) return;
      if (!on) return media.stopCamera();
      if (!model.capabilities.peek().customerVideo) return;
      try {
        await media.startCamera();
      } catch (error) {
        options.onNotice?.({ kind: 'camera-unavailable', error: error as WidgetError });
      }
    },
    async startScreenShare() {
      if (!media || !model.canShareScreen.peek()) return;
      try {
        await media.startScreenShare();
      } catch (error) {
        options.onNotice?.({ kind: 'screen-share-failed', error: error as WidgetError });
      }
    },
    stopScreenShare() {
      media?.stopScreenShare();
    },
    async requestScreenSharing() {
      const session = model.session.peek();
      if (!options.screenSharingRequestUrl || !session?.SessionHandle) return;
      const response = await fetch(options.screenSharingRequestUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.requestInit?.headers },
        credentials: options.requestInit?.credentials,
        body: JSON.stringify({ sessionHandle: session.SessionHandle }),
      }).catch(() => undefined);
      if (!response?.ok) options.onNotice?.({ kind: 'screen-sharing-request-failed' });
    },
    async sendDtmf(input) {
      const result = normalizeDtmf(input);
      const connection = participantConnection();
      if (!result.ok || !connection) return;
      try {
        await (await connection).sendDtmf(result.digits);
        dtmfSent.value += result.digits;
      } catch {
        options.onNotice?.({ kind: 'dtmf-failed' });
      }
    },
    async chooseMicrophone(id) {
      await media?.chooseMicrophone(id);
      inUse.value = { ...inUse.peek(), microphone: id };
    },
    async chooseCamera(id) {
      await media?.chooseCamera(id);
      inUse.value = { ...inUse.peek(), camera: id };
    },
    async chooseSpeaker(id) {
      await media?.chooseSpeaker(id);
      inUse.value = { ...inUse.peek(), speaker: id };
    },
    bindVideo: (tileId, element) => media?.bindVideo(tileId, element),
    unbindVideo: (tileId) => media?.unbindVideo(tileId),
    async hangUp() {
      model.end();
      await release();
    },
    async dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      await release();
    },
  };
}

/** The observer's calls, made only while `isCurrent()` holds. */
function whileCurrent(
  isCurrent: () => boolean,
  observer: MediaSessionObserver,
): MediaSessionObserver {
  const guarded = {} as Record<string, (...args: unknown[]) => void>;
  for (const [name, callback] of Object.entries(observer) as [
    string,
    (...args: unknown[]) => void,
  ][])
    guarded[name] = (...args) => {
      if (isCurrent()) callback(...args);
    };
  return guarded as unknown as MediaSessionObserver;
}
