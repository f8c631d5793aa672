/// <reference types="amazon-connect-chatjs" />
import { createRequire } from 'node:module';
import { WebSocket } from 'ws';

/**
 * The browser globals amazon-connect-chatjs reads, given to Node so the unmodified library runs in
 * a unit test: `window` (its namespace `connect` and logs), `navigator` (onLine, userAgent) and a
 * real WebSocket client (ws). Nothing of the library is replaced. Returns its `connect.ChatSession`.
 */
export function loadChatJs(): typeof connect.ChatSession {
  const scope = globalThis as Record<string, unknown>;
  scope.window ??= globalThis;
  scope.self ??= globalThis;
  if (!('navigator' in globalThis)) {
    Object.defineProperty(globalThis, 'navigator', {
      value: { onLine: true, userAgent: 'node' },
      configurable: true,
    });
  }
  scope.WebSocket ??= WebSocket;
  // A script that defines the global `connect` (its typings declare no module).
  createRequire(import.meta.url)('amazon-connect-chatjs');
  return (scope.connect as typeof connect).ChatSession;
}
