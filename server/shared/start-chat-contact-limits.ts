/**
 * The input limits of Amazon Connect `StartChatContact`, as the API reference states them (Connect
 * API reference: StartChatContact, ChatMessage, PersistentChat, ParticipantDetails). Shared by the
 * emulator (which refuses what the service refuses) and the token endpoint (which refuses it before
 * spending a call). Pure: no I/O, no Node-only APIs. Lengths count code points, as in
 * start-webrtc-contact-limits.ts, whose string and attribute checks these reuse.
 */
import {
  type Check,
  checkAttributes,
  checkString,
  CLIENT_TOKEN_MAX_LENGTH,
  CONTACT_FLOW_ID_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  INSTANCE_ID_MAX_LENGTH,
  isRecord,
  RELATED_CONTACT_ID_MAX_LENGTH,
  type StartWebRTCContactInputError,
} from './start-webrtc-contact-limits.js';

export const CHAT_DURATION_MIN_MINUTES = 60;
export const CHAT_DURATION_MAX_MINUTES = 10_080;
/** "If not specified, the chat session duration defaults to 25 hour." */
export const CHAT_DURATION_DEFAULT_MINUTES = 25 * 60;
export const CHAT_MESSAGE_CONTENT_MAX_LENGTH = 16_384;
export const CHAT_CONTENT_TYPE_MAX_LENGTH = 100;
export const SOURCE_CONTACT_ID_MAX_LENGTH = 256;
export const SEGMENT_ATTRIBUTE_KEY_MAX_LENGTH = 128;
export const SEGMENT_ATTRIBUTE_STRING_MAX_LENGTH = 1_024;
export const CUSTOMER_ID_MAX_LENGTH = 128;

/** What `SupportedMessagingContentTypes` may list; `text/plain` must always be among them. */
export const SUPPORTED_MESSAGING_CONTENT_TYPES = [
  'text/plain',
  'text/markdown',
  'application/json',
  'application/vnd.amazonaws.connect.message.interactive',
  'application/vnd.amazonaws.connect.message.interactive.response',
] as const;
/** The types a `ChatMessage` (InitialMessage, a participant's SendMessage) may have. */
export const CHAT_MESSAGE_CONTENT_TYPES = [
  'text/plain',
  'text/markdown',
  'application/json',
  'application/vnd.amazonaws.connect.message.interactive.response',
] as const;
export const REHYDRATION_TYPES = ['ENTIRE_PAST_SESSION', 'FROM_SEGMENT'] as const;

export type StartChatContactInputError = StartWebRTCContactInputError & {
  /**
   * `request`: each member is valid alone but they cannot go together (InvalidRequestException);
   * otherwise a member is invalid (InvalidParameterException).
   */
  scope?: 'request';
};

/** The StartChatContact request body, once `validateStartChatContactInput` accepted it. */
export interface StartChatContactInput {
  InstanceId: string;
  ContactFlowId: string;
  ParticipantDetails: { DisplayName: string };
  Attributes?: Record<string, string>;
  InitialMessage?: { ContentType: string; Content: string };
  ClientToken?: string;
  ChatDurationInMinutes?: number;
  SupportedMessagingContentTypes?: string[];
  PersistentChat?: { RehydrationType?: string; SourceContactId?: string };
  RelatedContactId?: string;
  SegmentAttributes?: Record<string, Record<string, unknown>>;
  CustomerId?: string;
}

function checkOneOf(field: string, value: unknown, allowed: readonly string[]): Check {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    return { field, message: `${field} must be one of ${allowed.join(', ')}.` };
  }
  return undefined;
}

function checkDuration(value: unknown): Check {
  const field = 'ChatDurationInMinutes';
  if (value === undefined || value === null) return undefined;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < CHAT_DURATION_MIN_MINUTES ||
    value > CHAT_DURATION_MAX_MINUTES
  ) {
    return {
      field,
      message: `${field} must be a whole number from ${CHAT_DURATION_MIN_MINUTES} to ${CHAT_DURATION_MAX_MINUTES}.`,
    };
  }
  return undefined;
}

function checkSupportedTypes(value: unknown): Check {
  const field = 'SupportedMessagingContentTypes';
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return { field, message: `${field} must be a list of content types.` };
  for (const [index, type] of value.entries()) {
    const problem =
      checkString(`${field}[${index}]`, type, {
        required: true,
        min: 1,
        max: CHAT_CONTENT_TYPE_MAX_LENGTH,
      }) ?? checkOneOf(`${field}[${index}]`, type, SUPPORTED_MESSAGING_CONTENT_TYPES);
    if (problem) return problem;
  }
  if (!value.includes('text/plain')) {
    return { field, message: `${field} must always contain text/plain.` };
  }
  return undefined;
}

