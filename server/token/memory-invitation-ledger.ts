import {
  claimGuestSlot,
  recordExpiryMs,
  releaseGuestSlot,
  reserveGuestSlot,
  heldSlots,
  type GuestSlots,
  type SlotDecision,
} from './guest-slots.js';
import type { InvitationLedger } from './invitation-ledger.js';

/** Enough for any real load: past it, invitations fail (500) rather than memory growing. */
export const MEMORY_LEDGER_MAX_ENTRIES = 100_000;

/**
 * The ledger of one Node process: right for `npm start` and a single server, wrong for Lambda,
 * whose instances share no memory (dynamodb-invitation-ledger.ts is for that). Each decision runs
 * without an `await`, so nothing else runs between reading a contact's slots and writing them.
 */
export function createMemoryInvitationLedger(
  now: () => number = Date.now,
  maxEntries = MEMORY_LEDGER_MAX_ENTRIES,
): InvitationLedger {
  const contacts = new Map<string, { slots: GuestSlots; expiresAtMs: number }>();

  // Swept on writes: a contact is forgotten once it holds no slot, or after its retention.
  function sweep(at: number): void {
    for (const [id, record] of contacts) {
      if (record.expiresAtMs <= at || Object.keys(heldSlots(record.slots, at)).length === 0) {
        contacts.delete(id);
      }
    }
  }

  function decide<Answer>(
    contactId: string,
    decision: (slots: GuestSlots, nowMs: number) => SlotDecision<Answer>,
  ): Answer {
    const at = now();
    const record = contacts.get(contactId);
    const live = record !== undefined && record.expiresAtMs > at ? record : undefined;
    const { next, answer } = decision(live?.slots ?? {}, at);
    if (next === undefined) return answer;
    if (live === undefined && contacts.size >= maxEntries) {
      sweep(at);
      // Failing is safe (the customer tries again later); forgetting joined slots could overfill.
      if (contacts.size >= maxEntries) throw new Error('The invitation ledger is full.');
    }
    contacts.set(contactId, { slots: next, expiresAtMs: recordExpiryMs(next, at) });
    return answer;
  }

  return {
    async reserveSlot(contactId, slotId, max, untilMs) {
      return decide(contactId, (slots, at) => reserveGuestSlot(slots, slotId, max, untilMs, at));
    },
    async releaseSlot(contactId, slotId) {
      decide(contactId, (slots, at) => releaseGuestSlot(slots, slotId, at));
    },
    async claimSlot(contactId, slotId, max, holder) {
      return decide(contactId, (slots, at) => claimGuestSlot(slots, slotId, max, holder, at));
    },
  };
}
