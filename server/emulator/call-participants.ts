import type { ContactState, ContactView, ParticipantCapabilities } from './contact-store.js';
import type { MeetingStats } from './media/media-plane.js';

/** One person in a contact's web call, as the agent console lists them. */
export interface CallParticipant {
  ParticipantId: string;
  /** An added participant's contact of its own; the first contact for its customer and agent. */
  ContactId: string;
  AttendeeId: string;
  DisplayName: string;
  ParticipantRole: 'CUSTOMER' | 'AGENT';
  /** `customer`: who called; `agent`: who accepted; `added`: added with CreateParticipant. */
  kind: 'customer' | 'agent' | 'added';
  capabilities: ParticipantCapabilities;
  /** The state of the participant's contact: INITIATED until an added one first joins. */
  state: ContactState;
  /** Whether the media plane has the attendee in the meeting now (presence, as the SDK sees it). */
  present: boolean;
  /** The attendee's microphone, known only while present. */
  muted: boolean | null;
}

/** The agent has no name in the emulator: Connect's agent would be a user of the instance. */
export const AGENT_DISPLAY_NAME = 'Agent';

/**
 * Everyone in a contact's call, in the order they came: the customer, the agent once accepted,
 * then each added participant. Presence comes from the media plane's roster, so a participant
 * whose page is gone shows as absent before Connect counts it as disconnected (60 s later).
 */
export function callParticipants(
  contact: ContactView,
  stats: MeetingStats | undefined,
): CallParticipant[] {
  const roster = new Map(stats?.attendees.map((attendee) => [attendee.attendeeId, attendee]));
  const presence = (attendeeId: string) => {
    const attendee = roster.get(attendeeId);
    const present = attendee?.present === true;
    return { present, muted: present ? (attendee?.muted ?? null) : null };
  };
  const participants: CallParticipant[] = [
    {
      ParticipantId: contact.customer.ParticipantId,
      ContactId: contact.ContactId,
      AttendeeId: contact.customer.AttendeeId,
      DisplayName: contact.DisplayName,
      ParticipantRole: 'CUSTOMER',
      kind: 'customer',
      capabilities: { ...contact.AllowedCapabilities.Customer },
      state: contact.state,
      ...presence(contact.customer.AttendeeId),
    },
  ];
  if (contact.agent) {
    participants.push({
      ParticipantId: contact.agent.ParticipantId,
      ContactId: contact.ContactId,
      AttendeeId: contact.agent.AttendeeId,
      DisplayName: AGENT_DISPLAY_NAME,
      ParticipantRole: 'AGENT',
      kind: 'agent',
      capabilities: { ...contact.AllowedCapabilities.Agent },
      state: contact.state,
      ...presence(contact.agent.AttendeeId),
    });
  }
  for (const added of contact.added) {
    participants.push({
      ParticipantId: added.ParticipantId,
      ContactId: added.ContactId,
      AttendeeId: added.AttendeeId,
      DisplayName: added.DisplayName,
      ParticipantRole: added.ParticipantRole,
      kind: 'added',
      capabilities: { ...added.ParticipantCapabilities },
      state: added.state,
      ...presence(added.AttendeeId),
    });
  }
  return participants;
}
