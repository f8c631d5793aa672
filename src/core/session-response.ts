import type { AllowedCapabilities, ParticipantCapabilities } from './capabilities';
import { WidgetError } from './widget-error';

/**
 * What the token endpoint returns: Amazon Connect StartWebRTCContact's response with its AWS field
 * names, plus the `AllowedCapabilities` the contact was started with (the API does not echo them)
 * and an optional `SessionHandle` that authorizes the endpoint's screen-sharing route.
 * `ConnectionData.Meeting` and `.Attendee` go to the Chime SDK's `MeetingSessionConfiguration`
 * unchanged.
 */
export interface SessionResponse {
  ContactId: string;
  ParticipantId: string;
  /** Bearer secret for the participant service: never log it. */
  ParticipantToken: string;
  ConnectionData: {
    Attendee: {
      AttendeeId: string;
      /** Bearer secret for the Chime meeting: never log it. */
      JoinToken: string;
    };
    Meeting: {
      MeetingId: string;
      MediaRegion: string;
      MediaPlacement: {
        /** `host:port`, not a URL. */
        AudioHostUrl: string;
        AudioFallbackUrl: string;
        SignalingUrl: string;
        /**
         * StartWebRTCContact gives it; the Participant Service's WebRTCConnection (a guest's) does
         * not, and the SDK takes its TURN credentials from the signaling channel either way.
         */
        TurnControlUrl?: string;
        EventIngestionUrl?: string;
      };
      MeetingFeatures?: {
        Audio?: {
          /** `AVAILABLE` or `UNAVAILABLE`. */
          EchoReduction?: string;
        };
      };
    };
  };
  AllowedCapabilities?: AllowedCapabilities;
  SessionHandle?: string;
  /** The endpoint can invite a guest into this call (its invitation route is enabled). */
  Invitations?: boolean;
  /** This session is a guest's, joined through an invitation. */
  Guest?: boolean;
}

type JsonObject = Record<string, unknown>;

function fail(path: string, expectation: string): never {
  throw new WidgetError('bad-session-response', `${path} ${expectation}`);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(parent: JsonObject, key: string, path: string): JsonObject {
  const value = parent[key];
  if (!isObject(value)) fail(path, 'must be an object');
  return value;
}

function optionalObject(parent: JsonObject, key: string, path: string): JsonObject | undefined {
  return parent[key] === undefined ? undefined : object(parent, key, path);
}

function text(parent: JsonObject, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== 'string' || value === '') fail(path, 'must be a non-empty string');
  return value;
}

