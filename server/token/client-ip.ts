import type { Headers } from './origin-policy.js';

/**
 * The address to rate-limit on. Without CLIENT_IP_HEADER it is the connection's own peer (behind a
 * proxy that would be the proxy, so every customer would share one bucket). With it, the header
 * your proxy sets; for a list (X-Forwarded-For) the right-most entry, the one your proxy appended:
 * entries further left come from the client and can be forged.
 */
export function clientIp(
  headers: Headers,
  peerAddress: string | undefined,
  clientIpHeader: string | undefined,
): string {
  if (clientIpHeader !== undefined) {
    const forwarded = headers[clientIpHeader]
      ?.split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .at(-1);
    if (forwarded !== undefined) return forwarded;
  }
  return peerAddress ?? 'unknown';
}
