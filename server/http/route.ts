import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One mounted part of the server. It answers the request and returns true, or returns false to let
 * the next part try. `url` is the parsed request URL.
 */
export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;
