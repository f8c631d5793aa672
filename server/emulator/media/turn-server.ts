import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Which listeners coturn opens: `tcp` alone is a network where UDP to the TURN server is blocked. */
export type TurnTransports = 'udp+tcp' | 'tcp';

export interface TurnServerOptions {
  /** The listening port (UDP and TCP); 0 picks a free one. */
  port: number;
  transports?: TurnTransports;
  /** The coturn binary; default TURNSERVER_PATH or /usr/bin/turnserver. */
  binary?: string;
}

export interface TurnServer {
  port: number;
  /** The shared secret of coturn's TURN REST authentication (`--static-auth-secret`). */
  secret: string;
  realm: string;
  /**
   * The URIs handed out in JOIN_ACK. Both transports always, as production lists them: with
   * `transports: 'tcp'` the UDP one leads nowhere, as on a network that blocks UDP.
   */
  uris: string[];
  transports: TurnTransports;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const REALM = 'emulator.local';

export function turnServerBinary(): string {
  return process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';
}

export function isTurnServerInstalled(binary = turnServerBinary()): boolean {
  return existsSync(binary);
}

/**
 * Starts coturn on loopback as the emulator's TURN server and resolves once it answers. Each stack
 * runs its own (its own secret, port and database), so parallel test stacks never share one.
 */
export async function startTurnServer(options: TurnServerOptions): Promise<TurnServer> {
  const binary = options.binary ?? turnServerBinary();
  if (!isTurnServerInstalled(binary)) {
    throw new Error(`coturn is not installed (${binary}): run node scripts/ensure-coturn.mjs`);
  }
  const transports = options.transports ?? 'udp+tcp';
  // A coturn left behind on a fixed port would answer the readiness check with another secret, and
  // every call would then fail to gather a candidate: refuse to start instead.
  if (options.port && !(await isPortFree(options.port))) {
    throw new Error(
      `TURN port ${options.port} is in use (a TURN server left behind by an earlier run?)`,
    );
  }
  const port = options.port || (await freePort());
  const secret = randomBytes(24).toString('hex');
  const dir = mkdtempSync(join(tmpdir(), 'emulator-turn-'));
  const args = [
    '-n', // no /etc/turnserver.conf: everything is on this command line
    `--listening-ip=${HOST}`,
    `--relay-ip=${HOST}`,
    `--listening-port=${port}`,
    // The server-side peer (werift) only has a loopback host candidate: coturn refuses to relay to
    // loopback peers unless told to.
    '--allow-loopback-peers',
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${REALM}`,
    '--fingerprint',
    // No TLS/DTLS listeners (no certificate), no telnet CLI (it would take port 5766 for every
    // stack), nothing written outside this stack's own directory.
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--db=${join(dir, 'turndb')}`,
    '--log-file=stdout',
    '--simple-log',
    '--no-software-attribute',
    '--no-multicast-peers',
    ...(transports === 'tcp' ? ['--no-udp'] : []),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    // The last few kB only, for an error message.
    log = (log + chunk.toString()).slice(-4_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  // Whatever ends this process (a crash included), coturn goes with it.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  child.once('exit', () => {
    process.off('exit', orphaned);
    cleanup();
  });
  try {
    await waitUntilListening(child, port, transports, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const uris = [`turn:${HOST}:${port}?transport=udp`, `turn:${HOST}:${port}?transport=tcp`];
  return {
    port,
    secret,
    realm: REALM,
    uris,
    transports,
    close: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    // coturn stops within milliseconds on SIGTERM; never leave one behind.
    setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
  });
}

/** A port free for both TCP and UDP on loopback, for a coturn of its own. */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, HOST, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (await isUdpFree(port)) return port;
  }
  throw new Error('no free port for the TURN server');
}

function isUdpFree(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, HOST, () => socket.close(() => resolve(true)));
  });
}

async function isPortFree(port: number): Promise<boolean> {
  const tcpFree = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
  return tcpFree && (await isUdpFree(port));
}

/** Polls until coturn accepts TCP and (when it listens on UDP) answers a STUN binding request. */
async function waitUntilListening(
  child: ChildProcess,
  port: number,
  transports: TurnTransports,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`coturn exited (${child.exitCode}) on port ${port}:\n${log()}`);
    }
    const tcp = await tcpAccepts(port);
    const udp = transports === 'tcp' || (tcp && (await stunAnswers(port)));
    if (tcp && udp) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`coturn did not start listening on port ${port} within 10 s:\n${log()}`);
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Sends a STUN Binding request (RFC 5389) over UDP; true if a Binding success answer comes. */
function stunAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomBytes(12).copy(request, 8);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 200);
    socket.once('error', () => done(false));
    socket.once('message', (message) => done(message.readUInt16BE(0) === 0x0101));
    socket.send(request, port, HOST);
  });
}
