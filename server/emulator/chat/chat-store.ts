import { randomUUID } from 'node:crypto';
import {
  CHAT_DURATION_DEFAULT_MINUTES,
  CHAT_MESSAGE_CONTENT_MAX_LENGTH,
  checkChatMessage,
  type StartChatContactInput,
  validateStartChatContactInput,
} from '../../shared/start-chat-contact-limits.js';
import {
  ContactStoreError,
  DISCONNECT_REASONS,
  type DescribedContact,
  type FlowView,
  type QueueView,
} from '../contact-store.js';
import {
  countActive,
  describedContact,
  findContact,
  flowAndQueueView,
  notQueuedYet,
  startContactFlow,
} from '../contact-timeline.js';
import type { FlowCatalog } from '../flow/flow-catalog.js';
import type { FlowRun } from '../flow/flow-runner.js';
import { PROMPT_TEXTS } from '../flow/prompt-texts.js';
import type { AudioPlayer } from '../media/media-plane.js';
import { randomToken } from '../random-token.js';
import {
  CHAT_EVENT,
  type ChatItem,
  type ChatParticipantRole,
  type ChatReceipt,
  SEND_EVENT_CONTENT_TYPES,
  SYSTEM_DISPLAY_NAME,
} from './chat-item.js';

/** "Clients must subscribe to the participant's connection within 100 seconds" (websocket URL). */
export const WEBSOCKET_URL_TTL_MS = 100_000;
/** How long a chat ConnectionToken is valid (the service gives about a day). */
export const CHAT_CONNECTION_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const TRANSCRIPT_MAX_RESULTS = 100;
export const TRANSCRIPT_DEFAULT_MAX_RESULTS = 15;
/** The name the emulated agent has in the chat (participant.joined, its messages). */
export const AGENT_DISPLAY_NAME = 'Agent';

export type ChatState = 'INITIATED' | 'CONNECTED' | 'DISCONNECTED';

interface ChatParticipant {
  ParticipantId: string;
  ParticipantToken: string;
  role: 'CUSTOMER' | 'AGENT';
  DisplayName: string;
  /** When the participant last sent a typing event (for the agent console). */
  typingAt?: number;
}

interface ChatContact {
  ContactId: string;
  input: StartChatContactInput;
  state: ChatState;
  customer: ChatParticipant;
  agent?: ChatParticipant;
  /** The transcript: messages and the events that last (joined, left, ended), oldest first. */
  items: ChatItem[];
  messageTokens: Map<string, ChatItem>;
  /** Who listens on a websocket: every `aws/chat` subscriber of this contact. */
  listeners: Set<(item: ChatItem) => void>;
  acknowledged: boolean;
  flowName: string;
  run?: FlowRun | undefined;
  flowAttributes: Record<string, string>;
  queue?: { Id: string; Name: string; enqueuedAt: number };
  initiatedAt: number;
  connectedAt?: number;
  disconnectedAt?: number;
  disconnectReason?: string;
  expiresAt: number;
  expiryTimer: NodeJS.Timeout;
  ContinuedFromContactId?: string;
}

/** A chat contact as the admin routes and the agent console see it: no bearer secrets. */
export interface ChatContactView {
  ContactId: string;
  InstanceId: string;
  ContactFlowId: string;
  Channel: 'CHAT';
  state: ChatState;
  DisplayName: string;
  Attributes: Record<string, string>;
  RelatedContactId: string | null;
  ContinuedFromContactId: string | null;
  SupportedMessagingContentTypes: string[];
  flow: FlowView;
  queue: QueueView | null;
  transcript: ChatItem[];
  /** When each party last said it was typing (ISO 8601), null if never. */
  typing: { customer: string | null; agent: string | null };
  customerParticipantId: string;
  agentParticipantId: string | null;
  initiatedAt: string;
  connectedAt: string | null;
  disconnectedAt: string | null;
  disconnectReason: string | null;
  expiresAt: string;
}

