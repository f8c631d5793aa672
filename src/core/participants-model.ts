/*
 * Everyone else in the call, as the meeting reports them: Connect calls carry up to six people (the
 * agent, the first customer and up to four guests or agents, connect-webrtc.md "Multi-user
 * calls"). The media adapter feeds it realtime presence, the volume indicators and the SDK's active
 * speaker detector; the UI lays out one tile per person and reads out who came and went.
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals-core';
import { isAgentExternalUserId } from './is-agent-external-user-id';

export interface RemoteParticipant {
  attendeeId: string;
  role: 'agent' | 'participant';
  /** 1-based within the role, in order of arrival: "Agent", "Participant 2"… */
  number: number;
  muted: boolean;
  /** Speaking now, as the SDK's active speaker detector ranks it. */
  speaking: boolean;
}

/** A join or a leave, for screen readers. `id` grows so that the same text is read again. */
export interface ParticipantChange {
  id: number;
  kind: 'joined' | 'left';
  participant: RemoteParticipant;
}

export interface ParticipantsModel {
  /** Present now, in order of arrival. */
  readonly participants: ReadonlySignal<RemoteParticipant[]>;
  /** The most recent join or leave of someone other than the agent's first arrival. */
  readonly lastChange: ReadonlySignal<ParticipantChange | undefined>;
  /** How many are in the call, the customer included. */
  readonly count: ReadonlySignal<number>;
  /**
   * Realtime presence. The customer's own attendee and content shares (`<id>#content`) are not
   * people and are ignored.
   */
  presence(attendeeId: string, externalUserId: string, present: boolean): void;
  muted(attendeeId: string, muted: boolean): void;
  /** The SDK's active speaker detector: attendee ids, most active first (may be empty). */
  activeSpeakers(attendeeIds: string[]): void;
  /** A new call: nobody is here yet. */
  clear(): void;
}

export function createParticipantsModel(ownAttendeeId: () => string): ParticipantsModel {
  const participants = signal<RemoteParticipant[]>([]);
  const lastChange = signal<ParticipantChange | undefined>(undefined);
  let changes = 0;
  // Numbers are not reused within a call: "Participant 2" who leaves and rejoins stays 2.
  const numbers = new Map<string, number>();
  const counters = { agent: 0, participant: 0 };
  let speaking = new Set<string>();
  // The agent's arrival is already told by the call's own state (waiting → in call).
  let firstAgentTold = false;

  // The SDK reports volume and mute several times a second for everyone: a new list (and so a
  // render of every tile) only when something a tile shows has changed.
  const replaceIfChanged = (next: RemoteParticipant[]) => {
    const current = participants.peek();
    if (next.some((p, i) => p !== current[i])) participants.value = next;
  };
  const update = (attendeeId: string, change: (p: RemoteParticipant) => RemoteParticipant) => {
    replaceIfChanged(participants.peek().map((p) => (p.attendeeId === attendeeId ? change(p) : p)));
  };

  return {
    participants,
    lastChange,
    count: computed(() => participants.value.length + 1),
    presence(attendeeId, externalUserId, present) {
      if (attendeeId === ownAttendeeId() || attendeeId.includes('#')) return;
      const current = participants.peek();
      const existing = current.find((p) => p.attendeeId === attendeeId);
      if (present === !!existing) return;
      batch(() => {
        if (existing) {
          participants.value = current.filter((p) => p !== existing);
          lastChange.value = { id: ++changes, kind: 'left', participant: existing };
          return;
        }
        const role = isAgentExternalUserId(externalUserId) ? 'agent' : 'participant';
        let number = numbers.get(attendeeId);
        if (number === undefined) {
          number = ++counters[role];
          numbers.set(attendeeId, number);
        }
        const joined: RemoteParticipant = {
          attendeeId,
          role,
          number,
          muted: false,
          speaking: speaking.has(attendeeId),
        };
        participants.value = [...current, joined];
        if (role === 'agent' && !firstAgentTold) {
          firstAgentTold = true;
          return;
        }
        lastChange.value = { id: ++changes, kind: 'joined', participant: joined };
      });
    },
    muted(attendeeId, muted) {
      update(attendeeId, (p) => (p.muted === muted ? p : { ...p, muted }));
    },
    activeSpeakers(attendeeIds) {
      // The detector ranks everyone who spoke recently; the first is the one speaking now.
      speaking = new Set(attendeeIds.slice(0, 1));
      replaceIfChanged(
        participants.peek().map((p) => {
          const now = speaking.has(p.attendeeId);
          return p.speaking === now ? p : { ...p, speaking: now };
        }),
      );
    },
    clear() {
      batch(() => {
        participants.value = [];
        lastChange.value = undefined;
      });
      numbers.clear();
      counters.agent = counters.participant = 0;
      speaking = new Set();
      firstAgentTold = false;
    },
  };
}
