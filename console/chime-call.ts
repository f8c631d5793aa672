/**
 * A plain Amazon Chime SDK client: the agent console of the emulator and the end-to-end fixture
 * page both use it. It is deliberately not the widget: it shows that the emulator works with the
 * unmodified SDK on its own.
 */
import {
  ConsoleLogger,
  DefaultDeviceController,
  DefaultMeetingSession,
  LogLevel,
  MeetingSessionConfiguration,
  MeetingSessionStatusCode,
  type AudioVideoObserver,
  type ContentShareObserver,
  type DataMessage,
  type MeetingSessionStatus,
  type VideoTileState,
} from 'amazon-chime-sdk-js';

export interface ConnectionData {
  Meeting: unknown;
  Attendee: unknown;
}

export interface Attendance {
  attendeeId: string;
  externalUserId: string;
  present: boolean;
  muted: boolean;
  /** The loudest volume (0 to 1) and the last signal strength (0 to 1) the SDK reported. */
  loudest: number;
  signalStrength: number | null;
}

export interface TileInfo {
  tileId: number;
  attendeeId: string;
  externalUserId: string;
  isContent: boolean;
  isLocal: boolean;
  video: HTMLVideoElement;
}

export interface ReceivedMessage {
  topic: string;
  text: string;
  senderAttendeeId: string;
  senderExternalUserId: string;
}

export type CallStatus = 'idle' | 'joining' | 'started' | 'reconnecting' | 'stopped';

export interface ChimeCallEvents {
  change(): void;
}