export interface StartedChat {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
  ContinuedFromContactId?: string;
}

export interface ChatConnection {
  Websocket?: { Url: string; ConnectionExpiry: string };
  ConnectionCredentials?: { ConnectionToken: string; Expiry: string };
}

export interface TranscriptRequest {
  ContactId?: string;
  MaxResults?: number;
  NextToken?: string;
  ScanDirection?: 'FORWARD' | 'BACKWARD';
  SortOrder?: 'ASCENDING' | 'DESCENDING';
  StartPosition?: { Id?: string; AbsoluteTime?: string; MostRecent?: number };
}

export interface ChatStoreOptions {
  flows: FlowCatalog;
  /** The websocket URL for a one-connection token (`ws://127.0.0.1:<port>/...?token=`). */
  websocketUrl: (token: string) => string;
  /** Active chats allowed per instance at once (Connect's "concurrent active chats" quota). */
  maxConcurrentChats: number;
  now?: () => number;
  accountId?: string;
}

export interface ChatStore {
  startChatContact(input: unknown): StartedChat;
  has(contactId: string): boolean;
  get(contactId: string): ChatContactView | undefined;
  list(): ChatContactView[];
  /** Whether a ParticipantToken or ConnectionToken is one of a chat (not of a web call). */
  ownsToken(token: string): boolean;
  describeContact(instanceId: string, contactId: string, region?: string): DescribedContact;
  contactAttributes(instanceId: string, contactId: string): Record<string, string>;
  createParticipantConnection(
    participantToken: string,
    want: { websocket: boolean; credentials: boolean; connectParticipant: boolean },
  ): ChatConnection;
  sendMessage(
    connectionToken: string,
    contentType: unknown,
    content: unknown,
    clientToken?: string,
  ): { Id: string; AbsoluteTime: string };
  sendEvent(
    connectionToken: string,
    contentType: unknown,
    content: unknown,
  ): { Id: string; AbsoluteTime: string };
  getTranscript(
    connectionToken: string,
    request: TranscriptRequest,
  ): { InitialContactId: string; Transcript: ChatItem[]; NextToken?: string };
  disconnectParticipant(connectionToken: string): void;
  /** The websocket's token: whose socket it is, or undefined when unknown or expired. */
  websocketOwner(token: string): { contactId: string; participantId: string } | undefined;
  /** A websocket of the participant subscribed to `aws/chat`: a customer's is acknowledged. */
  subscribed(contactId: string, participantId: string): void;
  /** Listens to every item of a contact; the returned function stops listening. */
  listen(contactId: string, listener: (item: ChatItem) => void): () => void;
  /** The agent console: accept a queued chat, then write, type, read and end as the agent. */
  accept(contactId: string): ChatContactView;
  agentMessage(contactId: string, contentType: unknown, content: unknown): ChatItem;
  agentEvent(contactId: string, contentType: unknown, content?: unknown): void;
  endContact(contactId: string, reason: string, instanceId?: string): ChatContactView;
  activeChatCount(instanceId?: string): number;
  dispose(): void;
}

const SILENT_PLAYER: AudioPlayer = {
  play: async () => true,
  stop: () => undefined,
  close: () => undefined,
};

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | undefined) => (ms === undefined ? null : iso(ms));

interface TokenOwner {
  contactId: string;
  participantId: string;
  expiresAt: number;
}

