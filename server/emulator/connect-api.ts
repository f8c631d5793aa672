import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RouteHandler } from '../http/route.js';
import { AwsError, sendAwsError, sendAwsJson } from './aws-error.js';
import { checkStringMember, readAwsJsonObject } from './aws-input.js';
import { INSTANCE_ID_MAX_LENGTH } from '../shared/start-webrtc-contact-limits.js';
import {
  type CreateParticipantInput,
  ContactStoreError,
  DISCONNECT_REASONS,
  type ContactStore,
  type ContactStoreErrorKind,
} from './contact-store.js';
import type { ChatStore } from './chat/chat-store.js';
import type { ConnectOperation, FaultStatus, FaultSwitch } from './fault-switch.js';
import {
  checkParticipantDetails,
  INVALID_PARAMETER,
  INVALID_REQUEST,
} from './participant-details.js';

export const CONNECT_API_PREFIX = '/emulator/connect';

const FAULT_ERRORS: Record<FaultStatus, { type: string; message: string }> = {
  500: { type: 'InternalServiceException', message: 'Request processing failed (injected fault).' },
  429: { type: 'ThrottlingException', message: 'Rate exceeded (injected fault).' },
  503: { type: 'ServiceUnavailableException', message: 'Service unavailable (injected fault).' },
};

/** How each store failure surfaces on the Connect API; StopContact has its own not-found error. */
export function toAwsError(error: ContactStoreError, operation: ConnectOperation): AwsError {
  const stop = operation === 'StopContact';
  const byKind: Record<ContactStoreErrorKind, [number, string]> = {
    InvalidInput: [400, INVALID_PARAMETER],
    NotFound: stop ? [410, 'ContactNotFoundException'] : [404, 'ResourceNotFoundException'],
    NotActive: stop ? [410, 'ContactNotFoundException'] : [400, INVALID_REQUEST],
    LimitExceeded: [429, 'LimitExceededException'],
    NotAllowed: [400, INVALID_REQUEST],
    InvalidToken: [403, 'AccessDeniedException'],
    Conflict: [400, INVALID_REQUEST],
    MediaPlaneFailure: [500, 'InternalServiceException'],
  };
  const [status, type] = byKind[error.kind];
  // A media-plane failure's detail is for the server log, not for the caller.
  const message = error.kind === 'MediaPlaneFailure' ? 'Request processing failed.' : error.message;
  return new AwsError(status, type, message);
}

/** The region of the SigV4 credential scope (`Credential=<key>/<date>/<region>/<service>/...`). */
function signingRegion(req: IncomingMessage): string {
  const match = /Credential=[^/,\s]+\/\d{8}\/([a-z0-9-]+)\//.exec(req.headers.authorization ?? '');
  return match?.[1] ?? 'us-east-1';
}

