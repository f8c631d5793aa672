/**
 * A chat transcript item as the Participant Service sends it, on the websocket (`aws/chat`) and in
 * GetTranscript: the members of the service model's `Item`, plus the contact ids every websocket
 * message carries (amazon-connect-chatjs drops messages of other contacts by them).
 */
export interface ChatItem {
  AbsoluteTime: string;
  Id: string;
  /**
   * `MESSAGE`, `EVENT`, or on the websocket `MESSAGEMETADATA` for a read or delivered receipt
   * (amazon-connect-chatjs checks that exact spelling).
   */
  Type: 'MESSAGE' | 'EVENT' | 'MESSAGEMETADATA';
  ContentType: string;
  Content?: string;
  ParticipantId?: string;
  DisplayName?: string;
  ParticipantRole?: ChatParticipantRole;
  InitialContactId: string;
  ContactId: string;
  MessageMetadata?: { MessageId: string; Receipts: ChatReceipt[] };
}

export type ChatParticipantRole = 'CUSTOMER' | 'AGENT' | 'SYSTEM';

/** One reader's receipt of a message: who read it (`RecipientParticipantId`) and when. */
export interface ChatReceipt {
  RecipientParticipantId: string;
  DeliveredTimestamp?: string;
  ReadTimestamp?: string;
}

/** The content types of the events the Participant Service sends and accepts. */
export const CHAT_EVENT = {
  typing: 'application/vnd.amazonaws.connect.event.typing',
  connectionAcknowledged: 'application/vnd.amazonaws.connect.event.connection.acknowledged',
  messageDelivered: 'application/vnd.amazonaws.connect.event.message.delivered',
  messageRead: 'application/vnd.amazonaws.connect.event.message.read',
  participantJoined: 'application/vnd.amazonaws.connect.event.participant.joined',
  participantLeft: 'application/vnd.amazonaws.connect.event.participant.left',
  chatEnded: 'application/vnd.amazonaws.connect.event.chat.ended',
  messageMetadata: 'application/vnd.amazonaws.connect.event.message.metadata',
} as const;

/** What SendEvent accepts (the service model's ContentType list for SendEvent). */
export const SEND_EVENT_CONTENT_TYPES: readonly string[] = [
  CHAT_EVENT.typing,
  CHAT_EVENT.connectionAcknowledged,
  CHAT_EVENT.messageDelivered,
  CHAT_EVENT.messageRead,
];

/** The display name Connect gives the flow's own messages. */
export const SYSTEM_DISPLAY_NAME = 'SYSTEM_MESSAGE';
