import type {
  AudioVideoObserver,
  ContentShareObserver,
  DataMessage,
  DeviceChangeObserver,
  MeetingSessionStatus,
  VideoTileState,
  VoiceFocusTransformDevice,
} from 'amazon-chime-sdk-js';
import {
  ConsoleLogger,
  DefaultBrowserBehavior,
  DefaultDeviceController,
  DefaultMeetingSession,
  LogLevel,
  MeetingSessionConfiguration,
  MeetingSessionStatusCode,
  NotFoundError,
  NotReadableError,
  OverconstrainedError,
  PermissionDeniedError,
  VoiceFocusDeviceTransformer,
} from './chime-sdk';
import type { SessionResponse } from '../core/session-response';
import type { Backdrop, BackgroundEffect, BackgroundProblem } from '../core/background-effect';
import type { BackgroundDevice } from './background/background-module';
import { WidgetError } from '../core/widget-error';
import { canMakeCalls } from '../core/can-make-calls';
import type { MediaDeviceLists, MediaSessionObserver, VideoTile } from './media-session-observer';
import { quietFrameMonitor } from './quiet-frame-monitor';

export interface JoinOptions {
  /** Turn the camera on at join (only when the contact allows customer video). */
  camera: boolean;
  microphoneId?: string;
  cameraId?: string;
  speakerId?: string;
  /** Topics whose data messages are reported (Connect's screen-sharing topic, at least). */
  topics: string[];
  audioElement: HTMLAudioElement;
}

const ECHO_REDUCTION_TIMEOUT_MS = 3_000;
export const RECONNECT_DEADLINE_MS = 60_000;
/** Consecutive one-second reports of silence that make an outage, or of audio that end one. */
const REPORTS_TO_DECIDE = 5;
/** Audio packets a second that count as healthy: half of Opus's 50 (the SDK's own threshold). */
const HEALTHY_PACKETS_PER_SECOND = 25;
const STOP_TIMEOUT_MS = 5_000;

/**
 * Whether this browser can run the Chime SDK, and the SDK's own text for the customer if not. The
 * SDK's check reads the user agent only, so a browser without WebRTC (canMakeCalls) passes it.
 */
export function browserSupport(): { supported: boolean; text: string } {
  const behavior = new DefaultBrowserBehavior();
  return { supported: behavior.isSupported() && canMakeCalls(), text: behavior.supportString() };
}

/**
 * The widget's one adapter to amazon-chime-sdk-js: it joins the meeting from the token endpoint's
 * ConnectionData, turns SDK callbacks into plain observer calls and offers the verbs the controls
 * need. It never restarts a session: reconnecting is the SDK's job.
 */
export class ChimeMediaSession {
  private readonly session: DefaultMeetingSession;
  private readonly deviceController: DefaultDeviceController;
  private readonly tiles = new Map<number, VideoTile>();
  private readonly cleanups: (() => void)[] = [];
  private voiceFocus?: VoiceFocusTransformDevice;
  private stopped = false;
  private left = false;
  private silentReports = 0;
  private healthyReports = 0;
  private readonly othersPresent = new Set<string>();
  private poorConnection = false;
  private cameraDeviceId?: string;
  private microphoneDeviceId?: string;
  private readonly logger: ConsoleLogger;
  private cameraOn = false;
  private background?: Promise<BackgroundDevice | undefined>;
  private backgroundSettings: {
    effect: BackgroundEffect;
    backdrops: readonly Backdrop[];
    onProblem: (problem: BackgroundProblem) => void;
  } = { effect: 'off', backdrops: [], onProblem: () => undefined };

  constructor(
    private readonly response: SessionResponse,
    private readonly observer: MediaSessionObserver,
    logLevel: LogLevel = LogLevel.WARN,
  ) {
    const logger = new ConsoleLogger('connect-video', logLevel);
    this.logger = logger;
    this.deviceController = new DefaultDeviceController(logger, { enableWebAudio: false });
    const configuration = new MeetingSessionConfiguration(
      response.ConnectionData.Meeting,
      response.ConnectionData.Attendee,
    );
    // Connect drops a WebRTC participant that is away for 60 s (connect-webrtc.md, "rejoin"):
    // reconnecting for the SDK's default 120 s would keep the customer on "Reconnecting…" for a
    // contact that is already gone.
    configuration.reconnectTimeoutMs = RECONNECT_DEADLINE_MS;
    this.session = new DefaultMeetingSession(configuration, logger, this.deviceController);
    this.observe();
  }