function matchOperation(
  method: string | undefined,
  path: string,
): { operation: ConnectOperation; params: string[] } | undefined {
  if (method === 'PUT' && path === '/contact/webrtc') {
    return { operation: 'StartWebRTCContact', params: [] };
  }
  if (method === 'PUT' && path === '/contact/chat') {
    return { operation: 'StartChatContact', params: [] };
  }
  if (method === 'PUT' && path === '/contact/screen-sharing') {
    return { operation: 'StartScreenSharing', params: [] };
  }
  if (method === 'POST' && path === '/contact/stop')
    return { operation: 'StopContact', params: [] };
  if (method === 'POST' && path === '/contact/create-participant')
    return { operation: 'CreateParticipant', params: [] };
  const describe = /^\/contacts\/([^/]+)\/([^/]+)$/.exec(path);
  const attributes = /^\/contact\/attributes\/([^/]+)\/([^/]+)$/.exec(path);
  const withIds = describe ?? attributes;
  if (method === 'GET' && withIds) {
    try {
      return {
        operation: describe ? 'DescribeContact' : 'GetContactAttributes',
        params: [
          decodeURIComponent(withIds[1] as string),
          decodeURIComponent(withIds[2] as string),
        ],
      };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The emulated Amazon Connect control plane, wire-compatible with `@aws-sdk/client-connect`
 * pointed at `<publicUrl>/emulator/connect`. Requests must be SigV4-signed; the signature itself
 * is not checked, since any credentials are fine locally.
 */
export function connectApi(
  store: ContactStore,
  faults: FaultSwitch,
  chats: ChatStore,
): RouteHandler {
  return async (req, res, url) => {
    if (!url.pathname.startsWith(`${CONNECT_API_PREFIX}/`)) return false;
    const path = url.pathname.slice(CONNECT_API_PREFIX.length);
    let operation: ConnectOperation | undefined;
    try {
      const matched = matchOperation(req.method, path);
      if (!matched) {
        throw new AwsError(
          404,
          'UnknownOperationException',
          'The emulator does not serve this operation.',
        );
      }
      operation = matched.operation;
      if (!req.headers.authorization?.startsWith('AWS4-HMAC-SHA256')) {
        throw new AwsError(
          403,
          'AccessDeniedException',
          'The request must be signed with AWS Signature Version 4 (authorization header).',
        );
      }

      const fault = faults.take(operation);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.status) {
        const { type, message } = FAULT_ERRORS[fault.status];
        throw new AwsError(fault.status, type, message);
      }

      switch (operation) {
        case 'StartWebRTCContact': {
          const body = await readAwsJsonObject(req, INVALID_REQUEST);
          sendAwsJson(res, store.startWebRTCContact(body));
          break;
        }
        case 'StartChatContact': {
          const body = await readAwsJsonObject(req, INVALID_REQUEST);
          sendAwsJson(res, chats.startChatContact(body));
          break;
        }
        case 'StartScreenSharing': {
          const body = await readAwsJsonObject(req, INVALID_REQUEST);
          const [instanceId, contactId] = checkContactIds(body.InstanceId, body.ContactId);
          const clientToken = checkStringMember(
            INVALID_PARAMETER,
            'ClientToken',
            body.ClientToken,
            { required: false, max: 500 },
          );
          store.startScreenSharing(instanceId, contactId, clientToken);
          sendAwsJson(res, {});
          break;
        }
        case 'DescribeContact': {
          const [instanceId, contactId] = checkContactIds(matched.params[0], matched.params[1]);
          sendAwsJson(res, {
            Contact: chats.has(contactId)
              ? chats.describeContact(instanceId, contactId, signingRegion(req))
              : store.describeContact(instanceId, contactId, signingRegion(req)),
          });
          break;
        }
        case 'GetContactAttributes': {
          const [instanceId, contactId] = checkContactIds(matched.params[0], matched.params[1]);
          sendAwsJson(res, {
            Attributes: chats.has(contactId)
              ? chats.contactAttributes(instanceId, contactId)
              : store.contactAttributes(instanceId, contactId),
          });
          break;
        }
        case 'CreateParticipant': {
          const body = await readAwsJsonObject(req, INVALID_REQUEST);
          sendAwsJson(res, store.createParticipant(checkCreateParticipant(body)));
          break;
        }
        case 'StopContact': {
          const body = await readAwsJsonObject(req, INVALID_REQUEST);
          const [instanceId, contactId] = checkContactIds(body.InstanceId, body.ContactId);
          let reason: string = DISCONNECT_REASONS.stopContactApi;
          if (body.DisconnectReason !== undefined && body.DisconnectReason !== null) {
            const given = body.DisconnectReason as { Code?: unknown };
            if (typeof given !== 'object' || Array.isArray(given)) {
              throw new AwsError(400, INVALID_PARAMETER, 'DisconnectReason must be an object.');
            }
            reason =
              checkStringMember(INVALID_PARAMETER, 'DisconnectReason.Code', given.Code, {
                required: false,
                min: 1,
                max: 128,
              }) ?? reason;
          }
          if (chats.has(contactId)) chats.endContact(contactId, reason, instanceId);
          else store.endContact(contactId, reason, instanceId);
          sendAwsJson(res, {});
          break;
        }
      }
    } catch (error) {
      if (error instanceof AwsError) {
        sendAwsError(res, error);
      } else if (error instanceof ContactStoreError) {
        if (error.kind === 'MediaPlaneFailure') {
          console.error('Connect %s failed in the media plane: %s', operation, error.message);
        }
        sendAwsError(res, toAwsError(error, operation ?? 'StartWebRTCContact'));
      } else {
        console.error('Connect %s failed: %s', operation, (error as Error)?.message);
        sendAwsError(
          res,
          new AwsError(500, 'InternalServiceException', 'Request processing failed.'),
        );
      }
    }
    return true;
  };
}

/** The `InstanceId` and `ContactId` every contact operation names, checked as the service model does. */
function checkContactIds(instanceId: unknown, contactId: unknown): [string, string] {
  return [
    checkStringMember(INVALID_PARAMETER, 'InstanceId', instanceId, {
      required: true,
      min: 1,
      max: INSTANCE_ID_MAX_LENGTH,
    }) as string,
    checkStringMember(INVALID_PARAMETER, 'ContactId', contactId, {
      required: true,
      min: 1,
      max: 256,
    }) as string,
  ];
}

/** CreateParticipant's body: the contact's ids, then the details as the shared check sees them. */
function checkCreateParticipant(body: Record<string, unknown>): CreateParticipantInput {
  const [InstanceId, ContactId] = checkContactIds(body.InstanceId, body.ContactId);
  const ClientToken = checkStringMember(INVALID_PARAMETER, 'ClientToken', body.ClientToken, {
    required: false,
    max: 500,
  });
  const details = body.ParticipantDetails;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) {
    throw new AwsError(
      400,
      INVALID_PARAMETER,
      'ParticipantDetails is required and must be an object.',
    );
  }
  const given = details as Record<string, unknown>;
  return {
    InstanceId,
    ContactId,
    ...(ClientToken !== undefined && { ClientToken }),
    ParticipantDetails: checkParticipantDetails(
      {
        DisplayName: given.DisplayName,
        ParticipantRole: given.ParticipantRole,
        ParticipantCapabilities: given.ParticipantCapabilities,
      },
      {
        DisplayName: 'ParticipantDetails.DisplayName',
        ParticipantRole: 'ParticipantDetails.ParticipantRole',
        ParticipantCapabilities: 'ParticipantDetails.ParticipantCapabilities',
      },
    ),
  };
}
