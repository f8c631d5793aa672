import { randomUUID } from 'node:crypto';
import type {
  AttendeeDetails,
  AttendeeLeftReason,
  MediaPlane,
  MeetingDetails,
} from './media/media-plane.js';
import {
  countActive,
  describedContact,
  findContact,
  flowAndQueueView,
  notQueuedYet,
  startContactFlow,
} from './contact-timeline.js';
import { randomToken } from './random-token.js';
import type { FlowCatalog } from './flow/flow-catalog.js';
import { FlowRun, type FlowPhase, type FlowStep } from './flow/flow-runner.js';
import {
  validateStartWebRTCContactInput,
  type ReferenceType,
} from '../shared/start-webrtc-contact-limits.js';

export type ContactState = 'INITIATED' | 'CONNECTED' | 'DISCONNECTED';
export type ParticipantRole = 'customer' | 'agent';

export interface ParticipantCapabilities {
  Video?: 'SEND';
  ScreenShare?: 'SEND';
}

export interface AllowedCapabilities {
  Customer?: ParticipantCapabilities;
  Agent?: ParticipantCapabilities;
}

/** The StartWebRTCContact request body, once `validateStartWebRTCContactInput` accepted it. */
export interface StartWebRTCContactInput {
  InstanceId: string;
  ContactFlowId: string;
  ParticipantDetails: { DisplayName: string };
  Attributes?: Record<string, string>;
  References?: Record<string, { Type: ReferenceType; Value?: string }>;
  Description?: string;
  RelatedContactId?: string;
  ClientToken?: string;
  AllowedCapabilities?: AllowedCapabilities;
}

/** A participant CreateParticipant adds to a web call, once the Connect API checked the request. */
export interface CreateParticipantInput {
  InstanceId: string;
  ContactId: string;
  ClientToken?: string;
  ParticipantDetails: {
    DisplayName: string;
    ParticipantRole: 'CUSTOMER' | 'AGENT';
    ParticipantCapabilities: ParticipantCapabilities;
  };
}

/** What CreateParticipant answers. */
export interface CreatedParticipant {
  ParticipantId: string;
  ParticipantCredentials: { ParticipantToken: string; Expiry: string };
}

/** The Participant Service's `WebRTCConnection`: the meeting and this participant's attendee. */
export interface WebRTCConnection {
  Attendee: AttendeeDetails;
  /** The service model's WebRTCMeeting: no MediaRegion, no TurnControlUrl. */
  Meeting: Omit<MeetingDetails, 'MediaRegion' | 'MediaPlacement'> & {
    MediaPlacement: Omit<MeetingDetails['MediaPlacement'], 'TurnControlUrl'>;
  };
}

/** What StartWebRTCContact answers, and what the agent gets on accept (same shape). */
export interface ParticipantConnection {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
  ConnectionData: { Attendee: AttendeeDetails; Meeting: MeetingDetails };
}

export interface ContactMessage {
  /** Unique per message, as the Participant service's `SendMessage` answers it. */
  Id: string;
  participant: ParticipantRole;
  ContentType: string;
  Content: string;
  /** ISO 8601 time the emulator received it. */
  at: string;
}

export interface ParticipantView {
  ParticipantId: string;
  AttendeeId: string;
  ExternalUserId: string;
}

/** A participant CreateParticipant added, with the contact of its own that Connect links to the first. */
export interface AddedParticipantView extends ParticipantView {
  ContactId: string;
  DisplayName: string;
  ParticipantRole: 'CUSTOMER' | 'AGENT';
  ParticipantCapabilities: ParticipantCapabilities;
  state: ContactState;
}

/** Where the contact stands in its flow, as the agent console shows it. */
export interface FlowView {
  name: string;
  /** `waiting`: the customer has not joined the meeting yet, so the flow has not started. */
  phase: FlowPhase | 'waiting';
  /** The block it is in now (none once queued or ended). */
  block: string | null;
  /** The blocks it went through, with what happened in each (the digit pressed...). */
  path: FlowStep[];
}

export interface QueueView {
  Id: string;
  Name: string;
  enqueuedAt: string;
}