  /** The microphone in use (or last asked for). */
  get microphoneId(): string | undefined {
    return this.microphoneDeviceId;
  }

  /** The camera in use (or last asked for). */
  get cameraId(): string | undefined {
    return this.cameraDeviceId;
  }

  get attendeeId(): string {
    return this.response.ConnectionData.Attendee.AttendeeId;
  }

  async join(options: JoinOptions): Promise<{ cameraError?: WidgetError }> {
    const av = this.session.audioVideo;
    for (const topic of options.topics) {
      const handler = (message: DataMessage) => {
        // A throttled message is our own bounced back unsent (the widget sends none today).
        if (!message.throttled)
          this.observer.dataMessage(message.topic, message.text(), message.timestampMs);
      };
      av.realtimeSubscribeToReceiveDataMessage(topic, handler);
      this.cleanups.push(() => av.realtimeUnsubscribeFromReceiveDataMessage(topic));
    }
    await this.startMicrophone(options.microphoneId);
    if (options.speakerId) await av.chooseAudioOutput(options.speakerId).catch(() => undefined);
    await av.bindAudioElement(options.audioElement);
    let cameraError: WidgetError | undefined;
    if (options.camera) {
      cameraError = await this.startCamera(options.cameraId).then(
        () => undefined,
        (error: WidgetError) => error,
      );
    }
    av.start();
    return cameraError ? { cameraError } : {};
  }

  setMuted(muted: boolean): void {
    if (this.left) return;
    if (muted) this.session.audioVideo.realtimeMuteLocalAudio();
    else this.session.audioVideo.realtimeUnmuteLocalAudio();
  }

  async startCamera(deviceId?: string): Promise<void> {
    const av = this.session.audioVideo;
    const id = deviceId ?? this.cameraDeviceId ?? (await av.listVideoInputDevices())[0]?.deviceId;
    if (!id) throw new WidgetError('no-device', 'No camera was found.');
    try {
      await av.startVideoInput((await this.withBackground(id)) ?? id);
    } catch (error) {
      throw deviceError(error, 'camera');
    }
    this.cameraDeviceId = id;
    this.cameraOn = true;
    av.startLocalVideoTile();
  }

  async stopCamera(): Promise<void> {
    const av = this.session.audioVideo;
    this.cameraOn = false;
    av.stopLocalVideoTile();
    // stopLocalVideoTile keeps an inactive tile; removing it takes the self view away.
    av.removeLocalVideoTile();
    await av.stopVideoInput();
    await this.stopBackground();
  }

  /**
   * The background effect (src/core/background-effect.ts): applied to the camera now if it is on,
   * else when it starts. Its chunk loads on the first effect other than off; if it fails to load
   * or start, or turns itself off, `onProblem` is told and the camera goes on plain.
   */
  async setBackground(
    effect: BackgroundEffect,
    backdrops: readonly Backdrop[],
    onProblem: (problem: BackgroundProblem) => void,
  ): Promise<void> {
    this.backgroundSettings = { effect, backdrops, onProblem };
    if (this.left) return;
    const av = this.session.audioVideo;
    if (effect === 'off') {
      if (!this.background) return;
      const plain = this.cameraOn ? this.cameraDeviceId : undefined;
      this.plainCameraQuality();
      if (plain) await av.startVideoInput(plain);
      await this.stopBackground();
      return;
    }
    const current = await this.background;
    if (current) return current.setEffect(effect);
    if (!this.cameraOn || !this.cameraDeviceId) return;
    const device = await this.withBackground(this.cameraDeviceId);
    if (device && this.cameraOn && !this.left) await av.startVideoInput(device);
  }

