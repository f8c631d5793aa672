/*
 * Everyone else in the call, as the meeting reports them: Connect calls carry up to six people (the
 * agent, the first customer and up to four guests or agents, connect-webrtc.md "Multi-user
 * calls"). The media adapter feeds it realtime presence and the volume indicators; the UI lays out
 * one tile per person, marks who is speaking and reads out who came and went.
 *
 * Who is speaking is decided here from the volume indicators, not by the SDK's active speaker
 * detector: subscribing to that detector also makes the SDK re-apply the camera's encoding
 * parameters (RTCRtpSender getParameters/setParameters) on every volume report
 * (DefaultAudioVideoController.handleHasBandwidthPriority), measured at about 150 ms of main thread
 * per second in a six-party call (`npm run bench`, six).
 */
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals-core';
import { isAgentExternalUserId } from './is-agent-external-user-id';

export interface RemoteParticipant {
  attendeeId: string;
  role: 'agent' | 'participant';
  /** 1-based within the role, in order of arrival: "Agent", "Participant 2"… */
  number: number;
  muted: boolean;
}

/** A join or a leave, for screen readers. `id` grows so that the same text is read again. */
export interface ParticipantChange {
  id: number;
  kind: 'joined' | 'left';
  participant: RemoteParticipant;
}

export interface ParticipantsModel {
  /** Present now, in order of arrival. Replaced only on a join, a leave or a mute change. */
  readonly participants: ReadonlySignal<RemoteParticipant[]>;
  /**
   * The attendee speaking now, if anyone. A signal of its own: the speaker changes several times a
   * second in a lively call, and only the mark on two tiles needs to follow it, not the list.
   */
  readonly speaker: ReadonlySignal<string | undefined>;
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
  /** A volume indicator report: `volume` 0 to 1 (null when unknown). */
  volume(attendeeId: string, volume: number | null): void;
  /** A new call: nobody is here yet. */
  clear(): void;
}

/** A volume at or above this is speech (the SDK's indicator runs 0 to 1). */
export const SPEAKING_VOLUME = 0.2;
/** The marker stays this long through a pause, so that it does not flicker between words. */
export const SPEAKER_HOLD_MS = 1_000;
/** How much louder than the one marked another voice must be to take the mark… */
export const TAKEOVER_MARGIN = 0.15;
/**
 * …and for how long: a word over someone's speech ("mm-hmm") does not move the mark, as in the
 * SDK's own DefaultActiveSpeakerPolicy, which smooths each voice over time. Measured in a call of
 * six with their fake microphones beeping (`npm run bench`, six): the mark moved about 5 times a
 * second without it.
 */
export const TAKEOVER_MS = 500;

export function createParticipantsModel(
  ownAttendeeId: () => string,
  now: () => number = Date.now,
  timers: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'> = globalThis,
): ParticipantsModel {
  const participants = signal<RemoteParticipant[]>([]);
  const lastChange = signal<ParticipantChange | undefined>(undefined);
  let changes = 0;
  // Numbers are not reused within a call: "Participant 2" who leaves and rejoins stays 2.
  const numbers = new Map<string, number>();
  const counters = { agent: 0, participant: 0 };
  const speaker = signal<string | undefined>(undefined);
  const loud = new Map<string, number>(); // attendee -> when last heard at speech volume
  const volumes = new Map<string, number>();
  const louderSince = new Map<string, number>(); // attendee -> since when clearly louder than the one marked
  // The next moment the mark may change without a report: the hold ending or a takeover due.
  let recheck: ReturnType<typeof setTimeout> | undefined;
  // The agent's arrival is already told by the call's own state (waiting → in call).
  let firstAgentTold = false;

  // The SDK reports mute several times a second for everyone: a new list (and so a render of every
  // tile) only when something a tile shows has changed.
  const replaceIfChanged = (next: RemoteParticipant[]) => {
    const current = participants.peek();
    if (next.some((p, i) => p !== current[i])) participants.value = next;
  };
  const update = (attendeeId: string, change: (p: RemoteParticipant) => RemoteParticipant) => {
    replaceIfChanged(participants.peek().map((p) => (p.attendeeId === attendeeId ? change(p) : p)));
  };

  /**
   * Who is marked now: the one marked keeps it while they speak (or pause, within the hold) unless
   * another has been clearly louder for TAKEOVER_MS; once they have stopped, the loudest speaking.
   */
  const decide = () => {
    const at = now();
    if (recheck !== undefined) timers.clearTimeout(recheck);
    recheck = undefined;
    const level = (id: string) => volumes.get(id) ?? 0;
    const heldUntil = (id: string) => (loud.get(id) ?? -Infinity) + SPEAKER_HOLD_MS;
    const speaking = (id: string) => level(id) >= SPEAKING_VOLUME || at < heldUntil(id);
    const current = speaker.peek();
    let next = current !== undefined && speaking(current) ? current : undefined;
    if (next === undefined) {
      for (const [id, volume] of volumes)
        if (volume >= SPEAKING_VOLUME && (next === undefined || volume > level(next))) next = id;
      louderSince.clear();
    } else {
      let due = Infinity;
      for (const [id, volume] of volumes) {
        if (id === next || volume < SPEAKING_VOLUME || volume <= level(next) + TAKEOVER_MARGIN) {
          louderSince.delete(id);
          continue;
        }
        const since = louderSince.get(id) ?? at;
        louderSince.set(id, since);
        due = Math.min(due, since + TAKEOVER_MS);
      }
      const takers = [...louderSince].filter(([, since]) => at - since >= TAKEOVER_MS);
      if (takers.length) {
        next = takers.reduce((a, b) => (level(b[0]) > level(a[0]) ? b : a))[0];
        louderSince.clear();
      } else if (due !== Infinity || level(next) < SPEAKING_VOLUME) {
        // Without a report then: a takeover comes due, or the pause outlasts the hold.
        const wake = Math.min(due, level(next) < SPEAKING_VOLUME ? heldUntil(next) : Infinity);
        recheck = timers.setTimeout(decide, Math.max(0, wake - at));
      }
    }
    speaker.value = next;
  };

  return {
    participants,
    speaker,
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
    volume(attendeeId, volume) {
      if (attendeeId === ownAttendeeId() || volume === null) return;
      const at = now();
      const before = volumes.get(attendeeId) ?? 0;
      volumes.set(attendeeId, volume);
      // The SDK calls back only when a volume changes (DefaultRealtimeController
      // realtimeUpdateVolumeIndicator): a steady voice is reported once and stays at that level
      // until the next report. So someone is loud while their last report is, and the hold runs
      // from the report that went quiet.
      if (volume >= SPEAKING_VOLUME || before >= SPEAKING_VOLUME) loud.set(attendeeId, at);
      decide();
    },
    clear() {
      batch(() => {
        participants.value = [];
        lastChange.value = undefined;
        speaker.value = undefined;
      });
      numbers.clear();
      counters.agent = counters.participant = 0;
      loud.clear();
      volumes.clear();
      louderSince.clear();
      if (recheck !== undefined) timers.clearTimeout(recheck);
      recheck = undefined;
      firstAgentTold = false;
    },
  };
}
