/**
 * The Participant Service speaks bearer tokens (`X-Amz-Bearer`), not SigV4, and a browser has no AWS
 * credentials: `@aws-sdk/client-connectparticipant`'s SigV4 signing step is replaced by one that
 * leaves the request as is. Pass it as the client's `httpAuthSchemes`.
 */
export const bearerOnlyAuthSchemes = [
  {
    schemeId: 'aws.auth#sigv4',
    identityProvider: () => async () => ({}),
    signer: { sign: async <T>(request: T) => request },
  },
];
