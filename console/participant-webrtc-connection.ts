import {
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
} from '@aws-sdk/client-connectparticipant';
import { bearerOnlyAuthSchemes } from '../src/media/bearer-only-auth';
import type { ConnectionData } from './chime-call';

/**
 * The meeting and attendee of an added participant, from its ParticipantToken: the Participant
 * Service's CreateParticipantConnection with `WEBRTC_CONNECTION`, through the real SDK client, as
 * a customer's own app would call it.
 */
export async function participantWebRTCConnection(
  participantToken: string,
  endpoint: string,
): Promise<ConnectionData> {
  const client = new ConnectParticipantClient({
    // The emulator serves every region; the participant service of a real contact is regional.
    region: 'us-east-1',
    endpoint: new URL(endpoint, location.href).href,
    httpAuthSchemes: bearerOnlyAuthSchemes as never,
    maxAttempts: 3,
  });
  try {
    const { WebRTCConnection } = await client.send(
      new CreateParticipantConnectionCommand({
        ParticipantToken: participantToken,
        Type: ['WEBRTC_CONNECTION'],
      }),
    );
    if (!WebRTCConnection?.Meeting || !WebRTCConnection.Attendee) {
      throw new Error('The answer has no WebRTCConnection.');
    }
    return { Meeting: WebRTCConnection.Meeting, Attendee: WebRTCConnection.Attendee };
  } finally {
    client.destroy();
  }
}
