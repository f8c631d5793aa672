import { describe, expect, it } from 'vitest';
import { createInvitationModel } from './invitation-model';

function endpoint(answer: () => Response | Promise<Response>) {
  const requests: { url: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    requests.push({
      url: String(url),
      body: JSON.parse(String(init?.body)),
      headers: init?.headers as Record<string, string>,
    });
    return answer();
  }) as typeof fetch;
  return { fetchImpl, requests };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createInvitationModel', () => {
  it('asks with the session handle and holds the link and its expiry', async () => {
    const { fetchImpl, requests } = endpoint(() =>
      json(200, {
        InvitationUrl: 'https://shop.test/call#connect-video-invitation=abc',
        Invitation: 'abc',
        ExpiresAt: '2026-11-30T17:00:00.000Z',
      }),
    );
    const model = createInvitationModel({
      url: '/api/invitation',
      sessionHandle: 'handle-1',
      headers: { 'x-csrf': 't' },
      fetch: fetchImpl,
    });
    await model.create();
    expect(requests).toEqual([
      {
        url: '/api/invitation',
        body: { sessionHandle: 'handle-1' },
        headers: expect.objectContaining({ 'x-csrf': 't', 'Content-Type': 'application/json' }),
      },
    ]);
    expect(model.state.value).toEqual({
      kind: 'ready',
      url: 'https://shop.test/call#connect-video-invitation=abc',
      expiresAt: Date.parse('2026-11-30T17:00:00.000Z'),
    });
  });

  it.each([
    [409, { code: 'CallFull' }, 'CallFull'],
    [409, { code: 'AgentNotConnected' }, 'AgentNotConnected'],
    [403, { code: 'InvitationsNotAllowed' }, 'failed'],
    [500, 'not json', 'failed'],
    [200, { InvitationUrl: 'javascript:alert(1)', ExpiresAt: '2026-11-30T17:00:00Z' }, 'failed'],
    [200, { InvitationUrl: 'https://shop.test/x', ExpiresAt: 'soon' }, 'failed'],
  ])('a %i %j is told as %s', async (status, body, reason) => {
    const { fetchImpl } = endpoint(() => json(status, body));
    const model = createInvitationModel({ url: '/i', sessionHandle: 'h', fetch: fetchImpl });
    await model.create();
    expect(model.state.value).toEqual({ kind: 'failed', reason });
  });

  it('a network failure can be tried again', async () => {
    let calls = 0;
    const { fetchImpl } = endpoint(() => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch');
      return json(200, { InvitationUrl: 'https://a.test/', ExpiresAt: '2026-11-30T17:00:00Z' });
    });
    const model = createInvitationModel({ url: '/i', sessionHandle: 'h', fetch: fetchImpl });
    await model.create();
    expect(model.state.value).toEqual({ kind: 'failed', reason: 'failed' });
    await model.create();
    expect(model.state.value.kind).toBe('ready');
  });

  it('one request at a time, and an answer after dispose() changes nothing', async () => {
    let release: (r: Response) => void = () => undefined;
    const { fetchImpl, requests } = endpoint(
      () => new Promise<Response>((resolve) => (release = resolve)),
    );
    const model = createInvitationModel({ url: '/i', sessionHandle: 'h', fetch: fetchImpl });
    const first = model.create();
    void model.create();
    expect(requests).toHaveLength(1);
    expect(model.state.value).toEqual({ kind: 'creating' });
    model.dispose();
    release(json(200, { InvitationUrl: 'https://a.test/', ExpiresAt: '2026-11-30T17:00:00Z' }));
    await first;
    expect(model.state.value).toEqual({ kind: 'creating' });
  });
});
