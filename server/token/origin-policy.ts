import type { TokenEndpointConfig } from './config.js';

export type Headers = Readonly<Record<string, string | undefined>>;

export type OriginDecision =
  /** `corsOrigin` is set when the response must carry CORS headers for that origin. */
  | { allowed: true; corsOrigin?: string }
  | { allowed: false; code: 'OriginNotAllowed' | 'CrossSiteRequest'; message: string };

const LOOPBACK_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d{1,5}$/;

export function isAllowedOrigin(origin: string, config: TokenEndpointConfig): boolean {
  return (
    config.allowedOrigins.includes(origin) ||
    (config.allowLoopbackOrigins && LOOPBACK_ORIGIN.test(origin))
  );
}

/**
 * Who may call. Browsers always send `Origin` on a POST and `Sec-Fetch-Site` when they know it;
 * neither can be forged by a page. So:
 * - an `Origin` on the allowlist may call, with CORS headers for it;
 * - a same-origin page may call (it is the deployer's own site), without CORS headers;
 * - any other `Origin`, or a cross-site `Sec-Fetch-Site` with no allowed `Origin`, is refused;
 * - no `Origin` and no `Sec-Fetch-Site` is not a browser (curl, a server): allowed, rate-limited.
 */
export function checkOrigin(headers: Headers, config: TokenEndpointConfig): OriginDecision {
  const origin = headers.origin;
  const site = headers['sec-fetch-site'];
  if (origin !== undefined && origin !== 'null') {
    if (isAllowedOrigin(origin, config)) return { allowed: true, corsOrigin: origin };
    if (site === 'same-origin' || isSameOrigin(origin, headers.host)) return { allowed: true };
    return {
      allowed: false,
      code: 'OriginNotAllowed',
      message: 'This origin may not call the token endpoint.',
    };
  }
  // `Origin: null` comes from sandboxed frames, file: pages and some redirects: never allowlisted.
  if (origin === 'null' || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    return {
      allowed: false,
      code: 'CrossSiteRequest',
      message: 'Cross-site requests without an allowed origin are refused.',
    };
  }
  return { allowed: true };
}

/** The page's origin names the host it was served from: same host (and port) = same origin. */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** Headers every answer to an allowed cross-origin browser call carries. */
export function corsHeaders(corsOrigin: string | undefined): Record<string, string> {
  // The answer depends on Origin even when it is refused: caches must key on it.
  const headers: Record<string, string> = { vary: 'Origin' };
  if (corsOrigin === undefined) return headers;
  return {
    ...headers,
    // Always the one origin, never `*`: credentials are allowed, and `*` with them is invalid.
    'access-control-allow-origin': corsOrigin,
    'access-control-allow-credentials': 'true',
    // The widget reads Retry-After on a 429 to back off.
    'access-control-expose-headers': 'Retry-After',
  };
}

export const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'Content-Type, Authorization',
  'access-control-max-age': '600',
};
