/**
 * The little state invitations need, shared by every instance that answers: how many guests each
 * contact has, and which invitations were used. Everything else travels in the invitation itself.
 */
export interface InvitationLedger {
  /**
   * Takes one guest slot of the contact; false (nothing taken) when `max` are taken already.
   * `expiresAtMs` is when the record may be forgotten (the contact is over by then).
   */
  reserveSlot(contactId: string, max: number, expiresAtMs: number): Promise<boolean>;
  /** Gives back a slot whose participant could not be created. */
  releaseSlot(contactId: string): Promise<void>;
  /**
   * Marks the invitation used; true for the first caller only, whoever races it, and again for a
   * caller that gives the same `holder` (the guest page's client token) as the first did.
   */
  claim(jti: string, expiresAtMs: number, holder?: string): Promise<boolean>;
}