function optionalText(parent: JsonObject, key: string, path: string): string | undefined {
  const value = parent[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value;
}

// Not URL.canParse: Safari only has it from 17, and the Chime SDK supports older Safari.
function protocolOf(value: string): string {
  try {
    return new URL(value).protocol;
  } catch {
    return '';
  }
}

function url(parent: JsonObject, key: string, path: string, schemes: 'ws' | 'http'): string {
  const value = parent[key];
  // ws(s) for the signaling websockets, http(s) for REST; plain ws/http only matter for the
  // local emulator, the real service always answers with wss/https.
  const allowed = schemes === 'ws' ? ['ws:', 'wss:'] : ['http:', 'https:'];
  if (typeof value !== 'string' || !allowed.includes(protocolOf(value))) {
    fail(path, `must be a ${schemes}(s) URL`);
  }
  return value;
}

function participantCapabilities(
  parent: JsonObject,
  key: string,
  path: string,
): ParticipantCapabilities | undefined {
  const source = optionalObject(parent, key, path);
  if (!source) return undefined;
  const result: ParticipantCapabilities = {};
  const video = optionalText(source, 'Video', `${path}.Video`);
  const screenShare = optionalText(source, 'ScreenShare', `${path}.ScreenShare`);
  if (video !== undefined) result.Video = video;
  if (screenShare !== undefined) result.ScreenShare = screenShare;
  return result;
}

/**
 * Checks the token endpoint's answer and returns a copy holding only the fields above (unknown
 * fields are ignored). Throws `WidgetError('bad-session-response')` whose message names the first
 * wrong path, e.g. `ConnectionData.Meeting.MediaPlacement.SignalingUrl must be a ws(s) URL`.
 */
export function parseSessionResponse(json: unknown): SessionResponse {
  if (!isObject(json)) fail('(response)', 'must be a JSON object');

  const connectionData = object(json, 'ConnectionData', 'ConnectionData');
  const attendee = object(connectionData, 'Attendee', 'ConnectionData.Attendee');
  const meeting = object(connectionData, 'Meeting', 'ConnectionData.Meeting');
  const mp = 'ConnectionData.Meeting.MediaPlacement';
  const placement = object(meeting, 'MediaPlacement', mp);

  const response: SessionResponse = {
    ContactId: text(json, 'ContactId', 'ContactId'),
    ParticipantId: text(json, 'ParticipantId', 'ParticipantId'),
    ParticipantToken: text(json, 'ParticipantToken', 'ParticipantToken'),
    ConnectionData: {
      Attendee: {
        AttendeeId: text(attendee, 'AttendeeId', 'ConnectionData.Attendee.AttendeeId'),
        JoinToken: text(attendee, 'JoinToken', 'ConnectionData.Attendee.JoinToken'),
      },
      Meeting: {
        MeetingId: text(meeting, 'MeetingId', 'ConnectionData.Meeting.MeetingId'),
        MediaRegion: text(meeting, 'MediaRegion', 'ConnectionData.Meeting.MediaRegion'),
        MediaPlacement: {
          AudioHostUrl: text(placement, 'AudioHostUrl', `${mp}.AudioHostUrl`),
          AudioFallbackUrl: url(placement, 'AudioFallbackUrl', `${mp}.AudioFallbackUrl`, 'ws'),
          SignalingUrl: url(placement, 'SignalingUrl', `${mp}.SignalingUrl`, 'ws'),
        },
      },
    },
  };

  if (placement['TurnControlUrl'] !== undefined) {
    response.ConnectionData.Meeting.MediaPlacement.TurnControlUrl = url(
      placement,
      'TurnControlUrl',
      `${mp}.TurnControlUrl`,
      'http',
    );
  }
  if (placement['EventIngestionUrl'] !== undefined) {
    response.ConnectionData.Meeting.MediaPlacement.EventIngestionUrl = url(
      placement,
      'EventIngestionUrl',
      `${mp}.EventIngestionUrl`,
      'http',
    );
  }

  const features = optionalObject(
    meeting,
    'MeetingFeatures',
    'ConnectionData.Meeting.MeetingFeatures',
  );
  if (features) {
    const fp = 'ConnectionData.Meeting.MeetingFeatures.Audio';
    const audio = optionalObject(features, 'Audio', fp);
    const echoReduction = audio && optionalText(audio, 'EchoReduction', `${fp}.EchoReduction`);
    response.ConnectionData.Meeting.MeetingFeatures = audio
      ? { Audio: echoReduction === undefined ? {} : { EchoReduction: echoReduction } }
      : {};
  }

  const allowed = optionalObject(json, 'AllowedCapabilities', 'AllowedCapabilities');
  if (allowed) {
    const capabilities: AllowedCapabilities = {};
    const customer = participantCapabilities(allowed, 'Customer', 'AllowedCapabilities.Customer');
    const agent = participantCapabilities(allowed, 'Agent', 'AllowedCapabilities.Agent');
    if (customer) capabilities.Customer = customer;
    if (agent) capabilities.Agent = agent;
    response.AllowedCapabilities = capabilities;
  }

  const handle = optionalText(json, 'SessionHandle', 'SessionHandle');
  if (handle !== undefined) response.SessionHandle = handle;
  for (const flag of ['Invitations', 'Guest'] as const) {
    const value = json[flag];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') fail(flag, 'must be a boolean');
    response[flag] = value;
  }

  return response;
}
