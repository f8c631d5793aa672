import { ApiError, invalidField } from './api-error.js';
import { bearerToken } from './bearer-token.js';
import type { Headers } from './origin-policy.js';
import { verifySessionHandle, type SessionHandleClaims } from './session-handle.js';

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

/** The claims of the request's session handle; 403 `SessionHandleInvalid` when it does not verify. */
export async function verifiedSessionHandle(
  bodyHandle: string | undefined,
  headers: Headers,
  verify: { instanceId: string; secret: Uint8Array; nowMs: number },
): Promise<SessionHandleClaims> {
  const handle = requestSessionHandle(bodyHandle, headers);
  const claims = await verifySessionHandle(handle, verify.instanceId, verify.secret, verify.nowMs);
  if (claims === undefined) {
    throw new ApiError(
      403,
      'SessionHandleInvalid',
      'The session handle is not valid or has expired.',
      'sessionHandle',
    );
  }
  return claims;
}