/** A contact as the admin routes and the agent console see it: no bearer secrets. */
export interface ContactView {
  ContactId: string;
  InstanceId: string;
  ContactFlowId: string;
  state: ContactState;
  DisplayName: string;
  /** The attributes StartWebRTCContact gave, updated by the flow's Set contact attributes. */
  Attributes: Record<string, string>;
  References: Record<string, { Type: ReferenceType; Value?: string }>;
  Description: string | null;
  flow: FlowView;
  /** The queue the flow transferred it to; agents may accept it from then on. */
  queue: QueueView | null;
  RelatedContactId: string | null;
  AllowedCapabilities: AllowedCapabilities;
  screenSharingActive: boolean;
  messages: ContactMessage[];
  initiatedAt: string;
  connectedAt: string | null;
  disconnectedAt: string | null;
  disconnectReason: string | null;
  meetingId: string;
  customer: ParticipantView;
  agent: ParticipantView | null;
  /** Everyone CreateParticipant added, in the order they were added. */
  added: AddedParticipantView[];
}

/** The SDK's `Contact` shape (DescribeContact), timestamps as epoch seconds as REST-JSON sends them. */
export interface DescribedContact {
  Id: string;
  Arn: string;
  InitialContactId: string;
  PreviousContactId?: string;
  RelatedContactId?: string;
  /** VOICE for a web call and its added participants, CHAT for a chat (chat/chat-store.ts). */
  Channel: 'VOICE' | 'CHAT';
  InitiationMethod: 'WEBRTC_API' | 'API';
  Description?: string;
  InitiationTimestamp: number;
  LastUpdateTimestamp: number;
  ConnectedToSystemTimestamp: number;
  DisconnectTimestamp?: number;
  DisconnectReason?: string;
  AgentInfo?: { Id: string; ConnectedToAgentTimestamp: number };
  QueueInfo?: { Id: string; EnqueueTimestamp: number };
  Attributes: Record<string, string>;
}

/**
 * Why an operation on the store failed, independent of the wire protocol: the Connect, Participant
 * and admin routes each map a kind to their own error.
 */
export type ContactStoreErrorKind =
  | 'InvalidInput'
  | 'NotFound'
  | 'NotActive'
  | 'LimitExceeded'
  | 'NotAllowed'
  | 'InvalidToken'
  | 'Conflict'
  | 'MediaPlaneFailure';

export class ContactStoreError extends Error {
  constructor(
    readonly kind: ContactStoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ContactStoreError';
  }
}

/**
 * The `DisconnectReason` codes the emulator sets, in one place because the service's exact choice
 * for WebRTC contacts is inferred from the other channels.
 */
export const DISCONNECT_REASONS = {
  customerLeft: 'CUSTOMER_DISCONNECT',
  agentLeft: 'AGENT_DISCONNECT',
  customerNetwork: 'TELECOM_PROBLEM',
  agentNetwork: 'AGENT_NETWORK_DISCONNECT',
  system: 'CONTACT_FLOW_DISCONNECT',
  stopContactApi: 'API',
} as const;

export const SCREEN_SHARING_TOPIC = 'AMAZON_CONNECT_SCREEN_SHARING';
export const SCREEN_SHARING_STARTED = JSON.stringify({ message: 'ScreenSharingStarted' });
export const SCREEN_SHARING_STOPPED = JSON.stringify({ message: 'ScreenSharingStopped' });
/**
 * Connect's screen-sharing messages are kept for late joiners: a customer who reloads or whose SDK
 * reconnects learns the contact's screen-sharing state again (and may see a message twice). The
 * lifetime Connect uses is not documented: inferred as the most the data-message API allows.
 */
export const SCREEN_SHARING_MESSAGE_LIFETIME_MS = 5 * 60_000;

