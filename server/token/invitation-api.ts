import { randomUUID } from 'node:crypto';
import { CreateParticipantCommand, type ConnectClient } from '@aws-sdk/client-connect';
import {
  CreateParticipantConnectionCommand,
  type ConnectParticipantClient,
} from '@aws-sdk/client-connectparticipant';
import { CLIENT_TOKEN_MAX_LENGTH } from '../shared/start-webrtc-contact-limits.js';
import { ApiError, invalidField } from './api-error.js';
import { callWithRetry, type RetryPolicy } from './call-with-retry.js';
import type { AllowedCapabilities, TokenEndpointConfig } from './config.js';
import type { ConnectErrorInfo } from './connect-error.js';
import type { InvitationLedger } from './invitation-ledger.js';
import { invitationKey, openInvitation, sealInvitation } from './invitation-token.js';
import type { LogFields } from './logger.js';
import type { Headers } from './origin-policy.js';
import { verifiedSessionHandle } from './request-session-handle.js';
import { signSessionHandle } from './session-handle.js';
import { stringBody } from './string-body.js';

/** Where the guest page finds the invitation: a fragment, which browsers never send to a server. */
export const INVITATION_FRAGMENT_KEY = 'connect-video-invitation';
/** A sealed invitation is well under 2 KB; anything far longer is not one of ours. */
const INVITATION_MAX_LENGTH = 8192;
const DISPLAY_NAME_MAX_LENGTH = 256;

export interface InvitationApiDeps {
  connect: ConnectClient;
  participant: () => ConnectParticipantClient;
  ledger: InvitationLedger;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  retry: RetryPolicy;
  random?: () => number;
  /** Records the AWS error in the log line and turns it into the client's answer. */
  connectFailure: (error: ConnectErrorInfo | undefined, log: LogFields) => ApiError;
}

export interface InvitationApi {
  /** `POST /api/invitation`: the first customer invites one guest into their call. */
  invite(headers: Headers, body: unknown, log: LogFields): Promise<Record<string, unknown>>;
  /** `POST /api/invitation/join`: a guest trades an invitation for a session, once. */
  join(body: unknown, log: LogFields): Promise<Record<string, unknown>>;
}

const notAllowed = (message: string) => new ApiError(403, 'InvitationsNotAllowed', message);
const callFull = (max: number) =>
  new ApiError(409, 'CallFull', `This call already has ${max} guests or unexpired invitations.`);
const contactEnded = () =>
  new ApiError(410, 'ContactEnded', 'The call this invitation was for has ended.');

