import { ApiError } from './api-error.js';
import type { Headers } from './origin-policy.js';

/** `Authorization: Bearer <token>`; undefined when absent, 400 when it is some other scheme. */
export function bearerToken(headers: Headers): string | undefined {
  const value = headers.authorization;
  if (value === undefined) return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)[ ]*$/i.exec(value);
  if (!match?.[1]) {
    throw new ApiError(
      400,
      'InvalidAuthorization',
      'The Authorization header must be "Bearer <token>".',
      'authorization',
    );
  }
  return match[1];
}