/** How long a ConnectionToken from CreateParticipantConnection stays valid. */
export const CONNECTION_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** How long an added participant's ParticipantToken is good for (CreateParticipant `Expiry`). */
export const PARTICIPANT_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
export const MESSAGE_CONTENT_MAX_LENGTH = 16_384;
const DTMF_PATTERN = /^[0-9*#,]+$/;

/** The Chime external user id of each party; the widget detects the agent by the `agent` suffix. */
export const externalUserIdFor = (role: ParticipantRole, participantId: string): string =>
  `${participantId}-${role}`;

export interface ContactStoreOptions {
  mediaPlane: MediaPlane;
  /** The flows contacts run once their customer joins. */
  flows: FlowCatalog;
  /** Active (INITIATED or CONNECTED) contacts allowed per instance at once. */
  maxConcurrentContacts: number;
  now?: () => number;
  /** Account id in ARNs. */
  accountId?: string;
}

export interface ContactStore {
  /** Starts a contact, or returns the one already started with the same ClientToken. */
  startWebRTCContact(input: unknown): ParticipantConnection;
  get(contactId: string): ContactView | undefined;
  list(): ContactView[];
  describeContact(instanceId: string, contactId: string, region?: string): DescribedContact;
  /** GetContactAttributes: the contact's attributes, the flow's included. */
  contactAttributes(instanceId: string, contactId: string): Record<string, string>;
  /**
   * The agent joins; accepting again returns the same agent connection. Refused (Conflict) while
   * the contact is still in its flow: only a queued contact reaches an agent.
   */
  acceptContact(contactId: string): ParticipantConnection & {
    AllowedCapabilities: AllowedCapabilities;
  };
  endContact(contactId: string, reason: string, instanceId?: string): ContactView;
  /**
   * CreateParticipant: one more user or agent for a connected web call. Refused (NotActive) before
   * the first customer is connected to an agent, as Connect answers Bad Request then; the same
   * ClientToken returns the participant it already added.
   */
  createParticipant(input: CreateParticipantInput): CreatedParticipant;
  startScreenSharing(instanceId: string, contactId: string, clientToken?: string): ContactView;
  stopScreenSharing(contactId: string): ContactView;
  /**
   * The Participant Service's CreateParticipantConnection: connection credentials (SendMessage,
   * DisconnectParticipant) and, for `WEBRTC_CONNECTION`, the meeting and attendee to join with.
   */
  createParticipantConnection(
    participantToken: string,
    want: { credentials: boolean; webRTC: boolean },
  ): {
    ConnectionCredentials?: { ConnectionToken: string; Expiry: string };
    WebRTCConnection?: WebRTCConnection;
  };
  sendMessage(
    connectionToken: string,
    contentType: unknown,
    content: unknown,
    clientToken?: string,
  ): { Id: string; AbsoluteTime: string };
  disconnectParticipant(connectionToken: string): void;
  /** The meeting and attendee of one party of an active contact, for the fault switches. */
  attendeeOf(contactId: string, role: ParticipantRole): { meetingId: string; attendeeId: string };
  activeContactCount(instanceId?: string): number;
  /** Stops listening to the media plane. */
  dispose(): void;
}

interface Participant {
  role: ParticipantRole;
  ParticipantId: string;
  ParticipantToken: string;
  attendee: AttendeeDetails;
  externalUserId: string;
}

/** A participant CreateParticipant added, and the state of the contact of its own. */
interface AddedParticipant extends Participant {
  ContactId: string;
  DisplayName: string;
  ParticipantRole: 'CUSTOMER' | 'AGENT';
  capabilities: ParticipantCapabilities;
  state: ContactState;
  initiatedAt: number;
  connectedAt?: number;
  disconnectedAt?: number;
  disconnectReason?: string;
  tokenExpiresAt: number;
}

interface ContactRecord {
  ContactId: string;
  input: StartWebRTCContactInput;
  state: ContactState;
  meeting: MeetingDetails;
  customer: Participant;
  agent?: Participant;
  added: AddedParticipant[];
  /** CreateParticipant's ClientTokens, for idempotent retries. */
  addedByClientToken: Map<string, AddedParticipant>;
  screenSharingActive: boolean;
  screenSharingTokens: Set<string>;
  messages: ContactMessage[];
  messageTokens: Map<string, ContactMessage>;
  flowName: string;
  run?: FlowRun;
  flowAttributes: Record<string, string>;
  queue?: { Id: string; Name: string; enqueuedAt: number };
  initiatedAt: number;
  connectedAt?: number;
  disconnectedAt?: number;
  disconnectReason?: string;
}

const createdParticipantOf = (party: AddedParticipant): CreatedParticipant => ({
  ParticipantId: party.ParticipantId,
  ParticipantCredentials: {
    ParticipantToken: party.ParticipantToken,
    Expiry: new Date(party.tokenExpiresAt).toISOString(),
  },
});

const iso = (ms: number | undefined): string | null =>
  ms === undefined ? null : new Date(ms).toISOString();
const epochSeconds = (ms: number): number => ms / 1000;

export function createContactStore(options: ContactStoreOptions): ContactStore {
  const { mediaPlane, maxConcurrentContacts, flows } = options;
  const now = options.now ?? Date.now;
  const accountId = options.accountId ?? '000000000000';
  // The one emulated agent: DescribeContact reports it as AgentInfo.Id.
  const agentUserId = randomUUID();

  const contacts = new Map<string, ContactRecord>();
  const byClientToken = new Map<string, string>();
  const byMeeting = new Map<string, string>();
  /** Each ParticipantToken: the (first) contact, the party, and the added participant if it is one. */
  const participantTokens = new Map<
    string,
    { contactId: string; role: ParticipantRole; party: Participant; added?: AddedParticipant }
  >();
  const connectionTokens = new Map<
    string,
    { contactId: string; role: ParticipantRole; added?: AddedParticipant; expiresAt: number }
  >();
  /** Added participants by the ContactId of their own contact. */
  const addedContacts = new Map<string, { first: ContactRecord; party: AddedParticipant }>();

  const isActive = (contact: ContactRecord) => contact.state !== 'DISCONNECTED';

  const find = (contactId: string, instanceId?: string): ContactRecord =>
    findContact(contacts, contactId, instanceId);

  const findActive = (contactId: string, instanceId?: string): ContactRecord => {
    const contact = find(contactId, instanceId);
    if (!isActive(contact)) {
      throw new ContactStoreError('NotActive', `ContactId ${contactId} has already ended.`);
    }
    return contact;
  };

  const connectionOf = (contact: ContactRecord, party: Participant): ParticipantConnection => ({
    ContactId: contact.ContactId,
    ParticipantId: party.ParticipantId,
    ParticipantToken: party.ParticipantToken,
    ConnectionData: { Attendee: { ...party.attendee }, Meeting: structuredClone(contact.meeting) },
  });

  const participantView = (party: Participant): ParticipantView => ({
    ParticipantId: party.ParticipantId,
    AttendeeId: party.attendee.AttendeeId,
    ExternalUserId: party.externalUserId,
  });

  const attributesOf = (contact: ContactRecord) => ({
    ...contact.input.Attributes,
    ...contact.flowAttributes,
  });

  const view = (contact: ContactRecord): ContactView => ({
    ContactId: contact.ContactId,
    InstanceId: contact.input.InstanceId,
    ContactFlowId: contact.input.ContactFlowId,
    state: contact.state,
    DisplayName: contact.input.ParticipantDetails.DisplayName,
    Attributes: attributesOf(contact),
    References: structuredClone(contact.input.References ?? {}),
    Description: contact.input.Description ?? null,
    ...flowAndQueueView(contact),
    RelatedContactId: contact.input.RelatedContactId ?? null,
    AllowedCapabilities: structuredClone(contact.input.AllowedCapabilities ?? {}),
    screenSharingActive: contact.screenSharingActive,
    messages: contact.messages.map((message) => ({ ...message })),
    initiatedAt: iso(contact.initiatedAt) as string,
    connectedAt: iso(contact.connectedAt),
    disconnectedAt: iso(contact.disconnectedAt),
    disconnectReason: contact.disconnectReason ?? null,
    meetingId: contact.meeting.MeetingId,
    customer: participantView(contact.customer),
    agent: contact.agent ? participantView(contact.agent) : null,
    added: contact.added.map((party) => ({
      ...participantView(party),
      ContactId: party.ContactId,
      DisplayName: party.DisplayName,
      ParticipantRole: party.ParticipantRole,
      ParticipantCapabilities: { ...party.capabilities },
      state: party.state,
    })),
  });

  const disconnectAdded = (party: AddedParticipant, reason: string): void => {
    if (party.state === 'DISCONNECTED') return;
    party.state = 'DISCONNECTED';
    party.disconnectedAt = now();
    party.disconnectReason = reason;
  };

  const newParticipant = (meetingId: string, role: ParticipantRole): Participant => {
    const ParticipantId = randomUUID();
    const externalUserId = externalUserIdFor(role, ParticipantId);
    return {
      role,
      ParticipantId,
      ParticipantToken: randomToken(),
      attendee: mediaPlane.createAttendee(meetingId, externalUserId),
      externalUserId,
    };
  };

  const end = (contact: ContactRecord, reason: string): void => {
    if (!isActive(contact)) return;
    // State first: ending the meeting makes the media plane report everyone as gone, and those
    // events must find the contact already ended rather than end it a second time.
    contact.state = 'DISCONNECTED';
    contact.disconnectedAt = now();
    contact.disconnectReason = reason;
    contact.screenSharingActive = false;
    for (const party of contact.added) disconnectAdded(party, reason);
    // Hanging up in the flow ends it: no prompt plays on, no timer fires later.
    contact.run?.stop();
    try {
      mediaPlane.endMeeting(contact.meeting.MeetingId);
    } catch (error) {
      console.error('Ending the meeting of a contact failed: %s', (error as Error)?.message);
    }
  };

  const onAttendeeLeft = (
    meetingId: string,
    attendee: { attendeeId: string },
    reason: AttendeeLeftReason,
  ): void => {
    const contactId = byMeeting.get(meetingId);
    const contact = contactId === undefined ? undefined : contacts.get(contactId);
    if (!contact || !isActive(contact)) return;
    // An added participant leaving ends its own contact, never the call.
    const added = contact.added.find((party) => party.attendee.AttendeeId === attendee.attendeeId);
    if (added) {
      if (reason === 'left') disconnectAdded(added, DISCONNECT_REASONS.customerLeft);
      else if (reason === 'disconnected')
        disconnectAdded(added, DISCONNECT_REASONS.customerNetwork);
      return;
    }
    // A `<AttendeeId>#content` share session leaving is not the party leaving, so match exactly.
    const role =
      contact.customer.attendee.AttendeeId === attendee.attendeeId
        ? 'customer'
        : contact.agent?.attendee.AttendeeId === attendee.attendeeId
          ? 'agent'
          : undefined;
    if (!role) return;
    if (reason === 'left') {
      end(
        contact,
        role === 'customer' ? DISCONNECT_REASONS.customerLeft : DISCONNECT_REASONS.agentLeft,
      );
    } else if (reason === 'disconnected') {
      end(
        contact,
        role === 'customer' ? DISCONNECT_REASONS.customerNetwork : DISCONNECT_REASONS.agentNetwork,
      );
    }
  };
  /**
   * The customer is in the meeting: the contact's flow starts now (the administrator guide's
   * order: join first, then the flow), heard by the customer alone.
   */
  const startFlow = (contact: ContactRecord): void => {
    if (contact.run || !isActive(contact) || contact.agent) return;
    startContactFlow(
      contact,
      flows,
      {
        audio: mediaPlane.createAudioPlayer(
          contact.meeting.MeetingId,
          contact.customer.attendee.AttendeeId,
        ),
      },
      { now, end: () => end(contact, DISCONNECT_REASONS.system) },
    );
  };

  const onAttendeeJoined = (meetingId: string, attendee: { attendeeId: string }): void => {
    const contactId = byMeeting.get(meetingId);
    const contact = contactId === undefined ? undefined : contacts.get(contactId);
    if (contact?.customer.attendee.AttendeeId === attendee.attendeeId) startFlow(contact);
    const added = contact?.added.find((party) => party.attendee.AttendeeId === attendee.attendeeId);
    if (added && added.state === 'INITIATED') {
      added.state = 'CONNECTED';
      added.connectedAt = now();
    }
  };

  const unsubscribers = [
    mediaPlane.on('attendeeLeft', (meetingId, attendee, reason) => {
      try {
        onAttendeeLeft(meetingId, attendee, reason);
      } catch (error) {
        console.error('Handling attendeeLeft failed: %s', (error as Error)?.message);
      }
    }),
    mediaPlane.on('attendeeJoined', (meetingId, attendee) => {
      try {
        onAttendeeJoined(meetingId, attendee);
      } catch (error) {
        console.error('Handling attendeeJoined failed: %s', (error as Error)?.message);
      }
    }),
  ];

  const activeContactCount = (instanceId?: string): number =>
    countActive(contacts.values(), instanceId);

  /**
   * DescribeContact of an added participant's own contact. Connect documents that each added user
   * has a contact linked to the first; how it reports its initiation is not documented, so this
   * says `API` (server/emulator/README.md, "Multi-user calls").
   */
  const describeAdded = (
    first: ContactRecord,
    party: AddedParticipant,
    region: string,
  ): DescribedContact => ({
    Id: party.ContactId,
    Arn: `arn:aws:connect:${region}:${accountId}:instance/${first.input.InstanceId}/contact/${party.ContactId}`,
    InitialContactId: first.ContactId,
    PreviousContactId: first.ContactId,
    Channel: 'VOICE',
    InitiationMethod: 'API',
    InitiationTimestamp: epochSeconds(party.initiatedAt),
    ConnectedToSystemTimestamp: epochSeconds(party.connectedAt ?? party.initiatedAt),
    LastUpdateTimestamp: epochSeconds(
      party.disconnectedAt ?? party.connectedAt ?? party.initiatedAt,
    ),
    ...(party.disconnectedAt !== undefined && {
      DisconnectTimestamp: epochSeconds(party.disconnectedAt),
    }),
    ...(party.disconnectReason !== undefined && { DisconnectReason: party.disconnectReason }),
    Attributes: attributesOf(first),
  });

  const connectionFor = (connectionToken: string) => {
    const connection = connectionTokens.get(connectionToken);
    if (!connection || connection.expiresAt <= now()) {
      throw new ContactStoreError('InvalidToken', 'The ConnectionToken is not valid.');
    }
    return { connection, contact: find(connection.contactId) };
  };

  return {
    startWebRTCContact(rawInput) {
      const problem = validateStartWebRTCContactInput(rawInput);
      if (problem) throw new ContactStoreError('InvalidInput', problem.message);
      const input = structuredClone(rawInput) as StartWebRTCContactInput;

      const tokenKey =
        input.ClientToken === undefined ? undefined : `${input.InstanceId}\n${input.ClientToken}`;
      const existingId = tokenKey === undefined ? undefined : byClientToken.get(tokenKey);
      if (existingId !== undefined) {
        const existing = contacts.get(existingId) as ContactRecord;
        return connectionOf(existing, existing.customer);
      }

      if (activeContactCount(input.InstanceId) >= maxConcurrentContacts) {
        throw new ContactStoreError(
          'LimitExceeded',
          `The instance already has ${maxConcurrentContacts} active contacts (concurrent active calls quota).`,
        );
      }

      const ContactId = randomUUID();
      let meeting: MeetingDetails;
      try {
        meeting = mediaPlane.createMeeting({ externalMeetingId: ContactId });
      } catch (error) {
        throw new ContactStoreError(
          'MediaPlaneFailure',
          `The media plane could not create a meeting: ${(error as Error)?.message}`,
        );
      }
      let customer: Participant;
      try {
        customer = newParticipant(meeting.MeetingId, 'customer');
      } catch (error) {
        try {
          mediaPlane.endMeeting(meeting.MeetingId);
        } catch {
          // The meeting is unusable either way; the caller gets the first error.
        }
        throw new ContactStoreError(
          'MediaPlaneFailure',
          `The media plane could not create an attendee: ${(error as Error)?.message}`,
        );
      }

      const contact: ContactRecord = {
        ContactId,
        input,
        state: 'INITIATED',
        meeting,
        customer,
        added: [],
        addedByClientToken: new Map(),
        screenSharingActive: false,
        screenSharingTokens: new Set(),
        messages: [],
        messageTokens: new Map(),
        flowName: flows.flowFor(input.ContactFlowId).name,
        flowAttributes: {},
        initiatedAt: now(),
      };
      contacts.set(ContactId, contact);
      byMeeting.set(meeting.MeetingId, ContactId);
      participantTokens.set(customer.ParticipantToken, {
        contactId: ContactId,
        role: 'customer',
        party: customer,
      });
      if (tokenKey !== undefined) byClientToken.set(tokenKey, ContactId);
      return connectionOf(contact, customer);
    },

    get(contactId) {
      const contact = contacts.get(contactId);
      return contact ? view(contact) : undefined;
    },

    list() {
      return [...contacts.values()].map(view);
    },

    describeContact(instanceId, contactId, region = 'us-east-1') {
      const linked = addedContacts.get(contactId);
      if (linked && linked.first.input.InstanceId === instanceId) {
        return describeAdded(linked.first, linked.party, region);
      }
      const contact = find(contactId, instanceId);
      return describedContact(
        contact,
        {
          Channel: 'VOICE',
          InitiationMethod: 'WEBRTC_API',
          attributes: attributesOf(contact),
          description: contact.input.Description,
        },
        { region, accountId, agentUserId },
      );
    },

    contactAttributes(instanceId, contactId) {
      return attributesOf(find(contactId, instanceId));
    },

    acceptContact(contactId) {
      const contact = findActive(contactId);
      if (!contact.agent && !contact.queue) {
        throw notQueuedYet(
          contactId,
          contact.flowName,
          contact.run,
          'the customer has not joined the meeting',
        );
      }
      if (!contact.agent) {
        let agent: Participant;
        try {
          agent = newParticipant(contact.meeting.MeetingId, 'agent');
        } catch (error) {
          throw new ContactStoreError(
            'MediaPlaneFailure',
            `The media plane could not create the agent's attendee: ${(error as Error)?.message}`,
          );
        }
        contact.agent = agent;
        // The queue's music and prompts stop as the agent is connected.
        contact.run?.stop();
        contact.state = 'CONNECTED';
        contact.connectedAt = now();
        participantTokens.set(agent.ParticipantToken, { contactId, role: 'agent', party: agent });
      }
      return {
        ...connectionOf(contact, contact.agent),
        AllowedCapabilities: structuredClone(contact.input.AllowedCapabilities ?? {}),
      };
    },

    createParticipant(input) {
      const contact = find(input.ContactId, input.InstanceId);
      const retried =
        input.ClientToken === undefined
          ? undefined
          : contact.addedByClientToken.get(input.ClientToken);
      if (retried) return createdParticipantOf(retried);
      if (!isActive(contact)) {
        throw new ContactStoreError('NotActive', `ContactId ${input.ContactId} has already ended.`);
      }
      if (contact.state !== 'CONNECTED') {
        throw new ContactStoreError(
          'NotActive',
          `ContactId ${input.ContactId} is not connected to an agent yet: participants can be added once the first customer is connected to the agent.`,
        );
      }
      const { DisplayName, ParticipantRole, ParticipantCapabilities } = input.ParticipantDetails;
      let party: Participant;
      try {
        party = newParticipant(
          contact.meeting.MeetingId,
          ParticipantRole === 'AGENT' ? 'agent' : 'customer',
        );
      } catch (error) {
        throw new ContactStoreError(
          'MediaPlaneFailure',
          `The media plane could not create the participant's attendee: ${(error as Error)?.message}`,
        );
      }
      const added: AddedParticipant = {
        ...party,
        ContactId: randomUUID(),
        DisplayName,
        ParticipantRole,
        capabilities: { ...ParticipantCapabilities },
        state: 'INITIATED',
        initiatedAt: now(),
        tokenExpiresAt: now() + PARTICIPANT_TOKEN_TTL_MS,
      };
      contact.added.push(added);
      if (input.ClientToken !== undefined) contact.addedByClientToken.set(input.ClientToken, added);
      addedContacts.set(added.ContactId, { first: contact, party: added });
      participantTokens.set(added.ParticipantToken, {
        contactId: contact.ContactId,
        role: party.role,
        party: added,
        added,
      });
      return createdParticipantOf(added);
    },

    endContact(contactId, reason, instanceId) {
      const contact = findActive(contactId, instanceId);
      end(contact, reason);
      return view(contact);
    },

    startScreenSharing(instanceId, contactId, clientToken) {
      const contact = find(contactId, instanceId);
      if (clientToken !== undefined && contact.screenSharingTokens.has(clientToken)) {
        return view(contact);
      }
      if (!isActive(contact)) {
        throw new ContactStoreError('NotActive', `ContactId ${contactId} has already ended.`);
      }
      if (contact.input.AllowedCapabilities?.Customer?.ScreenShare !== 'SEND') {
        throw new ContactStoreError(
          'NotAllowed',
          'Screen sharing is not allowed for this contact: AllowedCapabilities.Customer.ScreenShare is not SEND.',
        );
      }
      if (!contact.screenSharingActive) {
        mediaPlane.sendDataMessage(
          contact.meeting.MeetingId,
          SCREEN_SHARING_TOPIC,
          SCREEN_SHARING_STARTED,
          SCREEN_SHARING_MESSAGE_LIFETIME_MS,
        );
        contact.screenSharingActive = true;
      }
      if (clientToken !== undefined) contact.screenSharingTokens.add(clientToken);
      return view(contact);
    },

    stopScreenSharing(contactId) {
      const contact = findActive(contactId);
      if (!contact.screenSharingActive) {
        throw new ContactStoreError('Conflict', 'Screen sharing is not active on this contact.');
      }
      mediaPlane.sendDataMessage(
        contact.meeting.MeetingId,
        SCREEN_SHARING_TOPIC,
        SCREEN_SHARING_STOPPED,
        SCREEN_SHARING_MESSAGE_LIFETIME_MS,
      );
      contact.screenSharingActive = false;
      return view(contact);
    },

    createParticipantConnection(participantToken, want) {
      const owner = participantTokens.get(participantToken);
      const contact = owner ? contacts.get(owner.contactId) : undefined;
      if (!owner || !contact || !isActive(contact)) {
        throw new ContactStoreError('InvalidToken', 'The ParticipantToken is not valid.');
      }
      if (
        owner.added &&
        (owner.added.state === 'DISCONNECTED' || owner.added.tokenExpiresAt <= now())
      ) {
        throw new ContactStoreError('InvalidToken', 'The ParticipantToken is not valid.');
      }
      const out: ReturnType<ContactStore['createParticipantConnection']> = {};
      if (want.credentials) {
        const ConnectionToken = randomToken();
        const expiresAt = now() + CONNECTION_TOKEN_TTL_MS;
        connectionTokens.set(ConnectionToken, {
          contactId: owner.contactId,
          role: owner.role,
          ...(owner.added && { added: owner.added }),
          expiresAt,
        });
        out.ConnectionCredentials = { ConnectionToken, Expiry: new Date(expiresAt).toISOString() };
      }
      if (want.webRTC) {
        // The Participant Service's WebRTCMeeting has neither MediaRegion nor TurnControlUrl
        // (StartWebRTCContact's Meeting has both): a client must do without them.
        const { MediaRegion: _region, ...meeting } = structuredClone(contact.meeting);
        const { TurnControlUrl: _turn, ...placement } = meeting.MediaPlacement;
        out.WebRTCConnection = {
          Attendee: { ...owner.party.attendee },
          Meeting: { ...meeting, MediaPlacement: placement },
        };
      }
      return out;
    },

    sendMessage(connectionToken, contentType, content, clientToken) {
      const { connection, contact } = connectionFor(connectionToken);
      if (!isActive(contact)) {
        throw new ContactStoreError('InvalidToken', 'The contact of this connection has ended.');
      }
      const previous =
        clientToken === undefined ? undefined : contact.messageTokens.get(clientToken);
      if (previous) return { Id: previous.Id, AbsoluteTime: previous.at };
      if (contentType !== 'text/plain' && contentType !== 'audio/dtmf') {
        throw new ContactStoreError(
          'InvalidInput',
          'ContentType must be text/plain or audio/dtmf.',
        );
      }
      if (
        typeof content !== 'string' ||
        content.length < 1 ||
        content.length > MESSAGE_CONTENT_MAX_LENGTH
      ) {
        throw new ContactStoreError(
          'InvalidInput',
          `Content must be 1 to ${MESSAGE_CONTENT_MAX_LENGTH} characters long.`,
        );
      }
      if (contentType === 'audio/dtmf' && !DTMF_PATTERN.test(content)) {
        throw new ContactStoreError(
          'InvalidInput',
          'Content of an audio/dtmf message may contain only the digits 0-9, * , # and commas.',
        );
      }
      const message: ContactMessage = {
        Id: randomUUID(),
        participant: connection.role,
        ContentType: contentType,
        Content: content,
        at: new Date(now()).toISOString(),
      };
      contact.messages.push(message);
      if (clientToken !== undefined) contact.messageTokens.set(clientToken, message);
      // The customer's touch tones drive the flow's menus (the agent's reach nobody's flow).
      if (contentType === 'audio/dtmf' && connection.role === 'customer')
        contact.run?.dtmf(content);
      return { Id: message.Id, AbsoluteTime: message.at };
    },

    disconnectParticipant(connectionToken) {
      const { connection, contact } = connectionFor(connectionToken);
      // An added participant leaves alone: the call goes on for everyone else.
      if (connection.added) {
        disconnectAdded(connection.added, DISCONNECT_REASONS.customerLeft);
        return;
      }
      // The widget both stops its Chime session and calls this; whichever arrives second finds
      // the contact ended and must still succeed.
      end(
        contact,
        connection.role === 'customer'
          ? DISCONNECT_REASONS.customerLeft
          : DISCONNECT_REASONS.agentLeft,
      );
    },

    attendeeOf(contactId, role) {
      const contact = findActive(contactId);
      const party = role === 'customer' ? contact.customer : contact.agent;
      if (!party) {
        throw new ContactStoreError('Conflict', 'The agent has not joined this contact yet.');
      }
      return { meetingId: contact.meeting.MeetingId, attendeeId: party.attendee.AttendeeId };
    },

    activeContactCount,

    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const contact of contacts.values()) contact.run?.stop();
    },
  };
}
