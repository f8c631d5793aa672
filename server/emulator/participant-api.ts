import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '../http/route.js';
import { AwsError, sendAwsError, sendAwsJson } from './aws-error.js';
import { checkStringMember, readAwsJsonObject } from './aws-input.js';
import { ContactStoreError, type ContactStore } from './contact-store.js';

export const PARTICIPANT_API_PREFIX = '/emulator/participant';

const VALIDATION = 'ValidationException';
const CONNECTION_TYPES = ['WEBSOCKET', 'CONNECTION_CREDENTIALS', 'WEBRTC_CONNECTION'];

/**
 * Headers the browser build of `@aws-sdk/client-connectparticipant` sends. It signs with SigV4 too
 * (the widget gives it placeholder credentials), hence the signing headers.
 */
const ALLOWED_HEADERS = [
  'content-type',
  'x-amz-bearer',
  'x-amz-user-agent',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
  'authorization',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(', ');

/**
 * Echoes the calling origin (any page on any local port may host the widget). The error type
 * header must be exposed, or the browser hides it and the SDK cannot name the exception.
 */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': 'x-amzn-ErrorType, x-amzn-RequestId',
    vary: 'Origin',
  };
}

function bearer(req: IncomingMessage): string {
  const value = req.headers['x-amz-bearer'];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AwsError(403, 'AccessDeniedException', 'The X-Amz-Bearer header is required.');
  }
  return value;
}

function toAwsError(error: ContactStoreError): AwsError {
  switch (error.kind) {
    case 'InvalidInput':
      return new AwsError(400, VALIDATION, error.message);
    case 'InvalidToken':
    case 'NotFound':
    case 'NotActive':
      return new AwsError(403, 'AccessDeniedException', error.message);
    default:
      return new AwsError(500, 'InternalServerException', 'Request processing failed.');
  }
}

async function handle(
  store: ContactStore,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  cors: Record<string, string>,
): Promise<void> {
  if (req.method !== 'POST') {
    throw new AwsError(
      404,
      'UnknownOperationException',
      'The emulator does not serve this operation.',
    );
  }
  switch (path) {
    case '/participant/connection': {
      const body = await readAwsJsonObject(req, VALIDATION);
      const types = body.Type;
      if (
        !Array.isArray(types) ||
        types.length === 0 ||
        types.some((type) => !CONNECTION_TYPES.includes(type as string))
      ) {
        throw new AwsError(
          400,
          VALIDATION,
          `Type must be a non-empty list of ${CONNECTION_TYPES.join(', ')}.`,
        );
      }
      const credentials = types.includes('CONNECTION_CREDENTIALS');
      const webRTC = types.includes('WEBRTC_CONNECTION');
      if (!credentials && !webRTC) {
        throw new AwsError(
          400,
          VALIDATION,
          'Type must include CONNECTION_CREDENTIALS or WEBRTC_CONNECTION: the emulator serves no chat WebSocket.',
        );
      }
      const token = bearer(req);
      sendAwsJson(res, store.createParticipantConnection(token, { credentials, webRTC }), cors);
      return;
    }
    case '/participant/message': {
      const body = await readAwsJsonObject(req, VALIDATION);
      const clientToken = checkStringMember(VALIDATION, 'ClientToken', body.ClientToken, {
        required: false,
        max: 500,
      });
      const token = bearer(req);
      sendAwsJson(res, store.sendMessage(token, body.ContentType, body.Content, clientToken), cors);
      return;
    }
    case '/participant/disconnect': {
      await readAwsJsonObject(req, VALIDATION);
      store.disconnectParticipant(bearer(req));
      sendAwsJson(res, {}, cors);
      return;
    }
    default:
      throw new AwsError(
        404,
        'UnknownOperationException',
        'The emulator does not serve this operation.',
      );
  }
}

/**
 * The emulated Amazon Connect Participant Service, wire-compatible with
 * `@aws-sdk/client-connectparticipant` at `<publicUrl>/emulator/participant`. The widget calls it
 * from the browser, so every answer (errors included) carries CORS headers.
 */
export function participantApi(store: ContactStore): RouteHandler {
  return async (req, res, url) => {
    if (!url.pathname.startsWith(`${PARTICIPANT_API_PREFIX}/`)) return false;
    const cors = corsHeaders(req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'POST, GET, OPTIONS',
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    }
    try {
      await handle(store, req, res, url.pathname.slice(PARTICIPANT_API_PREFIX.length), cors);
    } catch (error) {
      if (error instanceof AwsError) {
        sendAwsError(res, error, cors);
      } else if (error instanceof ContactStoreError) {
        sendAwsError(res, toAwsError(error), cors);
      } else {
        console.error('Participant API failed: %s', (error as Error)?.message);
        sendAwsError(
          res,
          new AwsError(500, 'InternalServerException', 'Request processing failed.'),
          cors,
        );
      }
    }
    return true;
  };
}
