import { describe, expect, it } from 'vitest';
import { parseSessionResponse, type SessionResponse } from './session-response';
import { WidgetError } from './widget-error';

/** The shape StartWebRTCContact answers with (values from the API reference's example). */
function validResponse(): SessionResponse {
  return {
    ContactId: 'contact-1',
    ParticipantId: 'participant-1',
    ParticipantToken: 'participant-token',
    ConnectionData: {
      Attendee: { AttendeeId: 'attendee-1', JoinToken: 'join-token' },
      Meeting: {
        MeetingId: 'meeting-1',
        MediaRegion: 'us-west-2',
        MediaPlacement: {
          AudioHostUrl: 'abcd.k.m3.uw2.app.chime.aws:3478',
          AudioFallbackUrl: 'wss://haxrp.m3.uw2.app.chime.aws:443/calls/meeting-1',
          SignalingUrl: 'wss://signal.m3.uw2.app.chime.aws/control/meeting-1',
          TurnControlUrl: 'https://2713.cell.us-east-1.meetings.chime.aws/v2/turn_sessions',
          EventIngestionUrl: 'https://data.svc.ue1.ingest.chime.aws/v1/client-events',
        },
        MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' } },
      },
    },
    AllowedCapabilities: {
      Customer: { Video: 'SEND', ScreenShare: 'SEND' },
      Agent: { Video: 'SEND' },
    },
    SessionHandle: 'handle-1',
  };
}

/** Sets (or with `undefined`, deletes) the value at a dotted path of a fresh valid response. */
function withValue(path: string, value: unknown): unknown {
  const json = validResponse() as unknown as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  let target = json;
  for (const key of keys) target = target[key] as Record<string, unknown>;
  if (value === undefined) delete target[last];
  else target[last] = value;
  return json;
}

function errorOf(json: unknown): WidgetError {
  try {
    parseSessionResponse(json);
  } catch (error) {
    if (error instanceof WidgetError) return error;
    throw error;
  }
  throw new Error('expected parseSessionResponse to throw');
}

describe('parseSessionResponse', () => {
  it('accepts the full response and returns the same fields', () => {
    expect(parseSessionResponse(validResponse())).toEqual(validResponse());
  });

  it('ignores unknown fields at every level', () => {
    const json = validResponse() as unknown as Record<string, unknown>;
    json['Extra'] = 1;
    const data = json['ConnectionData'] as Record<string, Record<string, unknown>>;
    data['Meeting']!['ExternalMeetingId'] = 'x';
    data['Attendee']!['ExternalUserId'] = 'customer';
    expect(parseSessionResponse(json)).toEqual(validResponse());
  });

  const mp = 'ConnectionData.Meeting.MediaPlacement';
  it.each<[string, unknown]>([
    ['AllowedCapabilities', undefined],
    ['SessionHandle', undefined],
    ['ConnectionData.Meeting.MeetingFeatures', undefined],
    ['ConnectionData.Meeting.MeetingFeatures.Audio', undefined],
    ['ConnectionData.Meeting.MeetingFeatures.Audio.EchoReduction', undefined],
    [`${mp}.EventIngestionUrl`, undefined],
    // A guest's session: the Participant Service's WebRTCConnection has no TurnControlUrl.
    [`${mp}.TurnControlUrl`, undefined],
    ['Guest', true],
    ['Invitations', false],
    ['AllowedCapabilities.Agent', undefined],
    ['AllowedCapabilities.Customer.Video', undefined],
    // The local emulator serves plain ws/http.
    [`${mp}.SignalingUrl`, 'ws://localhost:8080/signal'],
    [`${mp}.TurnControlUrl`, 'http://localhost:8080/turn'],
  ])('accepts %s = %o', (path, value) => {
    const parsed = parseSessionResponse(withValue(path, value));
    expect(parsed).toEqual(withValue(path, value));
  });

  it.each<[string, unknown, string]>([
    ['ContactId', undefined, 'ContactId must be a non-empty string'],
    ['ContactId', '', 'ContactId must be a non-empty string'],
    ['ParticipantId', 42, 'ParticipantId must be a non-empty string'],
    ['ParticipantToken', null, 'ParticipantToken must be a non-empty string'],
    ['ConnectionData', undefined, 'ConnectionData must be an object'],
    ['ConnectionData', 'x', 'ConnectionData must be an object'],
    ['ConnectionData.Attendee', [], 'ConnectionData.Attendee must be an object'],
    [
      'ConnectionData.Attendee.AttendeeId',
      undefined,
      'ConnectionData.Attendee.AttendeeId must be a non-empty string',
    ],
    [
      'ConnectionData.Attendee.JoinToken',
      '',
      'ConnectionData.Attendee.JoinToken must be a non-empty string',
    ],
    ['ConnectionData.Meeting', null, 'ConnectionData.Meeting must be an object'],
    [
      'ConnectionData.Meeting.MeetingId',
      undefined,
      'ConnectionData.Meeting.MeetingId must be a non-empty string',
    ],
    [
      'ConnectionData.Meeting.MediaRegion',
      undefined,
      'ConnectionData.Meeting.MediaRegion must be a non-empty string',
    ],
    [mp, undefined, `${mp} must be an object`],
    [`${mp}.AudioHostUrl`, undefined, `${mp}.AudioHostUrl must be a non-empty string`],
    [`${mp}.AudioFallbackUrl`, 'https://x', `${mp}.AudioFallbackUrl must be a ws(s) URL`],
    [`${mp}.SignalingUrl`, undefined, `${mp}.SignalingUrl must be a ws(s) URL`],
    [`${mp}.SignalingUrl`, 'not a url', `${mp}.SignalingUrl must be a ws(s) URL`],
    [`${mp}.SignalingUrl`, 'https://signal', `${mp}.SignalingUrl must be a ws(s) URL`],
    [`${mp}.TurnControlUrl`, 'wss://turn', `${mp}.TurnControlUrl must be a http(s) URL`],
    [`${mp}.EventIngestionUrl`, 7, `${mp}.EventIngestionUrl must be a http(s) URL`],
    ['Guest', 'yes', 'Guest must be a boolean'],
    [
      'ConnectionData.Meeting.MeetingFeatures',
      'on',
      'ConnectionData.Meeting.MeetingFeatures must be an object',
    ],
    [
      'ConnectionData.Meeting.MeetingFeatures.Audio.EchoReduction',
      true,
      'ConnectionData.Meeting.MeetingFeatures.Audio.EchoReduction must be a string',
    ],
    ['AllowedCapabilities', 'SEND', 'AllowedCapabilities must be an object'],
    ['AllowedCapabilities.Customer', 1, 'AllowedCapabilities.Customer must be an object'],
    [
      'AllowedCapabilities.Customer.Video',
      true,
      'AllowedCapabilities.Customer.Video must be a string',
    ],
    ['AllowedCapabilities.Agent.Video', null, 'AllowedCapabilities.Agent.Video must be a string'],
    ['SessionHandle', 5, 'SessionHandle must be a string'],
  ])('rejects %s = %o: "%s"', (path, value, message) => {
    const error = errorOf(withValue(path, value));
    expect(error.code).toBe('bad-session-response');
    expect(error.message).toBe(message);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'ok'],
    ['an array', [validResponse()]],
  ])('rejects %s as the whole response', (_name, json) => {
    expect(errorOf(json).message).toBe('(response) must be a JSON object');
  });
});
