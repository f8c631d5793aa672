import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '../http/route.js';
import { AwsError, sendAwsError, sendAwsJson } from './aws-error.js';
import { checkStringMember, readAwsJsonObject } from './aws-input.js';
import type { ChatStore, TranscriptRequest } from './chat/chat-store.js';
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
    case 'NotActive':
      return new AwsError(403, 'AccessDeniedException', error.message);
    case 'NotFound':
      return new AwsError(404, 'ResourceNotFoundException', error.message);
    default:
      return new AwsError(500, 'InternalServerException', 'Request processing failed.');
  }
}

async function handle(
  store: ContactStore,
  chats: ChatStore,
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
      if (chats.ownsToken(bearer(req))) {
        sendAwsJson(res, chatConnection(chats, bearer(req), types, body.ConnectParticipant), cors);
        return;
      }
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
      sendAwsJson(
        res,
        chats.ownsToken(token)
          ? chats.sendMessage(token, body.ContentType, body.Content, clientToken)
          : store.sendMessage(token, body.ContentType, body.Content, clientToken),
        cors,
      );
      return;
    }
    case '/participant/event': {
      const body = await readAwsJsonObject(req, VALIDATION);
      checkStringMember(VALIDATION, 'ContentType', body.ContentType, {
        required: true,
        min: 1,
        max: 100,
      });
      checkStringMember(VALIDATION, 'Content', body.Content, { required: false, max: 16_384 });
      checkStringMember(VALIDATION, 'ClientToken', body.ClientToken, {
        required: false,
        max: 500,
      });
      sendAwsJson(
        res,
        chats.sendEvent(chatToken(chats, req), body.ContentType, body.Content),
        cors,
      );
      return;
    }
    case '/participant/transcript': {
      const body = await readAwsJsonObject(req, VALIDATION);
      sendAwsJson(
        res,
        chats.getTranscript(chatToken(chats, req), checkTranscriptRequest(body)),
        cors,
      );
      return;
    }
    case '/participant/disconnect': {
      const body = await readAwsJsonObject(req, VALIDATION);
      checkStringMember(VALIDATION, 'ClientToken', body.ClientToken, {
        required: false,
        max: 500,
      });
      const token = bearer(req);
      if (chats.ownsToken(token)) chats.disconnectParticipant(token);
      else store.disconnectParticipant(token);
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
export function participantApi(store: ContactStore, chats: ChatStore): RouteHandler {
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
      await handle(store, chats, req, res, url.pathname.slice(PARTICIPANT_API_PREFIX.length), cors);
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

/** A chat's ConnectionToken; a web call's is refused as the service refuses any unknown token. */
function chatToken(chats: ChatStore, req: IncomingMessage): string {
  const token = bearer(req);
  if (!chats.ownsToken(token)) {
    throw new AwsError(403, 'AccessDeniedException', 'The ConnectionToken is not valid.');
  }
  return token;
}

/**
 * CreateParticipantConnection for a chat: `Type` is optional in the model (an agent acknowledging
 * its connection sends only `ConnectParticipant: true`); a chat has no WEBRTC_CONNECTION.
 */
function chatConnection(chats: ChatStore, token: string, types: unknown, connect: unknown) {
  const list = types === undefined || types === null ? [] : types;
  if (
    !Array.isArray(list) ||
    list.some((type) => type !== 'WEBSOCKET' && type !== 'CONNECTION_CREDENTIALS')
  ) {
    throw new AwsError(
      400,
      VALIDATION,
      'Type must be a list of WEBSOCKET and CONNECTION_CREDENTIALS for a chat participant.',
    );
  }
  if (connect !== undefined && connect !== null && typeof connect !== 'boolean') {
    throw new AwsError(400, VALIDATION, 'ConnectParticipant must be a boolean.');
  }
  if (list.length === 0 && connect !== true) {
    throw new AwsError(
      400,
      VALIDATION,
      'Type must list WEBSOCKET or CONNECTION_CREDENTIALS unless ConnectParticipant is true.',
    );
  }
  return chats.createParticipantConnection(token, {
    websocket: list.includes('WEBSOCKET'),
    credentials: list.includes('CONNECTION_CREDENTIALS'),
    connectParticipant: connect === true,
  });
}

function checkTranscriptRequest(body: Record<string, unknown>): TranscriptRequest {
  const out: TranscriptRequest = {};
  const contactId = checkStringMember(VALIDATION, 'ContactId', body.ContactId, {
    required: false,
    min: 1,
    max: 256,
  });
  if (contactId !== undefined) out.ContactId = contactId;
  if (body.MaxResults !== undefined && body.MaxResults !== null) {
    const max = body.MaxResults;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 100) {
      throw new AwsError(400, VALIDATION, 'MaxResults must be a whole number from 0 to 100.');
    }
    out.MaxResults = max;
  }
  const next = checkStringMember(VALIDATION, 'NextToken', body.NextToken, {
    required: false,
    min: 1,
    max: 1000,
  });
  if (next !== undefined) out.NextToken = next;
  for (const [field, allowed] of [
    ['ScanDirection', ['FORWARD', 'BACKWARD']],
    ['SortOrder', ['DESCENDING', 'ASCENDING']],
  ] as const) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!(allowed as readonly unknown[]).includes(value)) {
      throw new AwsError(400, VALIDATION, `${field} must be ${allowed.join(' or ')}.`);
    }
    (out as Record<string, unknown>)[field] = value;
  }
  const position = body.StartPosition;
  if (position !== undefined && position !== null) {
    if (typeof position !== 'object' || Array.isArray(position)) {
      throw new AwsError(400, VALIDATION, 'StartPosition must be an object.');
    }
    const given = position as Record<string, unknown>;
    const start: NonNullable<TranscriptRequest['StartPosition']> = {};
    const id = checkStringMember(VALIDATION, 'StartPosition.Id', given.Id, {
      required: false,
      min: 1,
      max: 256,
    });
    if (id !== undefined) start.Id = id;
    const time = checkStringMember(VALIDATION, 'StartPosition.AbsoluteTime', given.AbsoluteTime, {
      required: false,
      min: 1,
      max: 100,
    });
    if (time !== undefined) start.AbsoluteTime = time;
    if (given.MostRecent !== undefined && given.MostRecent !== null) {
      const recent = given.MostRecent;
      if (typeof recent !== 'number' || !Number.isInteger(recent) || recent < 0 || recent > 100) {
        throw new AwsError(
          400,
          VALIDATION,
          'StartPosition.MostRecent must be a whole number from 0 to 100.',
        );
      }
      start.MostRecent = recent;
    }
    if (Object.keys(start).length > 1) {
      throw new AwsError(
        400,
        VALIDATION,
        'StartPosition takes one of Id, AbsoluteTime and MostRecent.',
      );
    }
    out.StartPosition = start;
  }
  return out;
}
