/*
 * A guest joins the customer's call with an invitation: the token endpoint's join route exchanges
 * it, once, for a session of the same shape as /api/session's (Connect CreateParticipantConnection
 * WEBRTC_CONNECTION), so everything after the request is the customer's own path.
 */
import { jsonPost } from './json-post';
import type { GetSession } from './session-request';
import { WidgetError, type WidgetErrorCode } from './widget-error';

/** The invitation link's fragment parameter: a fragment never reaches a server's logs. */
export const INVITATION_PARAMETER = 'connect-video-invitation';

/**
 * The invitation in the page's address, removed from it so that a bookmark, a shared address or
 * the back button does not carry a used invitation around. Undefined when there is none.
 */
export function takeInvitationFromLocation(
  where: Pick<Location, 'hash' | 'href'> = location,
  replace: (url: string) => void = (url) => history.replaceState(history.state, '', url),
): string | undefined {
  const params = new URLSearchParams(where.hash.replace(/^#/, ''));
  const invitation = params.get(INVITATION_PARAMETER);
  if (!invitation) return undefined;
  params.delete(INVITATION_PARAMETER);
  const rest = params.toString();
  try {
    replace(where.href.replace(/#.*$/, rest ? `#${rest}` : ''));
  } catch {
    // A sandboxed frame may not rewrite its address; the invitation still works once.
  }
  return invitation;
}

/** The join route's refusals, as the widget's error codes; none of them can succeed on retry. */
const REFUSALS: Record<string, WidgetErrorCode> = {
  InvitationExpired: 'invitation-expired',
  InvitationUsed: 'invitation-used',
  InvitationInvalid: 'invitation-invalid',
  ContactEnded: 'meeting-ended',
  // Only when the endpoint lost track of this invitation's slot and every other one is held.
  CallFull: 'capacity',
};

/**
 * The session source of a guest: a POST of `{ invitation }` to the join route. Network failures
 * and 5xx are retried by requestSession like any session request; a refusal is final.
 */
export function guestSession(
  joinUrl: string,
  invitation: string,
  init: { headers?: Record<string, string>; credentials?: RequestCredentials } = {},
  fetchImpl: typeof fetch = (...args) => fetch(...args),
): GetSession {
  // The client token is the same in every retry: a join whose answer was lost is let through again
  // for the same page, where a second page is refused (the invitation is single-use).
  return async ({ clientToken }, { signal }) => {
    const response = await fetchImpl(
      joinUrl,
      jsonPost({ invitation, clientToken }, { ...init, signal }),
    );
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return body;
    const serverCode =
      typeof body === 'object' &&
      body !== null &&
      typeof (body as { code?: unknown }).code === 'string'
        ? (body as { code: string }).code
        : undefined;
    const refusal = serverCode === undefined ? undefined : REFUSALS[serverCode];
    const options = { status: response.status, ...(serverCode !== undefined && { serverCode }) };
    if (refusal) {
      throw new WidgetError(refusal, `The invitation was refused: ${serverCode}`, {
        ...options,
        retryable: false,
      });
    }
    if (response.status === 429 || response.status >= 500) {
      throw new WidgetError(
        'token-endpoint-unavailable',
        `The join route answered ${response.status}`,
        options,
      );
    }
    throw new WidgetError('token-endpoint-rejected', `The join route answered ${response.status}`, {
      ...options,
      retryable: false,
    });
  };
}
