import type { StartChatContactCommandInput } from '@aws-sdk/client-connect';
import { ApiError, invalidField } from './api-error.js';
import type { ChatConfig } from './chat-config.js';
import type { TokenEndpointConfig } from './config.js';
import {
  isRecord,
  mergedAttributes,
  parseAttributes,
  parseDisplayName,
  stringField,
  toBrowserField,
} from './session-request.js';
import { validateStartChatContactInput } from '../shared/start-chat-contact-limits.js';

/** The widget's `POST /api/chat` body once its shape is known to be right. */
export interface ChatRequest {
  displayName: string;
  attributes?: Record<string, string>;
  /** The customer's first message, plain text (StartChatContact's InitialMessage). */
  initialMessage?: string;
  clientToken?: string;
  customerToken?: string;
}

const FIELDS = new Set([
  'displayName',
  'attributes',
  'initialMessage',
  'clientToken',
  'customerToken',
]);

/**
 * Checks the browser's body for `/api/chat`: the same rules as `/api/session` (known fields,
 * allowlisted attribute keys); the service's limits are checked on the final input.
 */
export function parseChatRequest(body: unknown, config: TokenEndpointConfig): ChatRequest {
  if (!isRecord(body)) {
    throw new ApiError(400, 'InvalidBody', 'The request body must be a JSON object.');
  }
  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) throw invalidField(key, 'is not a known field.', 'UnknownField');
  }
  const request: ChatRequest = { displayName: parseDisplayName(body) };
  if (body.attributes !== undefined) request.attributes = parseAttributes(body.attributes, config);
  for (const field of ['initialMessage', 'clientToken', 'customerToken'] as const) {
    const value = stringField(body, field);
    if (value !== undefined) request[field] = value;
  }
  if (request.clientToken === '') throw invalidField('clientToken', 'must not be empty.');
  return request;
}

/**
 * The one StartChatContact input: instance, flow, duration and content types from configuration,
 * never the browser. Throws a 400 naming the browser's field when the service would refuse it.
 */
export function toStartChatContactInput(
  config: TokenEndpointConfig,
  chat: ChatConfig,
  request: ChatRequest,
  trustedAttributes: Record<string, string> | undefined,
  clientToken: string,
): StartChatContactCommandInput {
  const attributes = mergedAttributes(request.attributes, trustedAttributes);
  const input: StartChatContactCommandInput = {
    InstanceId: config.instanceId,
    ContactFlowId: chat.contactFlowId,
    ParticipantDetails: { DisplayName: request.displayName },
    ClientToken: clientToken,
    SupportedMessagingContentTypes: [...chat.contentTypes],
    ...(attributes ? { Attributes: attributes } : {}),
    ...(request.initialMessage !== undefined
      ? { InitialMessage: { ContentType: 'text/plain', Content: request.initialMessage } }
      : {}),
    ...(chat.durationMinutes !== undefined ? { ChatDurationInMinutes: chat.durationMinutes } : {}),
  };
  const violation = validateStartChatContactInput(input);
  if (violation) throw invalidField(toBrowserField(violation.field), violation.message);
  return input;
}