  /** The camera with the current effect, or undefined for the plain camera. */
  private async withBackground(deviceId: string) {
    const { effect, backdrops, onProblem } = this.backgroundSettings;
    if (effect === 'off') return undefined;
    const existing = await this.background;
    if (existing) return existing.withCamera(deviceId);
    // The effect sends at most 640×360 (background-processor.ts): a camera opened at that size
    // spares the SDK's pipeline two thirds of its pixels, on the main thread.
    this.deviceController.chooseVideoInputQuality(640, 360, 15);
    this.background = import('./background/background-module')
      .then(({ createBackgroundDevice }) =>
        createBackgroundDevice(this.logger, deviceId, { effect, backdrops, onProblem }),
      )
      .catch((error: unknown) => {
        console.error('[connect-video] the background effect could not start:', error);
        this.background = undefined;
        onProblem('failed');
        return undefined;
      });
    return (await this.background)?.device;
  }

  /** The SDK's own camera size again (DefaultDeviceController's default: 960×540, 15 a second). */
  private plainCameraQuality(): void {
    this.deviceController.chooseVideoInputQuality(960, 540, 15);
  }

  private async stopBackground(): Promise<void> {
    const background = this.background;
    this.background = undefined;
    if (background) this.plainCameraQuality();
    await (await background)?.stop().catch(() => undefined);
  }

  async chooseMicrophone(deviceId: string): Promise<void> {
    await this.startMicrophone(deviceId);
  }

  async chooseCamera(deviceId: string): Promise<void> {
    this.cameraDeviceId = deviceId;
    if ([...this.tiles.values()].some((t) => t.isLocal)) await this.startCamera(deviceId);
  }

  async chooseSpeaker(deviceId: string): Promise<void> {
    await this.session.audioVideo.chooseAudioOutput(deviceId);
  }

  async listDevices(): Promise<MediaDeviceLists> {
    const av = this.session.audioVideo;
    const [microphones, cameras, speakers] = await Promise.all([
      av.listAudioInputDevices(),
      av.listVideoInputDevices(),
      av.listAudioOutputDevices(),
    ]);
    return { microphones, cameras, speakers };
  }

  async startScreenShare(): Promise<void> {
    try {
      await this.session.audioVideo.startContentShareFromScreenCapture();
    } catch (error) {
      // The customer closing the browser's picker is not a failure.
      if ((error as Error).name === 'NotAllowedError' || (error as Error).name === 'AbortError')
        return;
      throw deviceError(error, 'screen');
    }
  }

  // The verbs a control or a video element can still call while the call ends; after `leave()`
  // they do nothing, because the SDK session is destroyed.
  stopScreenShare(): void {
    if (!this.left) this.session.audioVideo.stopContentShare();
  }

  bindVideo(tileId: number, element: HTMLVideoElement): void {
    if (this.left) return;
    quietFrameMonitor(element, this.tiles.get(tileId)?.isLocal ? 'local' : 'remote');
    this.session.audioVideo.bindVideoElement(tileId, element);
  }

  unbindVideo(tileId: number): void {
    if (!this.left) this.session.audioVideo.unbindVideoElement(tileId, false);
  }

