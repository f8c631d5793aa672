import { ConfigError } from './config-error.js';

/** Amazon Connect's limit: the first customer, the agent and four more (six in a web call). */
export const MAX_GUESTS_PER_CONTACT = 4;
/** Long enough to pass a link on by chat or mail; short enough that a forgotten link dies. */
export const DEFAULT_INVITATION_LIFETIME_SECONDS = 15 * 60;
export const MIN_INVITATION_LIFETIME_SECONDS = 60;
export const MAX_INVITATION_LIFETIME_SECONDS = 24 * 60 * 60;

/** What `/api/invitation` and `/api/invitation/join` need; absent in the config = no invitations. */
export interface InvitationConfig {
  maxGuestsPerContact: number;
  lifetimeSeconds: number;
  /** undefined: a guest sends video when the inviting customer may. */
  guestVideo?: boolean;
  guestScreenShare: boolean;
  /**
   * The host's guest page; invitations link to it with a URL fragment. Absent only in local mode,
   * where the demo page on the caller's own origin is used.
   */
  url?: string;
}

type Read = (name: InvitationVariable) => string | undefined;
type Flag = (name: InvitationVariable, fallback: boolean) => boolean;

export const INVITATION_VARIABLES = [
  'INVITATIONS',
  'INVITATION_URL',
  'MAX_GUESTS_PER_CONTACT',
  'INVITATION_LIFETIME_SECONDS',
  'GUEST_VIDEO',
  'GUEST_SCREEN_SHARE',
] as const;
export type InvitationVariable = (typeof INVITATION_VARIABLES)[number];

/**
 * Off unless INVITATIONS=true: each guest is a Connect participant the business pays for and lets
 * into a customer's call. Local mode turns it on so the demo can show it.
 */
export function loadInvitationConfig(
  read: Read,
  flag: Flag,
  local: boolean,
): InvitationConfig | undefined {
  if (!flag('INVITATIONS', local)) return undefined;
  const maxGuestsPerContact = wholeNumber(
    read,
    'MAX_GUESTS_PER_CONTACT',
    MAX_GUESTS_PER_CONTACT,
    1,
    MAX_GUESTS_PER_CONTACT,
  );
  const lifetimeSeconds = wholeNumber(
    read,
    'INVITATION_LIFETIME_SECONDS',
    DEFAULT_INVITATION_LIFETIME_SECONDS,
    MIN_INVITATION_LIFETIME_SECONDS,
    MAX_INVITATION_LIFETIME_SECONDS,
  );
  const url = read('INVITATION_URL');
  if (url === undefined && !local) {
    throw new ConfigError(
      'INVITATION_URL',
      'is required when INVITATIONS is true: the https URL of your guest page.',
    );
  }
  if (url !== undefined) checkInvitationUrl(url);
  const guestVideo = read('GUEST_VIDEO') === undefined ? undefined : flag('GUEST_VIDEO', true);
  return {
    maxGuestsPerContact,
    lifetimeSeconds,
    ...(guestVideo !== undefined && { guestVideo }),
    guestScreenShare: flag('GUEST_SCREEN_SHARE', false),
    ...(url !== undefined && { url }),
  };
}

/** A whole-number variable within bounds (shared by the other optional features' settings). */
export function wholeNumber<Name extends string>(
  read: (name: Name) => string | undefined,
  name: Name,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = read(name);
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** The link carries a bearer secret: it must not travel over plain http except on this machine. */
function checkInvitationUrl(text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('INVITATION_URL', `"${text}" is not an absolute URL.`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ConfigError('INVITATION_URL', 'must be an https URL (http only for localhost).');
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new ConfigError(
      'INVITATION_URL',
      'must have no #fragment (the invitation goes there) and no user name or password.',
    );
  }
}
