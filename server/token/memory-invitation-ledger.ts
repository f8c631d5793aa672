import type { InvitationLedger } from './invitation-ledger.js';

/** Enough for any real load: past it, invitations fail (500) rather than memory growing. */
export const MEMORY_LEDGER_MAX_ENTRIES = 100_000;

/**
 * The ledger of one Node process: right for `npm start` and a single server, wrong for Lambda,
 * whose instances share no memory (dynamodb-invitation-ledger.ts is for that).
 */
export function createMemoryInvitationLedger(
  now: () => number = Date.now,
  maxEntries = MEMORY_LEDGER_MAX_ENTRIES,
): InvitationLedger {
  const slots = new Map<string, { count: number; expiresAtMs: number }>();
  const claims = new Map<string, { expiresAtMs: number; holder: string | undefined }>();

  // Swept on writes: entries expire in minutes to hours, and writes are rate-limited per client.
  function sweep(): void {
    const at = now();
    for (const [id, slot] of slots) if (slot.expiresAtMs <= at) slots.delete(id);
    for (const [jti, claim] of claims) if (claim.expiresAtMs <= at) claims.delete(jti);
  }
  const full = () => slots.size + claims.size >= maxEntries;

  return {
    async reserveSlot(contactId, max, expiresAtMs) {
      const slot = slots.get(contactId);
      if (slot === undefined || slot.expiresAtMs <= now()) {
        if (full()) sweep();
        if (full()) throw new Error('The invitation ledger is full.');
        slots.set(contactId, { count: 1, expiresAtMs });
        return true;
      }
      if (slot.count >= max) return false;
      slot.count += 1;
      slot.expiresAtMs = Math.max(slot.expiresAtMs, expiresAtMs);
      return true;
    },
    async releaseSlot(contactId) {
      const slot = slots.get(contactId);
      if (slot !== undefined && slot.count > 0) slot.count -= 1;
    },
    async claim(jti, expiresAtMs, holder) {
      const claimed = claims.get(jti);
      if (claimed !== undefined && claimed.expiresAtMs > now())
        return holder !== undefined && claimed.holder === holder;
      if (full()) sweep();
      // Failing is safe (the guest tries again later); forgetting claims would allow a second use.
      if (full()) throw new Error('The invitation ledger is full.');
      claims.set(jti, { expiresAtMs, holder });
      return true;
    },
  };
}
