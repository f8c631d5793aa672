import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http/http-error.js';
import { readJsonBody } from '../http/read-body.js';
import type { RouteHandler } from '../http/route.js';
import type { ChatStore } from './chat/chat-store.js';
import { sendJson } from '../http/send-json.js';
import { AwsError } from './aws-error.js';
import { callParticipants } from './call-participants.js';
import { CONNECT_API_PREFIX, toAwsError } from './connect-api.js';
import {
  ContactStoreError,
  DISCONNECT_REASONS,
  type ContactStore,
  type ContactStoreErrorKind,
  type ContactView,
  type ParticipantRole,
} from './contact-store.js';
import {
  CONNECT_OPERATIONS,
  FAULT_STATUSES,
  type ConnectOperation,
  type FaultRule,
  type FaultStatus,
  type FaultSwitch,
} from './fault-switch.js';
import type { FlowCatalog } from './flow/flow-catalog.js';
import { FlowDefinitionError } from './flow/flow-definition.js';
import type { InjectedStatus, MediaPlane } from './media/media-plane.js';
import { PARTICIPANT_API_PREFIX } from './participant-api.js';
import { checkParticipantDetails } from './participant-details.js';

const ADMIN_BODY_LIMIT_BYTES = 16 * 1024;
export const MAX_FAULT_COUNT = 1000;
export const MAX_FAULT_DELAY_MS = 60_000;

export interface AdminRoutesOptions {
  store: ContactStore;
  chats: ChatStore;
  faults: FaultSwitch;
  flows: FlowCatalog;
  mediaPlane: MediaPlane;
  publicUrl: () => string;
}

type Body = Record<string, unknown>;

const badBody = (message: string) => new HttpError(400, 'InvalidBody', message);

/** Reads a JSON object body and refuses members it does not know, so a typo is not ignored. */
async function readBody(req: IncomingMessage, allowed: readonly string[]): Promise<Body> {
  const body = await readJsonBody(req, ADMIN_BODY_LIMIT_BYTES);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badBody('The request body must be a JSON object.');
  }
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw badBody(
      `Unknown member ${unknown.join(', ')}; allowed: ${allowed.join(', ') || '(none)'}.`,
    );
  }
  return body as Body;
}

function participantOf(body: Body): ParticipantRole {
  if (body.participant !== 'customer' && body.participant !== 'agent') {
    throw badBody('participant must be "customer" or "agent".');
  }
  return body.participant;
}

const isInteger = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Exactly one of `audioStatus` and `errorStatus`, each an HTTP-like status from 200 to 599. */
function injectedStatusOf(body: Body): InjectedStatus {
  const { audioStatus, errorStatus } = body;
  if ((audioStatus === undefined) === (errorStatus === undefined)) {
    throw badBody('Give exactly one of audioStatus and errorStatus.');
  }
  const status = audioStatus ?? errorStatus;
  if (!isInteger(status, 200, 599)) throw badBody('The status must be an integer from 200 to 599.');
  return audioStatus !== undefined ? { audioStatus: status } : { errorStatus: status };
}

function parseFaultRule(body: Body): FaultRule {
  const { status, count = 1, delayMs, operation } = body;
  if (status !== undefined && !(FAULT_STATUSES as readonly unknown[]).includes(status)) {
    throw badBody(`status must be one of ${FAULT_STATUSES.join(', ')}.`);
  }
  if (!isInteger(count, 1, MAX_FAULT_COUNT)) {
    throw badBody(`count must be an integer from 1 to ${MAX_FAULT_COUNT}.`);
  }
  if (delayMs !== undefined && !isInteger(delayMs, 0, MAX_FAULT_DELAY_MS)) {
    throw badBody(`delayMs must be an integer from 0 to ${MAX_FAULT_DELAY_MS}.`);
  }
  if (status === undefined && delayMs === undefined) {
    throw badBody('Give a status to fail with, a delayMs to answer slowly, or both.');
  }
  if (operation !== undefined && !(CONNECT_OPERATIONS as readonly unknown[]).includes(operation)) {
    throw badBody(`operation must be one of ${CONNECT_OPERATIONS.join(', ')}.`);
  }
  return {
    count,
    ...(status !== undefined && { status: status as FaultStatus }),
    ...(delayMs !== undefined && { delayMs: delayMs as number }),
    ...(operation !== undefined && { operation: operation as ConnectOperation }),
  };
}

