import type { CallParticipant } from '../server/emulator/call-participants';

export type ParticipantStatus = 'in-call' | 'invited' | 'left';

export const STATUS_TEXT: Record<ParticipantStatus, string> = {
  'in-call': 'in the call',
  invited: 'invited',
  left: 'left',
};

export interface ParticipantRow {
  participant: CallParticipant;
  status: ParticipantStatus;
}

/**
 * Where a participant stands. Absent is "invited" only for someone who never was in the call:
 * whoever was seen in it, or whose own contact was connected, and is gone has left (Connect counts
 * a dropped participant as disconnected only 60 s later, the roster at once).
 */
export function participantStatus(
  participant: CallParticipant,
  seenPresent: boolean,
): ParticipantStatus {
  if (participant.present) return 'in-call';
  const wasConnected = participant.kind === 'added' && participant.state === 'CONNECTED';
  if (participant.state === 'DISCONNECTED' || seenPresent || wasConnected) return 'left';
  return 'invited';
}

/**
 * The participant list of the agent's active contact over successive polls: each row's status,
 * and what to announce to a screen reader since the previous poll. The agent using the console is
 * not announced to itself; the first poll of a contact only sets the baseline.
 */
export class ParticipantTracker {
  private contactId: string | undefined;
  private readonly seen = new Set<string>();
  private statuses = new Map<string, ParticipantStatus>();

  update(
    contactId: string,
    participants: readonly CallParticipant[],
  ): { rows: ParticipantRow[]; announcements: string[] } {
    const first = contactId !== this.contactId;
    if (first) {
      this.contactId = contactId;
      this.seen.clear();
      this.statuses = new Map();
    }
    const announcements: string[] = [];
    const rows = participants.map((participant) => {
      const id = participant.ParticipantId;
      const status = participantStatus(participant, this.seen.has(id));
      if (participant.present) this.seen.add(id);
      const before = this.statuses.get(id);
      if (!first && participant.kind !== 'agent' && before !== status) {
        const name = participant.DisplayName || 'A participant';
        if (status === 'in-call') announcements.push(`${name} joined the call.`);
        else if (status === 'left' && before === 'in-call')
          announcements.push(`${name} left the call.`);
        else if (status === 'invited' && before === undefined)
          announcements.push(`${name} was invited.`);
      }
      return { participant, status };
    });
    this.statuses = new Map(rows.map((row) => [row.participant.ParticipantId, row.status]));
    return { rows, announcements };
  }
}
