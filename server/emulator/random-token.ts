import { randomBytes } from 'node:crypto';

/**
 * An opaque bearer secret: base64url without padding, so it is URL-safe and also a valid HTTP
 * token (Chromium refuses `/` and `=` in a WebSocket sub-protocol).
 */
export function randomToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}
