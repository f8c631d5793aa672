import type { SessionResponse } from '../session-response';

/** A token endpoint answer for unit tests: StartWebRTCContact's shape with placeholder values. */
export function sessionFixture(allowed?: SessionResponse['AllowedCapabilities']): SessionResponse {
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
          AudioHostUrl: 'audio.example:3478',
          AudioFallbackUrl: 'wss://audio.example/calls/meeting-1',
          SignalingUrl: 'wss://signal.example/control/meeting-1',
          TurnControlUrl: 'https://turn.example/v2/turn_sessions',
        },
      },
    },
    ...(allowed ? { AllowedCapabilities: allowed } : {}),
  };
}