/** The emulated chat contacts of Amazon Connect and the chat half of its Participant Service. */
export function createChatStore(options: ChatStoreOptions): ChatStore {
  const { flows, websocketUrl, maxConcurrentChats } = options;
  const now = options.now ?? Date.now;
  const accountId = options.accountId ?? '000000000000';
  const agentUserId = randomUUID();

  const contacts = new Map<string, ChatContact>();
  const byClientToken = new Map<string, string>();
  const participantTokens = new Map<string, { contactId: string; participantId: string }>();
  const connectionTokens = new Map<string, TokenOwner>();
  const websocketTokens = new Map<string, TokenOwner>();

  const isActive = (contact: ChatContact) => contact.state !== 'DISCONNECTED';

  const find = (contactId: string, instanceId?: string): ChatContact =>
    findContact(contacts, contactId, instanceId);

  const participantOf = (contact: ChatContact, participantId: string): ChatParticipant =>
    contact.agent?.ParticipantId === participantId
      ? contact.agent
      : contact.customer.ParticipantId === participantId
        ? contact.customer
        : (() => {
            throw new ContactStoreError('InvalidToken', 'The token is not valid.');
          })();

  const connectionFor = (connectionToken: string) => {
    const owner = connectionTokens.get(connectionToken);
    if (!owner || owner.expiresAt <= now()) {
      throw new ContactStoreError('InvalidToken', 'The ConnectionToken is not valid.');
    }
    const contact = find(owner.contactId);
    return { contact, party: participantOf(contact, owner.participantId) };
  };

  const activeFor = (connectionToken: string) => {
    const found = connectionFor(connectionToken);
    if (!isActive(found.contact)) {
      // The Participant Service refuses a finished chat's connection as not authorised.
      throw new ContactStoreError('InvalidToken', 'The chat of this connection has ended.');
    }
    return found;
  };

  const item = (
    contact: ChatContact,
    fields: Omit<ChatItem, 'AbsoluteTime' | 'Id' | 'InitialContactId' | 'ContactId'>,
  ): ChatItem => ({
    AbsoluteTime: iso(now()),
    Id: randomUUID(),
    InitialContactId: contact.ContactId,
    ContactId: contact.ContactId,
    ...fields,
  });

  const from = (party: ChatParticipant) => ({
    ParticipantId: party.ParticipantId,
    DisplayName: party.DisplayName,
    ParticipantRole: party.role as ChatParticipantRole,
  });

  /** Sends an item to every websocket of the contact; `keep` also adds it to the transcript. */
  const emit = (contact: ChatContact, out: ChatItem, keep: boolean): ChatItem => {
    if (keep) contact.items.push(out);
    for (const listener of [...contact.listeners]) {
      try {
        listener(structuredClone(out));
      } catch (error) {
        console.error('A chat listener failed: %s', (error as Error)?.message);
      }
    }
    return out;
  };

  const systemMessage = (contact: ChatContact, text: string) =>
    emit(
      contact,
      item(contact, {
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Content: text,
        ParticipantRole: 'SYSTEM',
        DisplayName: SYSTEM_DISPLAY_NAME,
      }),
      true,
    );

  const end = (contact: ChatContact, reason: string, leaving?: ChatParticipant) => {
    if (!isActive(contact)) return;
    contact.state = 'DISCONNECTED';
    contact.disconnectedAt = now();
    contact.disconnectReason = reason;
    clearTimeout(contact.expiryTimer);
    contact.run?.stop();
    if (leaving) {
      emit(
        contact,
        item(contact, { Type: 'EVENT', ContentType: CHAT_EVENT.participantLeft, ...from(leaving) }),
        true,
      );
    }
    emit(contact, item(contact, { Type: 'EVENT', ContentType: CHAT_EVENT.chatEnded }), true);
  };

  /** The flow starts once the customer is there to read it (their connection is acknowledged). */
  const startFlow = (contact: ChatContact) => {
    if (contact.run || !isActive(contact) || contact.agent) return;
    startContactFlow(
      contact,
      flows,
      {
        audio: SILENT_PLAYER,
        say: (prompt) => systemMessage(contact, PROMPT_TEXTS[prompt] ?? prompt),
      },
      { now, end: () => end(contact, DISCONNECT_REASONS.system) },
    );
  };

  const acknowledge = (contact: ChatContact, party: ChatParticipant) => {
    if (party.role !== 'CUSTOMER' || contact.acknowledged) return;
    contact.acknowledged = true;
    startFlow(contact);
  };

  const attributesOf = (contact: ChatContact) => ({
    ...contact.input.Attributes,
    ...contact.flowAttributes,
  });

  const view = (contact: ChatContact): ChatContactView => ({
    ContactId: contact.ContactId,
    InstanceId: contact.input.InstanceId,
    ContactFlowId: contact.input.ContactFlowId,
    Channel: 'CHAT',
    state: contact.state,
    DisplayName: contact.customer.DisplayName,
    Attributes: attributesOf(contact),
    RelatedContactId: contact.input.RelatedContactId ?? null,
    ContinuedFromContactId: contact.ContinuedFromContactId ?? null,
    SupportedMessagingContentTypes: supportedTypes(contact),
    ...flowAndQueueView(contact),
    transcript: structuredClone(contact.items),
    typing: {
      customer: isoOrNull(contact.customer.typingAt),
      agent: isoOrNull(contact.agent?.typingAt),
    },
    customerParticipantId: contact.customer.ParticipantId,
    agentParticipantId: contact.agent?.ParticipantId ?? null,
    initiatedAt: iso(contact.initiatedAt),
    connectedAt: isoOrNull(contact.connectedAt),
    disconnectedAt: isoOrNull(contact.disconnectedAt),
    disconnectReason: contact.disconnectReason ?? null,
    expiresAt: iso(contact.expiresAt),
  });

  const supportedTypes = (contact: ChatContact) =>
    contact.input.SupportedMessagingContentTypes ?? ['text/plain'];

  const activeChatCount = (instanceId?: string) => countActive(contacts.values(), instanceId);

  const newParticipant = (
    contact: { ContactId: string },
    role: 'CUSTOMER' | 'AGENT',
    DisplayName: string,
  ): ChatParticipant => {
    const party = {
      ParticipantId: randomUUID(),
      ParticipantToken: randomToken(),
      role,
      DisplayName,
    };
    participantTokens.set(party.ParticipantToken, {
      contactId: contact.ContactId,
      participantId: party.ParticipantId,
    });
    return party;
  };

  const postMessage = (
    contact: ChatContact,
    party: ChatParticipant,
    contentType: unknown,
    content: unknown,
  ): ChatItem => {
    const problem = checkChatMessage(
      'Message',
      { ContentType: contentType, Content: content },
      supportedTypes(contact),
    );
    if (problem) {
      throw new ContactStoreError(
        'InvalidInput',
        problem.message.replace('Message.ContentType', 'ContentType').replace('Message.', ''),
      );
    }
    const message = emit(
      contact,
      item(contact, {
        Type: 'MESSAGE',
        ContentType: contentType as string,
        Content: content as string,
        ...from(party),
      }),
      true,
    );
    // The customer's typed digits answer the flow's "Get customer input" (chat's DTMF).
    if (party.role === 'CUSTOMER' && contact.run?.phase === 'running') {
      const digits = (content as string).trim();
      if (/^[0-9*#]+$/.test(digits)) contact.run.dtmf(digits);
    }
    return message;
  };

  const postEvent = (
    contact: ChatContact,
    party: ChatParticipant,
    contentType: unknown,
    content: unknown,
  ): ChatItem => {
    if (typeof contentType !== 'string' || !SEND_EVENT_CONTENT_TYPES.includes(contentType)) {
      throw new ContactStoreError(
        'InvalidInput',
        `ContentType must be one of ${SEND_EVENT_CONTENT_TYPES.join(', ')}.`,
      );
    }
    if (
      content !== undefined &&
      content !== null &&
      (typeof content !== 'string' || [...content].length > CHAT_MESSAGE_CONTENT_MAX_LENGTH)
    ) {
      throw new ContactStoreError(
        'InvalidInput',
        `Content must be a string of at most ${CHAT_MESSAGE_CONTENT_MAX_LENGTH} characters.`,
      );
    }
    if (contentType === CHAT_EVENT.connectionAcknowledged) {
      acknowledge(contact, party);
      return item(contact, { Type: 'EVENT', ContentType: contentType, ...from(party) });
    }
    if (contentType === CHAT_EVENT.typing) {
      party.typingAt = now();
      return emit(
        contact,
        item(contact, { Type: 'EVENT', ContentType: contentType, ...from(party) }),
        false,
      );
    }
    // A receipt: Content is {"messageId": "<Id of a message of this chat>"}.
    let messageId: unknown;
    try {
      messageId = (JSON.parse(String(content)) as { messageId?: unknown }).messageId;
    } catch {
      messageId = undefined;
    }
    const message = contact.items.find((i) => i.Type === 'MESSAGE' && i.Id === messageId);
    if (typeof messageId !== 'string' || !message) {
      throw new ContactStoreError(
        'InvalidInput',
        'Content of a receipt must be {"messageId": "<the Id of a message of this chat>"}.',
      );
    }
    const read = contentType === CHAT_EVENT.messageRead;
    const at = iso(now());
    const metadata = (message.MessageMetadata ??= { MessageId: message.Id, Receipts: [] });
    let receipt = metadata.Receipts.find((r) => r.RecipientParticipantId === party.ParticipantId);
    if (!receipt) {
      receipt = { RecipientParticipantId: party.ParticipantId };
      metadata.Receipts.push(receipt);
    }
    if (read) receipt.ReadTimestamp ??= at;
    else receipt.DeliveredTimestamp ??= at;
    const sent: ChatReceipt = {
      RecipientParticipantId: party.ParticipantId,
      ...(read ? { ReadTimestamp: receipt.ReadTimestamp } : {}),
      ...(!read ? { DeliveredTimestamp: receipt.DeliveredTimestamp } : {}),
    };
    return emit(
      contact,
      item(contact, {
        Type: 'MESSAGEMETADATA',
        ContentType: CHAT_EVENT.messageMetadata,
        MessageMetadata: { MessageId: message.Id, Receipts: [sent] },
      }),
      false,
    );
  };

  const agentOf = (contactId: string) => {
    const contact = find(contactId);
    if (!isActive(contact)) {
      throw new ContactStoreError('NotActive', `ContactId ${contactId} has already ended.`);
    }
    if (!contact.agent) {
      throw new ContactStoreError('Conflict', `The agent has not accepted chat ${contactId}.`);
    }
    return { contact, agent: contact.agent };
  };

  return {
    startChatContact(rawInput) {
      const problem = validateStartChatContactInput(rawInput);
      if (problem) {
        throw new ContactStoreError(
          problem.scope === 'request' ? 'Conflict' : 'InvalidInput',
          problem.message,
        );
      }
      const input = structuredClone(rawInput) as StartChatContactInput;
      const tokenKey =
        input.ClientToken === undefined ? undefined : `${input.InstanceId}\n${input.ClientToken}`;
      const existingId = tokenKey === undefined ? undefined : byClientToken.get(tokenKey);
      if (existingId !== undefined) {
        const existing = contacts.get(existingId) as ChatContact;
        return {
          ContactId: existing.ContactId,
          ParticipantId: existing.customer.ParticipantId,
          ParticipantToken: existing.customer.ParticipantToken,
          ...(existing.ContinuedFromContactId && {
            ContinuedFromContactId: existing.ContinuedFromContactId,
          }),
        };
      }
      // A persistent chat continues an ended chat of the same instance, its transcript included.
      let source: ChatContact | undefined;
      if (input.PersistentChat) {
        const sourceId = input.PersistentChat.SourceContactId;
        source = sourceId === undefined ? undefined : contacts.get(sourceId);
        if (!source || source.input.InstanceId !== input.InstanceId) {
          throw new ContactStoreError(
            'NotFound',
            `PersistentChat.SourceContactId ${sourceId ?? '(none)'} is not a chat contact of this instance.`,
          );
        }
        if (isActive(source)) {
          throw new ContactStoreError(
            'Conflict',
            `PersistentChat.SourceContactId ${source.ContactId} has not ended yet: only a completed chat can be continued.`,
          );
        }
      }
      if (activeChatCount(input.InstanceId) >= maxConcurrentChats) {
        throw new ContactStoreError(
          'LimitExceeded',
          `The instance already has ${maxConcurrentChats} active chats (concurrent active chats quota).`,
        );
      }
      const ContactId = randomUUID();
      const customer = newParticipant(
        { ContactId },
        'CUSTOMER',
        input.ParticipantDetails.DisplayName,
      );
      const durationMs = (input.ChatDurationInMinutes ?? CHAT_DURATION_DEFAULT_MINUTES) * 60_000;
      const initiatedAt = now();
      const contact: ChatContact = {
        ContactId,
        input,
        state: 'INITIATED',
        customer,
        items: [],
        messageTokens: new Map(),
        listeners: new Set(),
        acknowledged: false,
        flowName: flows.flowFor(input.ContactFlowId).name,
        flowAttributes: {},
        initiatedAt,
        expiresAt: initiatedAt + durationMs,
        // The chat ends when its duration is up (Connect: "the total duration of the session").
        expiryTimer: setTimeout(() => end(contact, 'EXPIRED'), durationMs),
        ...(source && { ContinuedFromContactId: source.ContactId }),
      };
      contact.expiryTimer.unref?.();
      if (source && input.PersistentChat?.RehydrationType !== undefined) {
        contact.items.push(
          ...source.items
            .filter((i) => i.Type === 'MESSAGE')
            .map((i) => ({ ...structuredClone(i), InitialContactId: ContactId })),
        );
      }
      contacts.set(ContactId, contact);
      if (tokenKey !== undefined) byClientToken.set(tokenKey, ContactId);
      emit(
        contact,
        item(contact, {
          Type: 'EVENT',
          ContentType: CHAT_EVENT.participantJoined,
          ...from(customer),
        }),
        true,
      );
      if (input.InitialMessage) {
        postMessage(
          contact,
          customer,
          input.InitialMessage.ContentType,
          input.InitialMessage.Content,
        );
      }
      return {
        ContactId,
        ParticipantId: customer.ParticipantId,
        ParticipantToken: customer.ParticipantToken,
        ...(source && { ContinuedFromContactId: source.ContactId }),
      };
    },

    has: (contactId) => contacts.has(contactId),

    get(contactId) {
      const contact = contacts.get(contactId);
      return contact ? view(contact) : undefined;
    },

    list: () => [...contacts.values()].map(view),

    ownsToken: (token) => participantTokens.has(token) || connectionTokens.has(token),

    describeContact(instanceId, contactId, region = 'us-east-1') {
      const contact = find(contactId, instanceId);
      return describedContact(
        contact,
        {
          Channel: 'CHAT',
          InitiationMethod: 'API',
          attributes: attributesOf(contact),
          previousContactId: contact.ContinuedFromContactId,
        },
        { region, accountId, agentUserId },
      );
    },

    contactAttributes: (instanceId, contactId) => attributesOf(find(contactId, instanceId)),

    createParticipantConnection(participantToken, want) {
      const owner = participantTokens.get(participantToken);
      const contact = owner ? contacts.get(owner.contactId) : undefined;
      if (!owner || !contact || !isActive(contact)) {
        throw new ContactStoreError('InvalidToken', 'The ParticipantToken is not valid.');
      }
      const party = participantOf(contact, owner.participantId);
      const out: ChatConnection = {};
      if (want.websocket) {
        const token = randomToken();
        const expiresAt = now() + WEBSOCKET_URL_TTL_MS;
        websocketTokens.set(token, { ...owner, expiresAt });
        out.Websocket = { Url: websocketUrl(token), ConnectionExpiry: iso(expiresAt) };
      }
      if (want.credentials) {
        const ConnectionToken = randomToken();
        const expiresAt = now() + CHAT_CONNECTION_TOKEN_TTL_MS;
        connectionTokens.set(ConnectionToken, { ...owner, expiresAt });
        out.ConnectionCredentials = { ConnectionToken, Expiry: iso(expiresAt) };
      }
      if (want.connectParticipant) acknowledge(contact, party);
      return out;
    },

    sendMessage(connectionToken, contentType, content, clientToken) {
      const { contact, party } = activeFor(connectionToken);
      const previous =
        clientToken === undefined ? undefined : contact.messageTokens.get(clientToken);
      if (previous) return { Id: previous.Id, AbsoluteTime: previous.AbsoluteTime };
      const message = postMessage(contact, party, contentType, content);
      if (clientToken !== undefined) contact.messageTokens.set(clientToken, message);
      return { Id: message.Id, AbsoluteTime: message.AbsoluteTime };
    },

    sendEvent(connectionToken, contentType, content) {
      const { contact, party } = activeFor(connectionToken);
      const sent = postEvent(contact, party, contentType, content);
      return { Id: sent.Id, AbsoluteTime: sent.AbsoluteTime };
    },

    getTranscript(connectionToken, request) {
      const { contact } = connectionFor(connectionToken);
      let target = contact;
      if (request.ContactId !== undefined && request.ContactId !== contact.ContactId) {
        // Only the chats this one continues are readable through its connection.
        let previous = contact.ContinuedFromContactId;
        while (previous !== undefined && previous !== request.ContactId) {
          previous = contacts.get(previous)?.ContinuedFromContactId;
        }
        if (previous === undefined) {
          throw new ContactStoreError(
            'NotFound',
            `ContactId ${request.ContactId} is not this chat nor one it continues.`,
          );
        }
        target = find(previous);
      }
      return { InitialContactId: target.ContactId, ...transcriptPage(target.items, request) };
    },

    disconnectParticipant(connectionToken) {
      const { contact, party } = connectionFor(connectionToken);
      end(
        contact,
        party.role === 'CUSTOMER' ? DISCONNECT_REASONS.customerLeft : DISCONNECT_REASONS.agentLeft,
        party,
      );
    },

    websocketOwner(token) {
      const owner = websocketTokens.get(token);
      if (!owner || owner.expiresAt <= now()) return undefined;
      const contact = contacts.get(owner.contactId);
      if (!contact || !isActive(contact)) return undefined;
      return { contactId: owner.contactId, participantId: owner.participantId };
    },

    listen(contactId, listener) {
      const contact = find(contactId);
      contact.listeners.add(listener);
      return () => contact.listeners.delete(listener);
    },

    subscribed(contactId, participantId) {
      const contact = find(contactId);
      if (isActive(contact)) acknowledge(contact, participantOf(contact, participantId));
    },

    accept(contactId) {
      const contact = find(contactId);
      if (!isActive(contact)) {
        throw new ContactStoreError('NotActive', `ContactId ${contactId} has already ended.`);
      }
      if (!contact.agent && !contact.queue) {
        throw notQueuedYet(
          contactId,
          contact.flowName,
          contact.run,
          'the customer has not connected',
        );
      }
      if (!contact.agent) {
        contact.run?.stop();
        const agent = newParticipant(contact, 'AGENT', AGENT_DISPLAY_NAME);
        contact.agent = agent;
        contact.state = 'CONNECTED';
        contact.connectedAt = now();
        emit(
          contact,
          item(contact, {
            Type: 'EVENT',
            ContentType: CHAT_EVENT.participantJoined,
            ...from(agent),
          }),
          true,
        );
      }
      return view(contact);
    },

    agentMessage(contactId, contentType, content) {
      const { contact, agent } = agentOf(contactId);
      return postMessage(contact, agent, contentType, content);
    },

    agentEvent(contactId, contentType, content) {
      const { contact, agent } = agentOf(contactId);
      postEvent(contact, agent, contentType, content);
    },

    endContact(contactId, reason, instanceId) {
      const contact = find(contactId, instanceId);
      if (!isActive(contact)) {
        throw new ContactStoreError('NotActive', `ContactId ${contactId} has already ended.`);
      }
      end(contact, reason, reason === DISCONNECT_REASONS.agentLeft ? contact.agent : undefined);
      return view(contact);
    },

    activeChatCount,

    dispose() {
      for (const contact of contacts.values()) {
        clearTimeout(contact.expiryTimer);
        contact.run?.stop();
        contact.listeners.clear();
      }
    },
  };
}

interface PageToken {
  /** Index of the next item to return, in the transcript's oldest-first order. */
  at: number;
  direction: 'FORWARD' | 'BACKWARD';
  count: number;
}

/**
 * One page of a transcript, as GetTranscript answers. The service documents the parameters but
 * not every corner; what the emulator does (server/emulator/README.md, "Chat"): the start position
 * is included; BACKWARD reads from it towards older items, FORWARD towards newer ones; SortOrder
 * orders the page only; a NextToken carries on in the same direction and is refused for another
 * transcript length than it was made for only if it points past the end.
 */
export function transcriptPage(
  items: readonly ChatItem[],
  request: TranscriptRequest,
): { Transcript: ChatItem[]; NextToken?: string } {
  const max = request.MaxResults ?? TRANSCRIPT_DEFAULT_MAX_RESULTS;
  let direction = request.ScanDirection ?? 'BACKWARD';
  let start: number;
  if (request.NextToken !== undefined) {
    let token: PageToken;
    try {
      token = JSON.parse(Buffer.from(request.NextToken, 'base64url').toString('utf8')) as PageToken;
    } catch {
      throw new ContactStoreError('InvalidInput', 'NextToken is not valid.');
    }
    if (
      typeof token.at !== 'number' ||
      !Number.isInteger(token.at) ||
      token.at < 0 ||
      token.at >= items.length ||
      (token.direction !== 'FORWARD' && token.direction !== 'BACKWARD')
    ) {
      throw new ContactStoreError('InvalidInput', 'NextToken is not valid.');
    }
    start = token.at;
    direction = token.direction;
  } else {
    const position = request.StartPosition ?? {};
    if (position.Id !== undefined) {
      start = items.findIndex((i) => i.Id === position.Id);
      if (start < 0) {
        throw new ContactStoreError(
          'InvalidInput',
          `StartPosition.Id ${position.Id} is not an item of this transcript.`,
        );
      }
    } else if (position.AbsoluteTime !== undefined) {
      const time = Date.parse(position.AbsoluteTime);
      if (Number.isNaN(time)) {
        throw new ContactStoreError(
          'InvalidInput',
          'StartPosition.AbsoluteTime must be an ISO 8601 time.',
        );
      }
      if (direction === 'FORWARD') {
        start = items.findIndex((i) => Date.parse(i.AbsoluteTime) >= time);
        if (start < 0) start = items.length;
      } else {
        start = items.length - 1;
        while (start >= 0 && Date.parse((items[start] as ChatItem).AbsoluteTime) > time) start--;
      }
    } else if (position.MostRecent !== undefined) {
      start = Math.max(0, items.length - 1 - position.MostRecent);
    } else {
      start = direction === 'FORWARD' ? 0 : items.length - 1;
    }
  }
  let page: ChatItem[];
  let next: number;
  if (direction === 'FORWARD') {
    page = items.slice(start, start + max);
    next = start + max;
  } else {
    page = items.slice(Math.max(0, start - max + 1), start + 1);
    next = start - max;
  }
  const sorted = structuredClone(page);
  if (request.SortOrder === 'DESCENDING') sorted.reverse();
  const more = max > 0 && next >= 0 && next < items.length;
  return {
    Transcript: sorted,
    ...(more && {
      NextToken: Buffer.from(
        JSON.stringify({ at: next, direction, count: items.length } satisfies PageToken),
      ).toString('base64url'),
    }),
  };
}
