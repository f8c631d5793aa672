/** A remote or local video the UI shows. */
export interface VideoTile {
  tileId: number;
  attendeeId: string;
  externalUserId: string;
  /** The customer's own camera. */
  isLocal: boolean;
  /** A screen share (`<AttendeeId>#content`). */
  isContent: boolean;
  /** The stream is paused (bandwidth) or has no frames. */
  paused: boolean;
}

export interface MediaDeviceLists {
  microphones: MediaDeviceInfo[];
  cameras: MediaDeviceInfo[];
  speakers: MediaDeviceInfo[];
}

/**
 * What the media adapter reports. Everything is a fact from the SDK, translated into plain values;
 * the call model decides what it means.
 */
export interface MediaSessionObserver {
  /** `audioVideoDidStartConnecting`: `reconnecting` is true when the SDK retries on its own. */
  connecting(reconnecting: boolean): void;
  /** `audioVideoDidStart`, first join or after a reconnect. */
  started(): void;
  /** `audioVideoDidStop`: the status code's enum name and `isTerminal()`. */
  stopped(statusCode: string, terminal: boolean): void;
  presence(attendeeId: string, externalUserId: string, present: boolean): void;
  remoteMuted(attendeeId: string, muted: boolean): void;
  /** A volume indicator report for another attendee: 0 to 1. */
  remoteVolume(attendeeId: string, volume: number): void;
  /**
   * A data message on a subscribed topic. `sentAt` is when the service took it in (ms): a message
   * kept with a lifetime is replayed after a reconnect or reload with its original time.
   */
  dataMessage(topic: string, text: string, sentAt: number): void;
  tilesChanged(tiles: VideoTile[]): void;
  /** The SDK suggests turning video off (poor uplink/downlink), or the connection recovered. */
  connectionQuality(poor: boolean): void;
  localScreenShare(active: boolean): void;
  devicesChanged(devices: MediaDeviceLists): void;
  /**
   * `videoSendDidBecomeUnavailable`: the meeting switched this attendee to view-only (the server's
   * status 206, VideoCallSwitchToViewOnly); the SDK has already removed the local tile.
   */
  videoSendUnavailable(): void;
  /** A device in use stopped (unplugged, taken by another app): `kind` says which. */
  deviceLost(kind: 'microphone' | 'camera', deviceId: string | undefined): void;
}
