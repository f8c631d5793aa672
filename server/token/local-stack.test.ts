import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningApp } from '../app.js';
import { startLocalStack } from '../local-stack.js';
import { silentLogger } from './logger.js';
import { startConnectFixture, type ConnectFixture } from './testing/connect-fixture.js';

describe('the token endpoint in the npm start process (local mode)', () => {
  let root: string;
  let fixture: ConnectFixture;
  let app: RunningApp;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stack-'));
    fixture = await startConnectFixture({
      instanceId: 'local-instance',
      contactFlowId: 'local-flow',
    });
    app = await startLocalStack({
      port: 0,
      staticRoot: root,
      tokenEndpoint: { connectEndpoint: fixture.endpoint, env: {}, logger: silentLogger },
    });
  });
  afterAll(async () => {
    await app.close();
    await fixture.close();
    await rm(root, { recursive: true });
  });

  it('serves /api/health and starts a session on the emulator with every capability', async () => {
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    // The demo page is same-origin; a widget dev server on another loopback port is allowed too.
    for (const origin of [app.url, 'http://localhost:5173']) {
      const res = await fetch(`${app.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ displayName: 'Ada', attributes: { anyKey: 'local' } }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { SessionHandle: string }).SessionHandle).toMatch(/^ey/);
    }
    expect(fixture.calls[0]!.body).toMatchObject({
      InstanceId: 'local-instance',
      ContactFlowId: 'local-flow',
      AllowedCapabilities: {
        Customer: { Video: 'SEND', ScreenShare: 'SEND' },
        Agent: { Video: 'SEND', ScreenShare: 'SEND' },
      },
      Attributes: { anyKey: 'local' },
    });
    // Local mode signs with dummy credentials: nothing real is ever needed or sent.
    expect(fixture.calls[0]!.headers.authorization).toContain('Credential=LOCALEMULATOR/');
  });

  it('lets the demo switches choose the capabilities in local mode, and names a bad switch', async () => {
    const post = (query: string) =>
      fetch(`${app.url}/api/session${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify({ displayName: 'Ada' }),
      });
    const res = await post('?capabilities=customerVideo,agentScreenShare');
    expect(res.status).toBe(200);
    const expected = { Customer: { Video: 'SEND' }, Agent: { ScreenShare: 'SEND' } };
    expect(((await res.json()) as { AllowedCapabilities: unknown }).AllowedCapabilities).toEqual(
      expected,
    );
    expect(fixture.calls.at(-1)!.body).toMatchObject({ AllowedCapabilities: expected });
    const none = await post('?capabilities=');
    expect(((await none.json()) as { AllowedCapabilities: unknown }).AllowedCapabilities).toEqual({
      Customer: {},
      Agent: {},
    });
    const bad = await post('?capabilities=agentTeleport');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('capabilities');
  });

  it('starts screen sharing only on a contact whose own capabilities allow it', async () => {
    const call = async (path: string, body: unknown) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: app.url },
        body: JSON.stringify(body),
      });
    const handleFor = async (capabilities: string) => {
      const res = await call(`/api/session?capabilities=${capabilities}`, { displayName: 'Ada' });
      return ((await res.json()) as { SessionHandle: string }).SessionHandle;
    };
    const shares = () => fixture.calls.filter((c) => c.operation === 'StartScreenSharing').length;
    const before = shares();

    const withoutShare = await call('/api/screen-sharing', {
      sessionHandle: await handleFor('customerVideo'),
    });
    expect(withoutShare.status).toBe(403);
    expect(await withoutShare.json()).toMatchObject({ code: 'ScreenSharingNotAllowed' });
    expect(shares()).toBe(before);

    const withShare = await call('/api/screen-sharing', {
      sessionHandle: await handleFor('customerVideo,customerScreenShare'),
    });
    expect(withShare.status).toBe(200);
    expect(shares()).toBe(before + 1);
  });

  it('still refuses a foreign origin in local mode', async () => {
    const res = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ displayName: 'Ada' }),
    });
    expect(res.status).toBe(403);
  });
});
