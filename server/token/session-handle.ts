import { SignJWT, jwtVerify } from 'jose';
import type { AllowedCapabilities } from './config.js';

/** Long enough for a call; short enough that a leaked handle soon stops working. */
export const SESSION_HANDLE_LIFETIME_SECONDS = 3600;
const ISSUER = 'connect-video-widget/token-endpoint';

// Bound to the instance so a handle from another deployment sharing the secret is refused too.
const audience = (instanceId: string) => `session:${instanceId}`;

/** What a valid handle says: the contact, and whether its customer may share their screen. */
export interface SessionHandleClaims {
  contactId: string;
  /** The contact was started with `AllowedCapabilities.Customer.ScreenShare` = `SEND`. */
  screenShare: boolean;
  /**
   * Present only for the customer who started the contact: they may invite guests, who get
   * capabilities derived from these (the contact's own, as started). A guest's handle has none.
   */
  invite?: AllowedCapabilities;
  /**
   * The contact is a chat this holder started (`/api/chat`): a video call may name it as its
   * RelatedContactId ("Switch to video call").
   */
  chat: boolean;
}

export interface SessionHandleGrants {
  screenShare?: boolean;
  invite?: AllowedCapabilities;
  chat?: boolean;
}

/**
 * A short-lived HS256 token whose `sub` is the ContactId: it proves the holder started that contact
 * (it came back from `/api/session`). It carries no ParticipantToken or other bearer secret.
 */
export async function signSessionHandle(
  contactId: string,
  instanceId: string,
  secret: Uint8Array,
  nowMs: number,
  { screenShare = false, invite, chat = false }: SessionHandleGrants = {},
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({
    ...(screenShare && { screenShare: true }),
    ...(chat && { chat: true }),
    ...(invite !== undefined && { invite }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(contactId)
    .setIssuer(ISSUER)
    .setAudience(audience(instanceId))
    .setIssuedAt(iat)
    .setExpirationTime(iat + SESSION_HANDLE_LIFETIME_SECONDS)
    .sign(secret);
}

/** What the handle was issued for, or undefined if it is forged, expired or foreign. */
export async function verifySessionHandle(
  handle: string,
  instanceId: string,
  secret: Uint8Array,
  nowMs: number,
): Promise<SessionHandleClaims | undefined> {
  try {
    const { payload } = await jwtVerify(handle, secret, {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: audience(instanceId),
      requiredClaims: ['sub', 'exp'],
      currentDate: new Date(nowMs),
    });
    if (typeof payload.sub !== 'string' || payload.sub === '') return undefined;
    const invite = capabilitiesOf(payload.invite);
    return {
      contactId: payload.sub,
      screenShare: payload.screenShare === true,
      chat: payload.chat === true,
      ...(invite !== undefined && { invite }),
    };
  } catch {
    return undefined;
  }
}

/** Only SEND survives: the handle is ours (signed), but a claim read back is still checked. */
function capabilitiesOf(value: unknown): AllowedCapabilities | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const side = (party: unknown): { Video?: 'SEND'; ScreenShare?: 'SEND' } => {
    const p = (typeof party === 'object' && party !== null ? party : {}) as Record<string, unknown>;
    return {
      ...(p.Video === 'SEND' && { Video: 'SEND' as const }),
      ...(p.ScreenShare === 'SEND' && { ScreenShare: 'SEND' as const }),
    };
  };
  const record = value as Record<string, unknown>;
  return { Customer: side(record.Customer), Agent: side(record.Agent) };
}
