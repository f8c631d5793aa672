// The emulator's admin routes, as the agent console uses them.
import type { CallParticipant } from '../server/emulator/call-participants';
import type { ChatContactView } from '../server/emulator/chat/chat-store';
import type { ChatItem } from '../server/emulator/chat/chat-item';

/** A chat as the console lists it (GET /emulator/chats): its transcript, who is typing. */
export type ChatSummary = ChatContactView;
export type { ChatItem };

export interface ContactMessage {
  Id: string;
  participant: 'customer' | 'agent';
  ContentType: string;
  Content: string;
  at: string;
}

export interface ContactSummary {
  ContactId: string;
  InstanceId: string;
  state: 'INITIATED' | 'CONNECTED' | 'DISCONNECTED';
  DisplayName: string;
  Attributes: Record<string, string>;
  Description: string | null;
  AllowedCapabilities: {
    Customer?: { Video?: 'SEND'; ScreenShare?: 'SEND' };
    Agent?: { Video?: 'SEND'; ScreenShare?: 'SEND' };
  };
  screenSharingActive: boolean;
  messages: ContactMessage[];
  initiatedAt: string;
  disconnectReason: string | null;
  /** Where the contact is in its flow, and the way it came (digits pressed, attributes set). */
  flow: {
    name: string;
    phase: 'waiting' | 'running' | 'queued' | 'ended';
    block: string | null;
    path: { block: string; type: string; outcome?: string }[];
  };
  /** Set once the flow transferred it to a queue: only then may an agent accept it. */
  queue: { Id: string; Name: string; enqueuedAt: string } | null;
  /** Everyone in the call: the customer, the agent once accepted, each added participant. */
  participants: CallParticipant[];
}

export interface NewParticipant {
  DisplayName: string;
  ParticipantRole: 'CUSTOMER' | 'AGENT';
  capabilities?: { Video?: 'SEND'; ScreenShare?: 'SEND' };
}

/** An added participant and the bearer token that joins the call as them (never logged). */
export interface AddedParticipant {
  participant: CallParticipant;
  ParticipantToken: string;
  Expiry: string;
}

export interface AgentConnection {
  ContactId: string;
  ParticipantId: string;
  ConnectionData: { Meeting: unknown; Attendee: { AttendeeId: string; JoinToken: string } };
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json().catch(() => ({}))) as { message?: string };
  if (!response.ok)
    throw new Error(json.message ?? `${method} ${path} answered ${response.status}`);
  return json as T;
}

export const agentApi = {
  contacts: () => call<{ contacts: ContactSummary[] }>('GET', '/emulator/contacts'),
  accept: (contactId: string) =>
    call<AgentConnection>('POST', `/emulator/contacts/${encodeURIComponent(contactId)}/accept`, {}),
  addParticipant: (contactId: string, participant: NewParticipant) =>
    call<AddedParticipant>(
      'POST',
      `/emulator/contacts/${encodeURIComponent(contactId)}/participants`,
      participant,
    ),
  chats: () => call<{ chats: ChatSummary[] }>('GET', '/emulator/chats'),
  acceptChat: (contactId: string) =>
    call<ChatSummary>('POST', `/emulator/chats/${encodeURIComponent(contactId)}/accept`, {}),
  sendChatMessage: (contactId: string, Content: string) =>
    call<ChatItem>('POST', `/emulator/chats/${encodeURIComponent(contactId)}/messages`, {
      ContentType: 'text/plain',
      Content,
    }),
  /** The agent's SendEvent: typing, or a receipt (`Content`: `{"messageId": ...}`). */
  sendChatEvent: (contactId: string, ContentType: string, Content?: string) =>
    call<ChatSummary>('POST', `/emulator/chats/${encodeURIComponent(contactId)}/events`, {
      ContentType,
      ...(Content !== undefined && { Content }),
    }),
  endChat: (contactId: string) =>
    call<ChatSummary>('POST', `/emulator/chats/${encodeURIComponent(contactId)}/end`, {
      by: 'agent',
    }),
  endpoints: () => call<{ connect: string; participant: string }>('GET', '/emulator/endpoints'),
  end: (contactId: string) =>
    call<unknown>('POST', `/emulator/contacts/${encodeURIComponent(contactId)}/end`, {
      by: 'agent',
    }),
  stopScreenSharing: (contactId: string) =>
    call<unknown>(
      'POST',
      `/emulator/contacts/${encodeURIComponent(contactId)}/screen-sharing/stop`,
      {},
    ),
};
