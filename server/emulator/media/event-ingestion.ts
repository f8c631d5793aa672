import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../../http/http-error.js';
import { readJsonBody } from '../../http/read-body.js';
import type { RouteHandler } from '../../http/route.js';
import { sendJson } from '../../http/send-json.js';

export const EVENT_INGESTION_PATH = '/emulator/event-ingestion';
const BODY_LIMIT_BYTES = 256 * 1024;

/** Who a JoinToken belongs to, or undefined for a token the service does not know. */
export type TokenOwner = (
  joinToken: string,
) => { meetingId: string; attendeeId: string } | undefined;

/**
 * The meeting's EventIngestionUrl. The SDK's event reporter POSTs batches of client events to it
 * with `Authorization: Bearer <JoinToken>` from the page's origin (so CORS and the page's
 * connect-src apply), and on page hide beacons them with `?beacon=1` and the token in the body
 * (eventbuffer/InMemoryJSONEventBuffer.js). It answers JSON, which the SDK parses.
 */
export function eventIngestionRoute(
  owner: TokenOwner,
  record: (meetingId: string, attendeeId: string, names: string[]) => void,
): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (url.pathname !== EVENT_INGESTION_PATH) return false;
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('vary', 'origin');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'authorization, content-type',
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    }
    if (req.method !== 'POST') throw new HttpError(405, 'MethodNotAllowed', 'POST only.');
    const body = (await readJsonBody(req, BODY_LIMIT_BYTES)) as {
      authorization?: unknown;
      events?: { payloads?: { name?: unknown }[] }[];
    };
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = url.searchParams.get('beacon') ? body.authorization : bearer;
    const who = typeof token === 'string' ? owner(token) : undefined;
    if (!who) throw new HttpError(401, 'Unauthorized', 'Unknown or missing JoinToken.');
    const names = (Array.isArray(body.events) ? body.events : [])
      .flatMap((event) => (Array.isArray(event?.payloads) ? event.payloads : []))
      .map((payload) => payload?.name)
      .filter((name): name is string => typeof name === 'string');
    record(who.meetingId, who.attendeeId, names);
    sendJson(res, 200, { status: 'ok', received: names.length });
    return true;
  };
}
