import { ConnectClient } from '@aws-sdk/client-connect';
import { ConnectParticipantClient } from '@aws-sdk/client-connectparticipant';

const credentials = { accessKeyId: 'AKIDE2ETESTS', secretAccessKey: 'e2e-secret' };

/** The real AWS SDK clients, pointed at the emulator the test server runs. */
export function connectClients(baseURL: string) {
  return {
    connect: new ConnectClient({
      endpoint: `${baseURL}/emulator/connect`,
      region: 'us-east-1',
      credentials,
    }),
    participant: new ConnectParticipantClient({
      endpoint: `${baseURL}/emulator/participant`,
      region: 'us-east-1',
      credentials,
    }),
  };
}

export const allCapabilities = {
  Customer: { Video: 'SEND', ScreenShare: 'SEND' },
  Agent: { Video: 'SEND', ScreenShare: 'SEND' },
} as const;