export function createInvitationApi(
  config: TokenEndpointConfig,
  deps: InvitationApiDeps,
): InvitationApi {
  const key = invitationKey(config.sessionHandleSecret);
  const retried = <T>(operation: () => Promise<T>) =>
    callWithRetry(operation, deps.retry, deps.sleep, deps.random);

  function settings() {
    if (config.invitations === undefined) {
      throw notAllowed('Inviting guests is not enabled on this endpoint.');
    }
    return config.invitations;
  }

  function guestPageUrl(headers: Headers, url: string | undefined): string {
    if (url !== undefined) return url;
    // Local mode only (config requires INVITATION_URL elsewhere): the demo page of the caller's
    // origin, which checkOrigin already allowed, or this server's own.
    return new URL('/', headers.origin ?? `http://${headers.host ?? 'localhost'}`).href;
  }

  return {
    async invite(headers, rawBody, log) {
      const invitations = settings();
      const body = stringBody(rawBody, ['sessionHandle', 'clientToken', 'displayName']);
      const claims = await verifiedSessionHandle(body.sessionHandle, headers, {
        instanceId: config.instanceId,
        secret: config.sessionHandleSecret,
        nowMs: deps.now(),
      });
      // Only the customer who started the call invites: a guest could otherwise fill it.
      if (claims.invite === undefined) throw notAllowed('This session may not invite guests.');
      const displayName = body.displayName ?? 'Guest';
      const nameLength = [...displayName].length;
      if (nameLength < 1 || nameLength > DISPLAY_NAME_MAX_LENGTH || displayName.trim() === '') {
        throw invalidField('displayName', `must be 1 to ${DISPLAY_NAME_MAX_LENGTH} characters.`);
      }
      // Generated once, before the first attempt, so a retry names the same participant.
      const clientToken = body.clientToken ?? randomUUID();
      const tokenLength = [...clientToken].length;
      if (tokenLength < 1 || tokenLength > CLIENT_TOKEN_MAX_LENGTH) {
        throw invalidField('clientToken', 'must be 1 to 500 characters.');
      }
      const { contactId } = claims;
      log.contactId = contactId;
      const video = invitations.guestVideo ?? claims.invite.Customer.Video === 'SEND';
      const guest: AllowedCapabilities['Customer'] = {
        ...(video && { Video: 'SEND' }),
        ...(invitations.guestScreenShare && { ScreenShare: 'SEND' }),
      };

      // The slot is taken before Connect is asked, so racing invitations cannot overfill the call.
      // It is held until the invitation expires unused, for good once its guest joins.
      const max = invitations.maxGuestsPerContact;
      const jti = randomUUID();
      const latestExp = Math.floor((deps.now() + invitations.lifetimeSeconds * 1000) / 1000);
      if (!(await deps.ledger.reserveSlot(contactId, jti, max, latestExp * 1000))) {
        throw callFull(max);
      }
      const outcome = await retried(() =>
        deps.connect.send(
          new CreateParticipantCommand({
            InstanceId: config.instanceId,
            ContactId: contactId,
            ClientToken: clientToken,
            ParticipantDetails: {
              DisplayName: displayName,
              ParticipantRole: 'CUSTOMER',
              ParticipantCapabilities: guest,
            },
          }),
        ),
      );
      log.attempts = outcome.attempts;
      const participantId = outcome.result?.ParticipantId;
      const credentials = outcome.result?.ParticipantCredentials;
      if (!outcome.result || !participantId || !credentials?.ParticipantToken) {
        await deps.ledger.releaseSlot(contactId, jti);
        const error = outcome.error;
        if (error?.name === 'ResourceNotFoundException') {
          log.awsError = error.name;
          throw contactEnded();
        }
        // Connect answers the same Bad Request before the agent joined and after the call ended.
        // Telling them apart would take connect:DescribeContact; the endpoint's role grows by
        // CreateParticipant alone, and the widget offers invitations only while the agent is there.
        if (error?.name === 'InvalidRequestException') {
          log.awsError = error.name;
          throw new ApiError(
            409,
            'AgentNotConnected',
            'Guests can be invited while an agent is in the call.',
          );
        }
        if (outcome.result) {
          throw new ApiError(502, 'ConnectUnavailable', 'Amazon Connect gave an unusable answer.');
        }
        throw deps.connectFailure(error, log);
      }

      // The invitation lives no longer than the participant token it carries, nor does its slot.
      const tokenExpiry = Date.parse(credentials.Expiry ?? '');
      const exp = Number.isNaN(tokenExpiry)
        ? latestExp
        : Math.min(latestExp, Math.floor(tokenExpiry / 1000));
      // Only fails if the slot expired while Connect answered: the invitation would be dead too.
      if (exp < latestExp && !(await deps.ledger.reserveSlot(contactId, jti, max, exp * 1000))) {
        throw callFull(max);
      }
      const invitation = await sealInvitation(
        {
          jti,
          contactId,
          participantId,
          participantToken: credentials.ParticipantToken,
          guest,
          agent: claims.invite.Agent,
          exp,
        },
        config.instanceId,
        key,
        deps.now(),
      );
      const page = guestPageUrl(headers, invitations.url);
      return {
        InvitationUrl: `${page}#${INVITATION_FRAGMENT_KEY}=${invitation}`,
        Invitation: invitation,
        ExpiresAt: new Date(exp * 1000).toISOString(),
      };
    },

    async join(rawBody, log) {
      const invitations = settings();
      const body = stringBody(rawBody, ['invitation', 'clientToken']);
      if (body.invitation === undefined) throw invalidField('invitation', 'is required.');
      const holder = body.clientToken;
      if (
        holder !== undefined &&
        ([...holder].length < 1 || [...holder].length > CLIENT_TOKEN_MAX_LENGTH)
      ) {
        throw invalidField('clientToken', 'must be 1 to 500 characters.');
      }
      const opened =
        body.invitation.length > INVITATION_MAX_LENGTH
          ? ({ ok: false, reason: 'invalid' } as const)
          : await openInvitation(body.invitation, config.instanceId, key, deps.now());
      if (!opened.ok) {
        if (opened.reason === 'expired') {
          throw new ApiError(410, 'InvitationExpired', 'This invitation has expired.');
        }
        throw new ApiError(
          400,
          'InvitationInvalid',
          'This is not a valid invitation.',
          'invitation',
        );
      }
      const { claims } = opened;
      log.contactId = claims.contactId;
      // Claimed before Connect is called: of two joins racing, one gets past this line. The page
      // that claimed it may come again with its client token (an answer lost on the way, a 5xx):
      // CreateParticipantConnection gives the same attendee, so nobody else gets in.
      const max = invitations.maxGuestsPerContact;
      const claimed = await deps.ledger.claimSlot(claims.contactId, claims.jti, max, holder);
      if (claimed === 'used') {
        throw new ApiError(409, 'InvitationUsed', 'This invitation has already been used.');
      }
      if (claimed === 'full') throw callFull(max);
      const outcome = await retried(() =>
        deps.participant().send(
          new CreateParticipantConnectionCommand({
            ParticipantToken: claims.participantToken,
            Type: ['WEBRTC_CONNECTION'],
          }),
        ),
      );
      log.attempts = outcome.attempts;
      if (!outcome.result) {
        // The Participant Service refuses a token whose contact ended (or was never valid).
        if (
          outcome.error?.name === 'AccessDeniedException' ||
          outcome.error?.name === 'ResourceNotFoundException'
        ) {
          log.awsError = outcome.error.name;
          throw contactEnded();
        }
        throw deps.connectFailure(outcome.error, log);
      }
      const { Attendee, Meeting } = outcome.result.WebRTCConnection ?? {};
      if (!Attendee || !Meeting) {
        throw new ApiError(502, 'ConnectUnavailable', 'Amazon Connect gave an unusable answer.');
      }
      const allowedCapabilities: AllowedCapabilities = {
        Customer: claims.guest,
        Agent: claims.agent,
      };
      return {
        ContactId: claims.contactId,
        ParticipantId: claims.participantId,
        ParticipantToken: claims.participantToken,
        // The Participant Service's meeting has no MediaRegion (StartWebRTCContact's has): the
        // instance's region stands in, which is where the guest's participant service calls go.
        ConnectionData: { Attendee, Meeting: { MediaRegion: config.region, ...Meeting } },
        AllowedCapabilities: allowedCapabilities,
        SessionHandle: await signSessionHandle(
          claims.contactId,
          config.instanceId,
          config.sessionHandleSecret,
          deps.now(),
          { screenShare: claims.guest.ScreenShare === 'SEND' },
        ),
        Guest: true,
      };
    },
  };
}
