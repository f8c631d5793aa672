import { describe, expect, it } from 'vitest';
import { guestSession, takeInvitationFromLocation } from './guest-invitation';
import { requestSession } from './session-request';
import { sessionFixture } from './testing/session-fixture';
import { WidgetError } from './widget-error';

function answering(...responses: (() => Response)[]) {
  const bodies: unknown[] = [];
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)));
    const next = responses.shift();
    if (!next) throw new Error('no more answers');
    return next();
  }) as typeof fetch;
  return { fetchImpl, bodies };
}

const json = (status: number, body: unknown) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const noSleep = async () => undefined;

describe('takeInvitationFromLocation', () => {
  it('reads the invitation and removes it from the address, keeping the rest of the fragment', () => {
    const replaced: string[] = [];
    const invitation = takeInvitationFromLocation(
      {
        hash: '#a=1&connect-video-invitation=eyJ.abc-_',
        href: 'https://shop.test/p?x=1#a=1&connect-video-invitation=eyJ.abc-_',
      },
      (url) => replaced.push(url),
    );
    expect(invitation).toBe('eyJ.abc-_');
    expect(replaced).toEqual(['https://shop.test/p?x=1#a=1']);
  });

  it('leaves an address without an invitation alone', () => {
    const replaced: string[] = [];
    expect(
      takeInvitationFromLocation({ hash: '#top', href: 'https://shop.test/#top' }, (url) =>
        replaced.push(url),
      ),
    ).toBeUndefined();
    expect(replaced).toEqual([]);
  });
});

describe('guestSession', () => {
  it('exchanges the invitation, with the same client token in every retry', async () => {
    const session = { ...sessionFixture(), Guest: true };
    const { fetchImpl, bodies } = answering(
      json(503, { code: 'ConnectUnavailable' }),
      json(200, session),
    );
    const result = await requestSession({
      getSession: guestSession('/api/invitation/join', 'the-invitation', {}, fetchImpl),
      sleep: noSleep,
    });
    expect(result.Guest).toBe(true);
    expect(result.ContactId).toBe(session.ContactId);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual({ invitation: 'the-invitation', clientToken: expect.any(String) });
    expect(bodies[1]).toEqual(bodies[0]);
  });

  it.each([
    [409, 'InvitationUsed', 'invitation-used'],
    [410, 'InvitationExpired', 'invitation-expired'],
    [400, 'InvitationInvalid', 'invitation-invalid'],
    [410, 'ContactEnded', 'meeting-ended'],
    [409, 'CallFull', 'capacity'],
    [403, 'Forbidden', 'token-endpoint-rejected'],
  ])('a %i %s is final: %s, not retried', async (status, code, expected) => {
    const { fetchImpl, bodies } = answering(json(status, { code }), json(200, sessionFixture()));
    const failure = await requestSession({
      getSession: guestSession('/join', 'x', {}, fetchImpl),
      sleep: noSleep,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WidgetError);
    expect((failure as WidgetError).code).toBe(expected);
    expect((failure as WidgetError).retryable).toBe(false);
    expect(bodies).toHaveLength(1);
  });
});
