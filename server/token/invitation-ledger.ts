import type { SlotClaim } from './guest-slots.js';

/**
 * The little state invitations need, shared by every instance that answers: which guest slots each
 * contact holds, and which invitations were used (guest-slots.ts says what holds a slot). A slot's
 * id is its invitation's `jti`; everything else travels in the invitation itself.
 */
export interface InvitationLedger {
  /**
   * Holds one of the contact's guest slots for invitation `slotId` until `untilMs` (its expiry);
   * false (nothing held) when `max` slots are held already. For a slot id that holds a slot, it
   * only moves the expiry.
   */
  reserveSlot(contactId: string, slotId: string, max: number, untilMs: number): Promise<boolean>;
  /** Frees at once the slot of an invitation whose participant could not be created. */
  releaseSlot(contactId: string, slotId: string): Promise<void>;
  /**
   * Marks the invitation used and its slot held for the rest of the contact: `claimed` for the
   * first caller only, whoever races it, and again for a caller that gives the same `holder` (the
   * guest page's client token) as the first did.
   */
  claimSlot(contactId: string, slotId: string, max: number, holder?: string): Promise<SlotClaim>;
}
