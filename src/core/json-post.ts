/**
 * The request the widget makes to the host's token endpoint (a session, an invitation, a guest's
 * join): JSON both ways, the host's own headers and credentials, and a Content-Type they cannot
 * override (the endpoint refuses anything but application/json).
 */
export function jsonPost(
  body: unknown,
  init: {
    headers?: Record<string, string>;
    credentials?: RequestCredentials;
    signal?: AbortSignal;
  },
): RequestInit {
  return {
    method: 'POST',
    headers: { Accept: 'application/json', ...init.headers, 'Content-Type': 'application/json' },
    ...(init.credentials ? { credentials: init.credentials } : {}),
    body: JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  };
}
