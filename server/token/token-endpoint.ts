import type { IncomingMessage } from 'node:http';
import { readBody } from '../http/read-body.js';
import type { RouteHandler } from '../http/route.js';
import { clientIp } from './client-ip.js';
import type { TokenEndpointConfig } from './config.js';
import type { Headers } from './origin-policy.js';
import { createTokenApi, type TokenEndpointDeps } from './token-api.js';

export type { TokenEndpointDeps } from './token-api.js';

function headersOf(req: IncomingMessage): Headers {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    // Node joins most repeated headers itself; the rest (arrays) keep their first value.
    headers[name] = Array.isArray(value) ? value[0] : value;
  }
  return headers;
}

/**
 * The token endpoint as one mounted part of a Node server: it answers `/api/session`,
 * `/api/screen-sharing` and `/api/health`, and lets every other path through.
 */
export function createTokenEndpoint(
  config: TokenEndpointConfig,
  deps: TokenEndpointDeps,
): RouteHandler {
  const api = createTokenApi(config, deps);
  return async (req, res, url) => {
    if (!url.pathname.startsWith('/api/')) return false;
    const headers = headersOf(req);
    const response = await api({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers,
      clientIp: clientIp(headers, req.socket.remoteAddress, config.clientIpHeader),
      readBody: (limit) => readBody(req, limit),
    });
    if (response === undefined) return false;
    res.writeHead(response.status, {
      ...response.headers,
      'content-length': Buffer.byteLength(response.body),
    });
    res.end(req.method === 'HEAD' ? undefined : response.body);
    return true;
  };
}
