import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTurnClient } from 'werift';
import { turnCredentials } from './turn-credentials.js';
import { startTurnServer, type TurnServer } from './turn-server.js';

/**
 * The credentials JOIN_ACK hands out, checked by a real coturn (the one the stack starts): a TURN
 * allocation with them succeeds, and one past their expiry or signed with another secret is
 * refused. The browser's allocation is the same exchange.
 */
describe('startTurnServer and turnCredentials', () => {
  let udpAndTcp: TurnServer;
  let tcpOnly: TurnServer;
  beforeAll(async () => {
    [udpAndTcp, tcpOnly] = await Promise.all([
      startTurnServer({ port: 0 }),
      startTurnServer({ port: 0, transports: 'tcp' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([udpAndTcp?.close(), tcpOnly?.close()]);
  });

  const allocate = async (
    server: TurnServer,
    credentials: { username: string; password: string },
    transport: 'udp' | 'tcp',
  ): Promise<string> => {
    const attempt = createTurnClient(
      { address: ['127.0.0.1', server.port], ...credentials },
      { transport },
    );
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no answer')), 3_000),
    );
    const client = await Promise.race([attempt, timeout]);
    const [host] = client.relayedAddress;
    await client.close?.();
    return host;
  };

  const credentials = (server: TurnServer, now?: number, secret = server.secret) =>
    turnCredentials({ secret, user: 'attendee-1', ttlSeconds: 600, uris: server.uris, now });

  it('refuses a fixed port another TURN server already holds, naming it', async () => {
    await expect(startTurnServer({ port: udpAndTcp.port })).rejects.toThrow(
      `TURN port ${udpAndTcp.port} is in use`,
    );
  });

  it('hands out both transports, as production lists them', () => {
    expect(udpAndTcp.uris).toEqual([
      `turn:127.0.0.1:${udpAndTcp.port}?transport=udp`,
      `turn:127.0.0.1:${udpAndTcp.port}?transport=tcp`,
    ]);
    const c = credentials(udpAndTcp, Date.UTC(2030, 0, 1));
    expect(c.username).toBe(`${Date.UTC(2030, 0, 1) / 1000 + 600}:attendee-1`);
    expect(c.ttl).toBe(600);
  });

  it('allocates a loopback relay over UDP and over TCP with fresh credentials', async () => {
    expect(await allocate(udpAndTcp, credentials(udpAndTcp), 'udp')).toBe('127.0.0.1');
    expect(await allocate(udpAndTcp, credentials(udpAndTcp), 'tcp')).toBe('127.0.0.1');
  });

  it('refuses expired credentials and credentials signed with another secret', async () => {
    const expired = credentials(udpAndTcp, Date.now() - 3_600_000);
    await expect(allocate(udpAndTcp, expired, 'udp')).rejects.toThrow();
    const forged = credentials(udpAndTcp, undefined, 'not-the-secret');
    await expect(allocate(udpAndTcp, forged, 'udp')).rejects.toThrow();
  });

  it('with transports "tcp" answers nothing over UDP, as a network that blocks UDP', async () => {
    await expect(allocate(tcpOnly, credentials(tcpOnly), 'udp')).rejects.toThrow();
    expect(await allocate(tcpOnly, credentials(tcpOnly), 'tcp')).toBe('127.0.0.1');
  });
});