/** A ChatMessage: `at` names it (InitialMessage); `supported` is the contact's content types. */
export function checkChatMessage(at: string, value: unknown, supported: readonly string[]): Check {
  if (!isRecord(value)) return { field: at, message: `${at} must be an object.` };
  const typeField = `${at}.ContentType`;
  const problem =
    checkString(typeField, value.ContentType, {
      required: true,
      min: 1,
      max: CHAT_CONTENT_TYPE_MAX_LENGTH,
    }) ??
    checkOneOf(typeField, value.ContentType, CHAT_MESSAGE_CONTENT_TYPES) ??
    checkString(`${at}.Content`, value.Content, {
      required: true,
      min: 1,
      max: CHAT_MESSAGE_CONTENT_MAX_LENGTH,
    });
  if (problem) return problem;
  if (!supported.includes(value.ContentType as string)) {
    return {
      field: typeField,
      message: `${typeField} ${String(value.ContentType)} is not among the contact's SupportedMessagingContentTypes (${supported.join(', ')}).`,
    };
  }
  return undefined;
}

function checkPersistentChat(value: unknown): Check {
  const field = 'PersistentChat';
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return { field, message: `${field} must be an object.` };
  if (value.RehydrationType !== undefined && value.RehydrationType !== null) {
    const problem = checkOneOf(
      `${field}.RehydrationType`,
      value.RehydrationType,
      REHYDRATION_TYPES,
    );
    if (problem) return problem;
  }
  return checkString(`${field}.SourceContactId`, value.SourceContactId, {
    required: false,
    min: 1,
    max: SOURCE_CONTACT_ID_MAX_LENGTH,
  });
}

function checkSegmentAttributes(value: unknown): Check {
  const field = 'SegmentAttributes';
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return { field, message: `${field} must be a map of attribute values.` };
  for (const [key, item] of Object.entries(value)) {
    const at = `${field}.${key}`;
    const length = [...key].length;
    if (length < 1 || length > SEGMENT_ATTRIBUTE_KEY_MAX_LENGTH) {
      return {
        field: at,
        message: `${field} keys must be 1 to ${SEGMENT_ATTRIBUTE_KEY_MAX_LENGTH} characters long.`,
      };
    }
    if (!isRecord(item)) return { field: at, message: `${at} must be a SegmentAttributeValue.` };
    const problem = checkString(`${at}.ValueString`, item.ValueString, {
      required: false,
      min: 1,
      max: SEGMENT_ATTRIBUTE_STRING_MAX_LENGTH,
    });
    if (problem) return problem;
    if (
      item.ValueInteger !== undefined &&
      item.ValueInteger !== null &&
      !Number.isInteger(item.ValueInteger)
    ) {
      return { field: `${at}.ValueInteger`, message: `${at}.ValueInteger must be an integer.` };
    }
  }
  return undefined;
}

/**
 * Checks a StartChatContact request body against the service's limits. Returns the first problem
 * (members in the order of the API reference), or undefined when it is acceptable.
 */
export function validateStartChatContactInput(
  input: unknown,
): StartChatContactInputError | undefined {
  if (!isRecord(input)) return { field: '', message: 'The request must be a JSON object.' };
  const participant = input.ParticipantDetails;
  const supported = Array.isArray(input.SupportedMessagingContentTypes)
    ? (input.SupportedMessagingContentTypes as string[])
    : ['text/plain'];
  const checks: (() => Check)[] = [
    () =>
      checkString('InstanceId', input.InstanceId, {
        required: true,
        min: 1,
        max: INSTANCE_ID_MAX_LENGTH,
      }),
    () =>
      checkString('ContactFlowId', input.ContactFlowId, {
        required: true,
        max: CONTACT_FLOW_ID_MAX_LENGTH,
      }),
    () => checkAttributes(input.Attributes),
    () => {
      if (participant === undefined || participant === null) {
        return { field: 'ParticipantDetails', message: 'ParticipantDetails is required.' };
      }
      if (!isRecord(participant)) {
        return { field: 'ParticipantDetails', message: 'ParticipantDetails must be an object.' };
      }
      return checkString('ParticipantDetails.DisplayName', participant.DisplayName, {
        required: true,
        min: 1,
        max: DISPLAY_NAME_MAX_LENGTH,
      });
    },
    () => checkSupportedTypes(input.SupportedMessagingContentTypes),
    () =>
      input.InitialMessage === undefined || input.InitialMessage === null
        ? undefined
        : checkChatMessage('InitialMessage', input.InitialMessage, supported),
    () =>
      checkString('ClientToken', input.ClientToken, {
        required: false,
        max: CLIENT_TOKEN_MAX_LENGTH,
      }),
    () => checkDuration(input.ChatDurationInMinutes),
    () => checkPersistentChat(input.PersistentChat),
    () =>
      checkString('RelatedContactId', input.RelatedContactId, {
        required: false,
        min: 1,
        max: RELATED_CONTACT_ID_MAX_LENGTH,
      }),
    () => checkSegmentAttributes(input.SegmentAttributes),
    () =>
      checkString('CustomerId', input.CustomerId, {
        required: false,
        max: CUSTOMER_ID_MAX_LENGTH,
      }),
  ];
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  const persistent = input.PersistentChat;
  if (
    input.RelatedContactId !== undefined &&
    input.RelatedContactId !== null &&
    persistent !== undefined &&
    persistent !== null
  ) {
    return {
      field: 'RelatedContactId',
      message: 'RelatedContactId and PersistentChat cannot both be given.',
      scope: 'request',
    };
  }
  return undefined;
}