export class ChimeCall {
  readonly session: DefaultMeetingSession;
  status: CallStatus = 'idle';
  stopCode = '';
  readonly attendance = new Map<string, Attendance>();
  readonly tiles = new Map<number, TileInfo>();
  readonly messages: ReceivedMessage[] = [];
  contentSharing = false;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    connectionData: ConnectionData,
    private readonly tileContainer: HTMLElement,
    private readonly audioElement: HTMLAudioElement,
    private readonly onChange: () => void = () => undefined,
  ) {
    const logger = new ConsoleLogger('chime', LogLevel.WARN);
    const configuration = new MeetingSessionConfiguration(
      connectionData.Meeting,
      connectionData.Attendee,
    );
    this.session = new DefaultMeetingSession(
      configuration,
      logger,
      new DefaultDeviceController(logger),
    );
    const av = this.session.audioVideo;
    const observer: AudioVideoObserver & ContentShareObserver = {
      audioVideoDidStartConnecting: (reconnecting) =>
        this.set(reconnecting ? 'reconnecting' : 'joining'),
      audioVideoDidStart: () => this.set('started'),
      audioVideoDidStop: (status: MeetingSessionStatus) => {
        this.stopCode =
          MeetingSessionStatusCode[status.statusCode()] ?? String(status.statusCode());
        this.set('stopped');
      },
      videoTileDidUpdate: (state) => this.tileUpdated(state),
      videoTileWasRemoved: (tileId) => this.tileRemoved(tileId),
      contentShareDidStart: () => {
        this.contentSharing = true;
        this.onChange();
      },
      contentShareDidStop: () => {
        this.contentSharing = false;
        this.onChange();
      },
    };
    av.addObserver(observer);
    av.addContentShareObserver(observer);
    this.cleanups.push(() => {
      av.removeObserver(observer);
      av.removeContentShareObserver(observer);
    });
    const presence = (attendeeId: string, present: boolean, externalUserId?: string) => {
      const previous = this.attendance.get(attendeeId);
      this.attendance.set(attendeeId, {
        attendeeId,
        externalUserId: externalUserId ?? previous?.externalUserId ?? '',
        present,
        muted: previous?.muted ?? false,
        loudest: previous?.loudest ?? 0,
        signalStrength: previous?.signalStrength ?? null,
      });
      if (present) {
        av.realtimeSubscribeToVolumeIndicator(attendeeId, (id, volume, muted, signal) => {
          const entry = this.attendance.get(id);
          if (!entry) return;
          if (volume !== null) entry.loudest = Math.max(entry.loudest, volume);
          if (signal !== null) entry.signalStrength = signal;
          if (muted !== null) {
            entry.muted = muted;
            this.onChange();
          }
        });
      }
      this.onChange();
    };
    av.realtimeSubscribeToAttendeeIdPresence(presence);
    this.cleanups.push(() => av.realtimeUnsubscribeToAttendeeIdPresence(presence));
  }

  /** Receives data messages of a topic as UTF-8 text. */
  subscribeToTopic(topic: string): void {
    this.session.audioVideo.realtimeSubscribeToReceiveDataMessage(topic, (message: DataMessage) => {
      this.messages.push({
        topic: message.topic,
        text: message.text(),
        senderAttendeeId: message.senderAttendeeId,
        senderExternalUserId: message.senderExternalUserId,
      });
      this.onChange();
    });
  }

  async join(options: { video: boolean }): Promise<void> {
    const av = this.session.audioVideo;
    const microphones = await av.listAudioInputDevices();
    await av.startAudioInput(microphones[0]?.deviceId ?? null);
    await av.bindAudioElement(this.audioElement);
    this.set('joining');
    const started = new Promise<void>((resolve, reject) => {
      const observer: AudioVideoObserver = {
        audioVideoDidStart: () => {
          av.removeObserver(observer);
          resolve();
        },
        audioVideoDidStop: (status) => {
          av.removeObserver(observer);
          reject(new Error(`stopped while joining: ${status.statusCode()}`));
        },
      };
      av.addObserver(observer);
    });
    av.start();
    await started;
    if (options.video) await this.startVideo();
  }

  async startVideo(): Promise<void> {
    const av = this.session.audioVideo;
    const cameras = await av.listVideoInputDevices();
    if (!cameras[0]) throw new Error('no camera');
    await av.startVideoInput(cameras[0].deviceId);
    av.startLocalVideoTile();
  }

  async stopVideo(): Promise<void> {
    this.session.audioVideo.stopLocalVideoTile();
    await this.session.audioVideo.stopVideoInput();
  }

  get muted(): boolean {
    return this.session.audioVideo.realtimeIsLocalAudioMuted();
  }

  setMuted(muted: boolean): void {
    if (muted) this.session.audioVideo.realtimeMuteLocalAudio();
    else this.session.audioVideo.realtimeUnmuteLocalAudio();
    this.onChange();
  }

  /** Shares the screen, or `stream` when given (tests share a canvas). */
  async startContentShare(stream?: MediaStream): Promise<void> {
    if (stream) await this.session.audioVideo.startContentShare(stream);
    else await this.session.audioVideo.startContentShareFromScreenCapture();
  }

  stopContentShare(): void {
    this.session.audioVideo.stopContentShare();
  }

  sendData(topic: string, text: string): void {
    this.session.audioVideo.realtimeSendDataMessage(topic, text);
  }

  async leave(): Promise<void> {
    const av = this.session.audioVideo;
    av.stopContentShare();
    av.stopLocalVideoTile();
    await av.stopVideoInput();
    await av.stopAudioInput();
    if (this.status !== 'stopped') {
      const stopped = new Promise<void>((resolve) => {
        const observer: AudioVideoObserver = {
          audioVideoDidStop: () => {
            av.removeObserver(observer);
            resolve();
          },
        };
        av.addObserver(observer);
      });
      av.stop();
      await stopped;
    }
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  /** Facts about the media, from the peer connection's own statistics. */
  async mediaStats(): Promise<{
    audioPacketsReceived: number;
    audioPacketsSent: number;
    videoFramesDecoded: number;
  }> {
    const report = await this.session.audioVideo.getRTCPeerConnectionStats();
    let audioPacketsReceived = 0;
    let audioPacketsSent = 0;
    let videoFramesDecoded = 0;
    report?.forEach((entry: Record<string, unknown>) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'audio')
        audioPacketsReceived += Number(entry.packetsReceived ?? 0);
      if (entry.type === 'outbound-rtp' && entry.kind === 'audio')
        audioPacketsSent += Number(entry.packetsSent ?? 0);
      if (entry.type === 'inbound-rtp' && entry.kind === 'video')
        videoFramesDecoded += Number(entry.framesDecoded ?? 0);
    });
    return { audioPacketsReceived, audioPacketsSent, videoFramesDecoded };
  }

  private set(status: CallStatus): void {
    this.status = status;
    this.onChange();
  }

  private tileUpdated(state: VideoTileState): void {
    if (!state.tileId || !state.boundAttendeeId) return;
    let info = this.tiles.get(state.tileId);
    if (!info) {
      const video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.autoplay = true;
      video.dataset.tileId = String(state.tileId);
      this.tileContainer.append(video);
      info = {
        tileId: state.tileId,
        attendeeId: state.boundAttendeeId,
        externalUserId: state.boundExternalUserId ?? '',
        isContent: state.isContent,
        isLocal: state.localTile,
        video,
      };
      this.tiles.set(state.tileId, info);
      this.session.audioVideo.bindVideoElement(state.tileId, video);
    }
    info.video.dataset.attendeeId = state.boundAttendeeId;
    info.video.dataset.role = state.localTile ? 'self' : state.isContent ? 'content' : 'remote';
    this.onChange();
  }

  private tileRemoved(tileId: number): void {
    const info = this.tiles.get(tileId);
    info?.video.remove();
    this.tiles.delete(tileId);
    this.onChange();
  }
}
