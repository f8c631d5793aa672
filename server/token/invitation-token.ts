import { hkdfSync } from 'node:crypto';
import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import type { AllowedCapabilities } from './config.js';

type Capabilities = AllowedCapabilities['Customer'];

/** What an invitation carries: everything the join needs, so the endpoint keeps no state but a claim. */
export interface InvitationClaims {
  /** The first contact's id. */
  contactId: string;
  participantId: string;
  /** Connect's bearer secret for the guest: the reason the invitation is encrypted, not signed. */
  participantToken: string;
  /** The guest's own capabilities, as given to CreateParticipant. */
  guest: Capabilities;
  /** The contact's agent capabilities, so the guest's widget shows the agent as the customer's does. */
  agent: Capabilities;
  /** Unique per invitation: what single use is keyed on. */
  jti: string;
  /** Epoch seconds. */
  exp: number;
}

const ISSUER = 'connect-video-widget/token-endpoint';
const audience = (instanceId: string) => `invitation:${instanceId}`;
// A distinct label: the session-handle secret then yields a key no session handle is ever made with.
const KEY_INFO = 'connect-video invitation encryption v1';

/** The A256GCM key, derived (HKDF-SHA256) from the session-handle secret. */
export function invitationKey(sessionHandleSecret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', sessionHandleSecret, new Uint8Array(0), KEY_INFO, 32));
}

/**
 * A compact JWE (dir + A256GCM): opaque and tamper-evident, so it can travel in a link. The caller
 * picks the `jti` (a random UUID) before sealing: it is also the invitation's guest slot id.
 */
export async function sealInvitation(
  claims: InvitationClaims,
  instanceId: string,
  key: Uint8Array,
  nowMs: number,
): Promise<string> {
  return new EncryptJWT({
    cid: claims.contactId,
    pid: claims.participantId,
    ptk: claims.participantToken,
    gc: claims.guest,
    ac: claims.agent,
  })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(audience(instanceId))
    .setJti(claims.jti)
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(claims.exp)
    .encrypt(key);
}

export type OpenedInvitation =
  { ok: true; claims: InvitationClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Decrypts and checks an invitation; expiry is told apart so the guest can be told so. */
export async function openInvitation(
  invitation: string,
  instanceId: string,
  key: Uint8Array,
  nowMs: number,
): Promise<OpenedInvitation> {
  try {
    const { payload } = await jwtDecrypt(invitation, key, {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      issuer: ISSUER,
      audience: audience(instanceId),
      requiredClaims: ['jti', 'exp'],
      currentDate: new Date(nowMs),
    });
    const { cid, pid, ptk, gc, ac, jti, exp } = payload;
    if (
      typeof cid !== 'string' ||
      typeof pid !== 'string' ||
      typeof ptk !== 'string' ||
      typeof jti !== 'string' ||
      typeof exp !== 'number'
    ) {
      return { ok: false, reason: 'invalid' };
    }
    return {
      ok: true,
      claims: {
        contactId: cid,
        participantId: pid,
        participantToken: ptk,
        guest: sendOnly(gc),
        agent: sendOnly(ac),
        jti,
        exp,
      },
    };
  } catch (error) {
    // jose checks the tag before the claims: an expired invitation was genuinely ours.
    return { ok: false, reason: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}

function sendOnly(value: unknown): Capabilities {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    ...(v.Video === 'SEND' && { Video: 'SEND' as const }),
    ...(v.ScreenShare === 'SEND' && { ScreenShare: 'SEND' as const }),
  };
}
