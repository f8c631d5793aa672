import { ConnectParticipantClient } from '@aws-sdk/client-connectparticipant';
import type { TokenEndpointConfig } from './config.js';

/**
 * The Participant Service authenticates each call by the participant's own bearer token
 * (`X-Amz-Bearer`), not by SigV4: the signing step is replaced by one that leaves the request as
 * it is, so no AWS credentials are looked up or sent.
 */
const bearerOnly = [
  {
    schemeId: 'aws.auth#sigv4',
    identityProvider: () => async () => ({}),
    signer: { sign: async <T>(request: T) => request },
  },
];

/**
 * The real Participant Service client; in local mode pointed at the emulator's. `endpoint` is for
 * tests that run an aws-mode endpoint against the emulator.
 */
export function createParticipantClient(
  config: TokenEndpointConfig,
  endpoint = config.mode === 'local'
    ? (config.participantEndpoint ?? 'http://127.0.0.1:8080/emulator/participant')
    : undefined,
): ConnectParticipantClient {
  return new ConnectParticipantClient({
    region: config.region,
    // As for Connect (connect-client.ts): call-with-retry.ts retries, the SDK does not.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 3_000 },
    httpAuthSchemes: bearerOnly as never,
    ...(endpoint !== undefined && { endpoint }),
  });
}
