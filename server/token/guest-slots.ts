/**
 * The guest slots of one contact, by slot id (the invitation's `jti`), and the decisions both
 * ledgers make on them. An invitation holds its slot until it expires unused; once its guest joins,
 * the slot is held for the rest of the contact, because the endpoint never learns that a guest left
 * (the guest's page talks to Chime and Connect, not to it).
 */
export type GuestSlot =
  /** Invited, not joined: held until the invitation's expiry (epoch ms). */
  | { untilMs: number }
  /** Joined: held for good; `holder` is the guest page's client token, when it sent one. */
  | { joined: true; holder?: string };
export type GuestSlots = Record<string, GuestSlot>;

/** What claiming an invitation's slot gave. */
export type SlotClaim =
  /** The guest may join: first to claim it, or the same holder again. */
  | 'claimed'
  /** Someone else joined with this invitation. */
  | 'used'
  /**
   * The slot was no longer held (its record was lost, e.g. the in-memory ledger restarted) and the
   * call has no free slot to take instead.
   */
  | 'full';

/**
 * How long a contact's slots are kept after their last change: longer than any call. A joined slot
 * is held this long; by then the contact is over and the record may be forgotten.
 */
export const CONTACT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A decision: the slots to store (undefined: nothing to write) and the caller's answer. */
export interface SlotDecision<Answer> {
  next?: GuestSlots;
  answer: Answer;
}

/** The slots still held at `nowMs`: every joined one, and the unused ones not yet expired. */
export function heldSlots(slots: GuestSlots, nowMs: number): GuestSlots {
  return Object.fromEntries(
    Object.entries(slots).filter(([, slot]) => 'joined' in slot || slot.untilMs > nowMs),
  );
}

/**
 * Holds slot `slotId` until `untilMs` (the invitation's expiry); false when `max` slots are held
 * already. Reserving a slot id that holds a slot again only moves its expiry.
 */
export function reserveGuestSlot(
  slots: GuestSlots,
  slotId: string,
  max: number,
  untilMs: number,
  nowMs: number,
): SlotDecision<boolean> {
  const held = heldSlots(slots, nowMs);
  const current = held[slotId];
  if (current !== undefined && 'joined' in current) return { answer: true };
  if (current === undefined && Object.keys(held).length >= max) return { answer: false };
  return { next: { ...held, [slotId]: { untilMs } }, answer: true };
}

/** Frees an unused slot at once (its participant could not be created); a joined one stays. */
export function releaseGuestSlot(
  slots: GuestSlots,
  slotId: string,
  nowMs: number,
): SlotDecision<void> {
  const held = heldSlots(slots, nowMs);
  const current = held[slotId];
  if (current === undefined || 'joined' in current) return { answer: undefined };
  const { [slotId]: _released, ...rest } = held;
  return { next: rest, answer: undefined };
}

/** Marks the invitation's slot joined, for the first caller only or again for the same holder. */
export function claimGuestSlot(
  slots: GuestSlots,
  slotId: string,
  max: number,
  holder: string | undefined,
  nowMs: number,
): SlotDecision<SlotClaim> {
  const held = heldSlots(slots, nowMs);
  const current = held[slotId];
  if (current !== undefined && 'joined' in current) {
    return { answer: holder !== undefined && current.holder === holder ? 'claimed' : 'used' };
  }
  if (current === undefined && Object.keys(held).length >= max) return { answer: 'full' };
  const joined: GuestSlot = { joined: true, ...(holder !== undefined && { holder }) };
  return { next: { ...held, [slotId]: joined }, answer: 'claimed' };
}

/** When a contact's record may be forgotten: after its retention, and never before a live slot. */
export function recordExpiryMs(slots: GuestSlots, nowMs: number): number {
  return Math.max(
    nowMs + CONTACT_RETENTION_MS,
    ...Object.values(slots).map((slot) => ('untilMs' in slot ? slot.untilMs : 0)),
  );
}
