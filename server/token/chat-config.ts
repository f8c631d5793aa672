import { ConfigError } from './config-error.js';
import { wholeNumber } from './invitation-config.js';
import {
  CHAT_DURATION_MAX_MINUTES,
  CHAT_DURATION_MIN_MINUTES,
} from '../shared/start-chat-contact-limits.js';

/** What `/api/chat` needs; absent in the config = no chats (403 ChatNotAllowed). */
export interface ChatConfig {
  /** The flow chats start in: CHAT_CONTACT_FLOW_ID, else the calls' CONNECT_CONTACT_FLOW_ID. */
  contactFlowId: string;
  /** ChatDurationInMinutes; absent = Connect's default (25 hours). */
  durationMinutes?: number;
  /**
   * SupportedMessagingContentTypes: plain text and markdown, which the widget renders safely.
   * Fixed: another type would reach a widget that cannot show it.
   */
  contentTypes: readonly string[];
}

export const CHAT_VARIABLES = ['CHAT', 'CHAT_CONTACT_FLOW_ID', 'CHAT_DURATION_MINUTES'] as const;
export type ChatVariable = (typeof CHAT_VARIABLES)[number];

export const CHAT_CONTENT_TYPES = ['text/plain', 'text/markdown'] as const;

/**
 * Off unless CHAT=true: each chat is a Connect contact the business pays for, and its flow must be
 * written for chat. Local mode turns it on so the demo and the tests have it.
 */
export function loadChatConfig(
  read: (name: ChatVariable) => string | undefined,
  flag: (name: ChatVariable, fallback: boolean) => boolean,
  local: boolean,
  callFlowId: string,
): ChatConfig | undefined {
  if (!flag('CHAT', local)) return undefined;
  const contactFlowId = read('CHAT_CONTACT_FLOW_ID') ?? callFlowId;
  if (!/^[A-Za-z0-9_-]{1,500}$/.test(contactFlowId)) {
    throw new ConfigError(
      'CHAT_CONTACT_FLOW_ID',
      'must be a contact flow id (1 to 500 of A-Z a-z 0-9 _ -).',
    );
  }
  const durationMinutes =
    read('CHAT_DURATION_MINUTES') === undefined
      ? undefined
      : wholeNumber(
          read,
          'CHAT_DURATION_MINUTES',
          CHAT_DURATION_MIN_MINUTES,
          CHAT_DURATION_MIN_MINUTES,
          CHAT_DURATION_MAX_MINUTES,
        );
  return {
    contactFlowId,
    ...(durationMinutes !== undefined && { durationMinutes }),
    contentTypes: CHAT_CONTENT_TYPES,
  };
}