  /**
   * Ends the customer's side for good: stops sharing, the camera and the microphone (every track),
   * and leaves the meeting. Only for the customer's own decision or a terminal status.
   */
  async leave(): Promise<void> {
    if (this.left) return;
    const av = this.session.audioVideo;
    av.stopContentShare();
    av.stopLocalVideoTile();
    await av.stopVideoInput().catch(() => undefined);
    await this.stopBackground();
    if (!this.stopped) {
      const stopped = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, STOP_TIMEOUT_MS);
        av.addObserver({
          audioVideoDidStop: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
      av.stop();
      await stopped;
    }
    // The microphone goes after the meeting has stopped: stopped during the meeting, the SDK
    // replaces it with a synthesized silent device, a looping 5-second buffer source in its shared
    // AudioContext that nothing ever stops (about 1 MB and an audio node per call, for the page's
    // lifetime). Measured with heap snapshots between `npm run bench` cycles.
    await av.stopAudioInput().catch(() => undefined);
    await this.voiceFocus?.stop().catch(() => undefined);
    av.unbindAudioElement();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    // A chosen speaker keeps the controller's `devicechange` listener on `navigator.mediaDevices`
    // (it re-registers itself inside `destroy()`), and that listener holds the ended meeting,
    // its peer connection and tracks for the page's lifetime: forget the speaker first.
    await this.deviceController.chooseAudioOutput(null).catch(() => undefined);
    await this.deviceController.destroy().catch(() => undefined);
    // Cancels the SDK's own timers (its join-timing report holds the whole meeting for 15 s).
    this.left = true;
    await this.session.destroy().catch(() => undefined);
  }

  private async startMicrophone(deviceId?: string): Promise<void> {
    const av = this.session.audioVideo;
    const id =
      deviceId ?? this.microphoneDeviceId ?? (await av.listAudioInputDevices())[0]?.deviceId;
    if (!id) throw new WidgetError('no-device', 'No microphone was found.');
    this.microphoneDeviceId = id;
    const device = await this.withEchoReduction(id);
    try {
      await av.startAudioInput(device);
    } catch (error) {
      throw deviceError(error, 'microphone');
    }
  }

  /**
   * Amazon Voice Focus with echo reduction when the contact's meeting offers it. It loads its model
   * from Amazon's CDN: if that fails or takes too long, the call goes on with the plain microphone.
   */
  private async withEchoReduction(deviceId: string): Promise<string | VoiceFocusTransformDevice> {
    const offered =
      this.response.ConnectionData.Meeting.MeetingFeatures?.Audio?.EchoReduction === 'AVAILABLE';
    if (!offered) return deviceId;
    try {
      const attempt = (async () => {
        if (!(await VoiceFocusDeviceTransformer.isSupported())) return deviceId;
        // The SDK refuses the echo-reduction model unless the meeting response says it is offered.
        const transformer = await VoiceFocusDeviceTransformer.create(
          { name: 'ns_es' },
          { preload: true },
          undefined,
          { Meeting: this.response.ConnectionData.Meeting },
          { Attendee: this.response.ConnectionData.Attendee },
        );
        if (!transformer.isSupported()) return deviceId;
        this.voiceFocus = await transformer.createTransformDevice(deviceId);
        return this.voiceFocus ?? deviceId;
      })();
      const timeout = new Promise<string>((resolve) =>
        setTimeout(() => resolve(deviceId), ECHO_REDUCTION_TIMEOUT_MS),
      );
      return await Promise.race([attempt, timeout]);
    } catch {
      return deviceId;
    }
  }

  private observe(): void {
    const av = this.session.audioVideo;
    const observer: AudioVideoObserver & ContentShareObserver = {
      audioVideoDidStartConnecting: (reconnecting) => this.observer.connecting(reconnecting),
      audioVideoDidStart: () => this.observer.started(),
      audioVideoDidStop: (status: MeetingSessionStatus) => {
        this.stopped = true;
        const code = status.statusCode();
        this.observer.stopped(MeetingSessionStatusCode[code] ?? String(code), status.isTerminal());
      },
      videoTileDidUpdate: (state) => this.tileUpdated(state),
      videoTileWasRemoved: (tileId) => {
        this.tiles.delete(tileId);
        this.observer.tilesChanged([...this.tiles.values()]);
      },
      connectionDidSuggestStopVideo: () => this.reportQuality(true),
      connectionDidBecomePoor: () => this.reportQuality(true),
      connectionDidBecomeGood: () => this.reportQuality(false),
      metricsDidReceive: (report) => {
        // The SDK's health policies alone misjudge two cases. A dead media path that answers
        // nothing at all is not always caught (measured: ICE "disconnected" for minutes, no
        // reconnect): the customer must still be told. And its unusable-audio warning, once given,
        // holds for its one-minute cool-down however soon the audio is back: in Firefox a 7 s
        // outage trips it, as fewer than its expected 50 packets a second arrive afterwards
        // (e2e/faults.spec.ts). One report per second: five silent ones in a row are an outage,
        // five healthy ones (at least half of what Opus sends) end a poor connection.
        const received = report.getObservableMetricValue('audioPacketsReceived');
        // Alone in the meeting (waiting for the agent) silence is expected.
        if (
          typeof received !== 'number' ||
          Number.isNaN(received) ||
          this.othersPresent.size === 0
        ) {
          this.silentReports = 0;
          this.healthyReports = 0;
          return;
        }
        this.silentReports = received > 0 ? 0 : this.silentReports + 1;
        this.healthyReports = received >= HEALTHY_PACKETS_PER_SECOND ? this.healthyReports + 1 : 0;
        if (this.silentReports >= REPORTS_TO_DECIDE) this.reportQuality(true);
        if (this.healthyReports >= REPORTS_TO_DECIDE) this.reportQuality(false);
      },
      // DefaultAudioVideoController.handleMeetingSessionStatus, status VideoCallSwitchToViewOnly.
      videoSendDidBecomeUnavailable: () => this.observer.videoSendUnavailable(),
      contentShareDidStart: () => this.observer.localScreenShare(true),
      contentShareDidStop: () => this.observer.localScreenShare(false),
    };
    av.addObserver(observer);
    av.addContentShareObserver(observer);
    this.cleanups.push(() => {
      av.removeObserver(observer);
      av.removeContentShareObserver(observer);
    });

    const volumeHandlers = new Map<
      string,
      (id: string, volume: number | null, muted: boolean | null) => void
    >();
    const presence = (attendeeId: string, present: boolean, externalUserId?: string) => {
      if (attendeeId !== this.attendeeId && !attendeeId.endsWith('#content')) {
        if (present) this.othersPresent.add(attendeeId);
        else this.othersPresent.delete(attendeeId);
      }
      this.observer.presence(attendeeId, externalUserId ?? '', present);
      if (present && !volumeHandlers.has(attendeeId)) {
        const handler = (id: string, volume: number | null, muted: boolean | null) => {
          if (muted !== null) this.observer.remoteMuted(id, muted);
          if (volume !== null) this.observer.remoteVolume(id, volume);
        };
        volumeHandlers.set(attendeeId, handler);
        av.realtimeSubscribeToVolumeIndicator(attendeeId, handler);
      }
    };
    av.realtimeSubscribeToAttendeeIdPresence(presence);

    this.cleanups.push(() => {
      av.realtimeUnsubscribeToAttendeeIdPresence(presence);
      for (const [id, handler] of volumeHandlers)
        av.realtimeUnsubscribeFromVolumeIndicator(id, handler);
    });

    const devices: DeviceChangeObserver = {
      audioInputsChanged: () => void this.reportDevices(),
      videoInputsChanged: () => void this.reportDevices(),
      audioOutputsChanged: () => void this.reportDevices(),
      audioInputStreamEnded: (deviceId) => this.observer.deviceLost('microphone', deviceId),
      videoInputStreamEnded: (deviceId) => this.observer.deviceLost('camera', deviceId),
    };
    av.addDeviceChangeObserver(devices);
    this.cleanups.push(() => av.removeDeviceChangeObserver(devices));
  }

  /** Poor or good, from the SDK or our own reports, told once per change. */
  private reportQuality(poor: boolean): void {
    if (poor === this.poorConnection) return;
    this.poorConnection = poor;
    this.observer.connectionQuality(poor);
  }

  private async reportDevices(): Promise<void> {
    this.observer.devicesChanged(await this.listDevices());
  }

  private tileUpdated(state: VideoTileState): void {
    if (!state.tileId || !state.boundAttendeeId) return;
    const tile: VideoTile = {
      tileId: state.tileId,
      attendeeId: state.boundAttendeeId,
      externalUserId: state.boundExternalUserId ?? '',
      isLocal: state.localTile,
      isContent: state.isContent,
      paused: state.paused,
    };
    // The SDK updates a tile's state for its element's size and pixel ratio too, many times a
    // second with several videos: only what the UI shows is passed on.
    const known = this.tiles.get(state.tileId);
    if (known && (Object.keys(tile) as (keyof VideoTile)[]).every((k) => known[k] === tile[k]))
      return;
    this.tiles.set(state.tileId, tile);
    this.observer.tilesChanged([...this.tiles.values()]);
  }
}

/** The SDK's getUserMedia errors, as the widget's error codes. */
function deviceError(error: unknown, what: 'microphone' | 'camera' | 'screen'): WidgetError {
  const message = `The ${what} could not be started.`;
  if (error instanceof PermissionDeniedError || (error as Error)?.name === 'NotAllowedError') {
    return new WidgetError('media-permission-denied', message, { cause: error });
  }
  if (error instanceof NotFoundError || error instanceof OverconstrainedError) {
    return new WidgetError('no-device', message, { cause: error });
  }
  if (error instanceof NotReadableError) {
    return new WidgetError('device-busy', message, { cause: error });
  }
  return new WidgetError('device-busy', message, { cause: error });
}
