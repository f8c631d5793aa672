import { ApiError, invalidField } from './api-error.js';
import { bearerToken } from './bearer-token.js';
import type { Headers } from './origin-policy.js';

/** The session handle of a request: `Authorization: Bearer` or the body's `sessionHandle`, not two. */
export function requestSessionHandle(bodyHandle: string | undefined, headers: Headers): string {
  const headerHandle = bearerToken(headers);
  if (bodyHandle !== undefined && headerHandle !== undefined && bodyHandle !== headerHandle) {
    throw new ApiError(
      400,
      'ConflictingSessionHandle',
      'The Authorization header and sessionHandle differ.',
      'sessionHandle',
    );
  }
  const handle = bodyHandle ?? headerHandle;
  if (handle === undefined) throw invalidField('sessionHandle', 'is required.');
  return handle;
}
