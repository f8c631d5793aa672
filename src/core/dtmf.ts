/**
 * The most DTMF characters sent in one message. The participant service documents no limit for
 * `audio/dtmf`; 1024 is SendMessage's limit for `text/plain` content (the closest documented
 * one), far more than any keypad sequence needs.
 */
export const MAX_DTMF_LENGTH = 1024;

export type DtmfResult =
  | { ok: true; digits: string }
  | { ok: false; reason: 'empty' | 'too-long' }
  | { ok: false; reason: 'invalid-character'; character: string };

// Formatting people paste with phone numbers and account numbers; dropped, not sent.
const SEPARATORS = /[\s\-().]/g;
const VALID = /^[0-9*#,]$/;

/**
 * Checks keypad input before it is sent as `audio/dtmf` content: `0-9 * #`, and `,` for a pause.
 * Spaces, dashes, dots and parentheses are removed; anything else is refused with the offending
 * character so the UI can point at it.
 */
export function normalizeDtmf(input: string): DtmfResult {
  const digits = input.replace(SEPARATORS, '');
  if (digits === '') return { ok: false, reason: 'empty' };
  for (const character of digits) {
    if (!VALID.test(character)) return { ok: false, reason: 'invalid-character', character };
  }
  if (digits.length > MAX_DTMF_LENGTH) return { ok: false, reason: 'too-long' };
  return { ok: true, digits };
}
