import type { StartChatContactCommandInput } from '@aws-sdk/client-connect';
import type { ChatConfig } from './chat-config.js';
import type { TokenEndpointConfig } from './config.js';
import {
  optionalStrings,
  parseCustomerBody,
  refuseViolation,
  startContactMembers,
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
  const { known, customer } = parseCustomerBody(body, FIELDS, config);
  return {
    ...customer,
    ...optionalStrings(known, ['initialMessage', 'clientToken', 'customerToken']),
  };
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
  const input: StartChatContactCommandInput = {
    ...startContactMembers(config, chat.contactFlowId, request, trustedAttributes, clientToken),
    SupportedMessagingContentTypes: [...chat.contentTypes],
    ...(request.initialMessage !== undefined
      ? { InitialMessage: { ContentType: 'text/plain', Content: request.initialMessage } }
      : {}),
    ...(chat.durationMinutes !== undefined ? { ChatDurationInMinutes: chat.durationMinutes } : {}),
  };
  refuseViolation(validateStartChatContactInput(input));
  return input;
}