/** A WebSocket close code a server may send: 1000 or the application range 3000-4999. */
const isCloseCode = (value: unknown) => value === 1000 || isInteger(value, 3000, 4999);

const STORE_ERRORS: Record<ContactStoreErrorKind, [number, string]> = {
  InvalidInput: [400, 'InvalidInput'],
  NotFound: [404, 'ContactNotFound'],
  NotActive: [409, 'ContactEnded'],
  LimitExceeded: [429, 'LimitExceeded'],
  NotAllowed: [409, 'NotAllowed'],
  InvalidToken: [403, 'InvalidToken'],
  Conflict: [409, 'Conflict'],
  MediaPlaneFailure: [502, 'MediaPlaneFailure'],
};

type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  params: string[],
) => Promise<void> | void;

/**
 * The emulator's own JSON routes, used by the agent console (same origin) and by tests: the contact
 * list, the agent's actions, and fault switches. Errors are `{ code, message }`.
 */
export function adminRoutes({
  store,
  faults,
  flows,
  mediaPlane,
  publicUrl,
  chats,
}: AdminRoutesOptions): RouteHandler {
  const activeContact = (contactId: string): ContactView => {
    const contact = store.get(contactId);
    if (!contact) throw new ContactStoreError('NotFound', `ContactId ${contactId} was not found.`);
    if (contact.state === 'DISCONNECTED') {
      throw new ContactStoreError('NotActive', `ContactId ${contactId} has already ended.`);
    }
    return contact;
  };

  /** A contact as the console lists it: with everyone in its call and whether they are there. */
  const withParticipants = (contact: ContactView) => ({
    ...contact,
    participants: callParticipants(contact, mediaPlane.stats(contact.meetingId)),
  });

  /**
   * Adds a participant exactly as Connect's CreateParticipant would, with the same check and the
   * same errors (their Connect error type as `code`): the console must not be able to do what the
   * customer's backend could not.
   */
  const addParticipant = (contactId: string, body: Body) => {
    try {
      const ParticipantDetails = checkParticipantDetails(
        {
          DisplayName: body.DisplayName,
          ParticipantRole: body.ParticipantRole,
          ParticipantCapabilities: body.capabilities,
        },
        {
          DisplayName: 'DisplayName',
          ParticipantRole: 'ParticipantRole',
          ParticipantCapabilities: 'capabilities',
        },
      );
      const InstanceId = store.get(contactId)?.InstanceId;
      if (InstanceId === undefined) {
        throw new ContactStoreError('NotFound', `ContactId ${contactId} was not found.`);
      }
      const created = store.createParticipant({
        InstanceId,
        ContactId: contactId,
        ParticipantDetails,
      });
      // Listed as the contact list shows it, so the console can show it before its next poll.
      const { participants } = withParticipants(store.get(contactId) as ContactView);
      const participant = participants.find((p) => p.ParticipantId === created.ParticipantId);
      return {
        participant,
        ParticipantToken: created.ParticipantCredentials.ParticipantToken,
        Expiry: created.ParticipantCredentials.Expiry,
      };
    } catch (error) {
      const aws =
        error instanceof ContactStoreError ? toAwsError(error, 'CreateParticipant') : error;
      if (error instanceof ContactStoreError && error.kind === 'MediaPlaneFailure') {
        console.error('Emulator admin CreateParticipant failed: %s', error.message);
      }
      if (aws instanceof AwsError) throw new HttpError(aws.status, aws.type, aws.message);
      throw error;
    }
  };

  const table: { method: string; pattern: RegExp; handle: Handler }[] = [
    {
      method: 'GET',
      pattern: /^\/emulator\/endpoints$/,
      handle: (_req, res) =>
        sendJson(res, 200, {
          connect: `${publicUrl()}${CONNECT_API_PREFIX}`,
          participant: `${publicUrl()}${PARTICIPANT_API_PREFIX}`,
        }),
    },
    {
      method: 'GET',
      pattern: /^\/emulator\/contacts$/,
      handle: (_req, res) => sendJson(res, 200, { contacts: store.list().map(withParticipants) }),
    },
    {
      method: 'GET',
      pattern: /^\/emulator\/contacts\/([^/]+)$/,
      handle: (_req, res, [id]) => {
        const contact = store.get(id as string);
        if (!contact) throw new ContactStoreError('NotFound', `ContactId ${id} was not found.`);
        sendJson(res, 200, withParticipants(contact));
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/participants$/,
      handle: async (req, res, [id]) => {
        const body = await readBody(req, ['DisplayName', 'ParticipantRole', 'capabilities']);
        sendJson(res, 200, addParticipant(id as string, body));
      },
    },
    {
      method: 'GET',
      pattern: /^\/emulator\/contacts\/([^/]+)\/media$/,
      handle: (_req, res, [id]) => {
        const contact = store.get(id as string);
        if (!contact) throw new ContactStoreError('NotFound', `ContactId ${id} was not found.`);
        sendJson(res, 200, mediaPlane.stats(contact.meetingId) ?? null);
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/accept$/,
      handle: async (req, res, [id]) => {
        await readBody(req, []);
        sendJson(res, 200, store.acceptContact(id as string));
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/end$/,
      handle: async (req, res, [id]) => {
        const { by = 'agent' } = await readBody(req, ['by']);
        if (by !== 'agent' && by !== 'system') throw badBody('by must be "agent" or "system".');
        const reason = by === 'agent' ? DISCONNECT_REASONS.agentLeft : DISCONNECT_REASONS.system;
        sendJson(res, 200, store.endContact(id as string, reason));
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/screen-sharing\/start$/,
      handle: async (req, res, [id]) => {
        await readBody(req, []);
        const contact = activeContact(id as string);
        sendJson(res, 200, store.startScreenSharing(contact.InstanceId, contact.ContactId));
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/screen-sharing\/stop$/,
      handle: async (req, res, [id]) => {
        await readBody(req, []);
        sendJson(res, 200, store.stopScreenSharing(id as string));
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/drop-signaling$/,
      handle: async (req, res, [id]) => {
        const body = await readBody(req, ['participant', 'closeCode']);
        const participant = participantOf(body);
        if (body.closeCode !== undefined && !isCloseCode(body.closeCode)) {
          throw badBody(
            'closeCode must be 1000 or an integer from 3000 to 4999 (omit it to kill the socket without a close frame).',
          );
        }
        const { meetingId, attendeeId } = store.attendeeOf(id as string, participant);
        const dropped = mediaPlane.dropSignaling(
          meetingId,
          attendeeId,
          body.closeCode as number | undefined,
        );
        sendJson(res, 200, { dropped });
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/status$/,
      handle: async (req, res, [id]) => {
        const body = await readBody(req, ['participant', 'audioStatus', 'errorStatus']);
        const participant = participantOf(body);
        const status = injectedStatusOf(body);
        const { meetingId, attendeeId } = store.attendeeOf(id as string, participant);
        sendJson(res, 200, { sent: mediaPlane.injectStatus(meetingId, attendeeId, status) });
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/remove$/,
      handle: async (req, res, [id]) => {
        const participant = participantOf(await readBody(req, ['participant']));
        const { meetingId, attendeeId } = store.attendeeOf(id as string, participant);
        mediaPlane.removeAttendee(meetingId, attendeeId);
        sendJson(res, 200, store.get(id as string));
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/contacts\/([^/]+)\/media$/,
      handle: async (req, res, [id]) => {
        const { forwarding } = await readBody(req, ['forwarding']);
        if (typeof forwarding !== 'boolean') throw badBody('forwarding must be true or false.');
        const contact = activeContact(id as string);
        mediaPlane.setMediaForwarding(contact.meetingId, forwarding);
        sendJson(res, 200, { forwarding });
      },
    },
    {
      method: 'GET',
      pattern: /^\/emulator\/chats$/,
      handle: (_req, res) => sendJson(res, 200, { chats: chats.list() }),
    },
    {
      method: 'GET',
      pattern: /^\/emulator\/chats\/([^/]+)$/,
      handle: (_req, res, [id]) => {
        const chat = chats.get(id as string);
        if (!chat) throw new ContactStoreError('NotFound', `ContactId ${id} was not found.`);
        sendJson(res, 200, chat);
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/chats\/([^/]+)\/accept$/,
      handle: async (req, res, [id]) => {
        await readBody(req, []);
        sendJson(res, 200, chats.accept(id as string));
      },
    },
    {
      // The agent writes, as the agent's SendMessage would (same content type rules).
      method: 'POST',
      pattern: /^\/emulator\/chats\/([^/]+)\/messages$/,
      handle: async (req, res, [id]) => {
        const { ContentType = 'text/plain', Content } = await readBody(req, [
          'ContentType',
          'Content',
        ]);
        sendJson(res, 200, chats.agentMessage(id as string, ContentType, Content));
      },
    },
    {
      // The agent's SendEvent: typing, or a read or delivered receipt of a message.
      method: 'POST',
      pattern: /^\/emulator\/chats\/([^/]+)\/events$/,
      handle: async (req, res, [id]) => {
        const { ContentType, Content } = await readBody(req, ['ContentType', 'Content']);
        chats.agentEvent(id as string, ContentType, Content);
        sendJson(res, 200, chats.get(id as string));
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/chats\/([^/]+)\/end$/,
      handle: async (req, res, [id]) => {
        const { by = 'agent' } = await readBody(req, ['by']);
        if (by !== 'agent' && by !== 'system') throw badBody('by must be "agent" or "system".');
        const reason = by === 'agent' ? DISCONNECT_REASONS.agentLeft : DISCONNECT_REASONS.system;
        sendJson(res, 200, chats.endContact(id as string, reason));
      },
    },
    {
      // A flow of a test's own: contacts started with this ContactFlowId run it, others are not
      // affected, so tests with different flows run side by side.
      method: 'PUT',
      pattern: /^\/emulator\/flows\/([^/]+)$/,
      handle: async (req, res, [id]) => {
        const contactFlowId = id as string;
        if (contactFlowId.length > 500)
          throw badBody('A ContactFlowId has at most 500 characters.');
        const definition = await readJsonBody(req, ADMIN_BODY_LIMIT_BYTES);
        try {
          sendJson(res, 200, {
            ContactFlowId: contactFlowId,
            flow: flows.register(contactFlowId, definition),
          });
        } catch (error) {
          if (error instanceof FlowDefinitionError) {
            throw new HttpError(400, 'InvalidFlow', error.message);
          }
          throw error;
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/emulator\/flows\/([^/]+)$/,
      handle: (_req, res, [id]) =>
        sendJson(res, 200, { ContactFlowId: id, flow: flows.flowFor(id as string) }),
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/faults\/connect$/,
      handle: async (req, res) => {
        const rule = parseFaultRule(
          await readBody(req, ['status', 'count', 'delayMs', 'operation']),
        );
        faults.add(rule);
        sendJson(res, 200, { faults: faults.list() });
      },
    },
    {
      method: 'GET',
      pattern: /^\/emulator\/faults$/,
      handle: (_req, res) => sendJson(res, 200, { faults: faults.list() }),
    },
    {
      method: 'DELETE',
      pattern: /^\/emulator\/faults$/,
      handle: (_req, res) => {
        faults.clear();
        sendJson(res, 200, { faults: [] });
      },
    },
  ];

  return async (req, res, url) => {
    const matches = table
      .map((route) => ({ route, match: route.pattern.exec(url.pathname) }))
      .filter((entry) => entry.match !== null);
    if (matches.length === 0) return false;
    const entry = matches.find(({ route }) => route.method === req.method);
    if (!entry) {
      const allow = matches.map(({ route }) => route.method).join(', ');
      throw new HttpError(405, 'MethodNotAllowed', `Use ${allow} for this path.`, { allow });
    }
    let params: string[];
    try {
      params = (entry.match as RegExpExecArray).slice(1).map((part) => decodeURIComponent(part));
    } catch {
      throw new HttpError(400, 'InvalidPath', 'The path is not validly percent-encoded.');
    }
    try {
      await entry.route.handle(req, res, params);
    } catch (error) {
      if (error instanceof ContactStoreError) {
        const [status, code] = STORE_ERRORS[error.kind];
        if (error.kind === 'MediaPlaneFailure') {
          console.error('Emulator admin %s failed: %s', url.pathname, error.message);
        }
        throw new HttpError(
          status,
          code,
          error.kind === 'MediaPlaneFailure' ? 'The media plane failed.' : error.message,
        );
      }
      throw error;
    }
    return true;
  };
}
