import { startLocalStack } from './local-stack.js';
import { isTurnServerInstalled, turnServerBinary } from './emulator/media/turn-server.js';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}".`);
  process.exit(1);
}

// TURN as production: coturn relays every call. EMULATOR_TURN=off runs without it on purpose;
// EMULATOR_TURN=required (the tests) refuses to start without it; by default a missing coturn
// only leaves the calls unrelayed, and the banner below says so.
const turnMode = process.env.EMULATOR_TURN ?? 'auto';
if (!['auto', 'required', 'off'].includes(turnMode)) {
  console.error(`EMULATOR_TURN must be auto, required or off, got "${turnMode}".`);
  process.exit(1);
}
// The standard TURN port beside a fixed PORT; a free one beside PORT=0 (test stacks of their own).
const turnPort = Number(process.env.TURN_PORT ?? (port === 0 ? 0 : 3478));
if (!Number.isInteger(turnPort) || turnPort < 0 || turnPort > 65535) {
  console.error(`TURN_PORT must be a port number, got "${process.env.TURN_PORT}".`);
  process.exit(1);
}
const turnTransports = process.env.EMULATOR_TURN_TRANSPORTS ?? 'udp+tcp';
if (turnTransports !== 'udp+tcp' && turnTransports !== 'tcp') {
  console.error(`EMULATOR_TURN_TRANSPORTS must be udp+tcp or tcp, got "${turnTransports}".`);
  process.exit(1);
}
const coturnInstalled = isTurnServerInstalled();
if (turnMode === 'required' && !coturnInstalled) {
  console.error(
    `EMULATOR_TURN=required, but coturn is not installed (${turnServerBinary()}). Run: node scripts/ensure-coturn.mjs`,
  );
  process.exit(1);
}
const withTurn = turnMode !== 'off' && coturnInstalled;
// Connect's concurrent active calls quota is 10 by default and can be raised (Service Quotas).
const maxContacts = Number(process.env.EMULATOR_MAX_CONTACTS ?? 10);
if (!Number.isInteger(maxContacts) || maxContacts < 1) {
  console.error(
    `EMULATOR_MAX_CONTACTS must be a whole number of 1 or more, got "${process.env.EMULATOR_MAX_CONTACTS}".`,
  );
  process.exit(1);
}

const app = await startLocalStack({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  // As a Connect instance with echo reduction turned on would answer.
  echoReduction: process.env.EMULATOR_ECHO_REDUCTION === 'available',
  turn: withTurn ? { port: turnPort, transports: turnTransports } : undefined,
  // Another contact flow than the demo's (server/emulator/README.md, "Contact flows").
  flowPath: process.env.EMULATOR_FLOW || undefined,
  maxConcurrentContacts: maxContacts,
}).catch((error: Error & { code?: string }) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use: set PORT to another port.`
      : `Could not start: ${error.message}`,
  );
  process.exit(1);
});
const shown = app.url.replace('127.0.0.1', 'localhost');
console.log(`Customer demo:  ${shown}/`);
console.log(`Agent console:  ${shown}/agent.html`);
console.log(
  `Contact flow:   ${process.env.EMULATOR_FLOW || 'the demo flow (server/emulator/flow/default-flow.json)'}`,
);
if (app.turn) {
  const over = app.turn.transports === 'tcp' ? 'TCP only (UDP blocked)' : 'UDP and TCP';
  console.log(`TURN server:    127.0.0.1:${app.turn.port}, ${over}: every call is relayed`);
} else {
  console.log(
    turnMode === 'off'
      ? 'TURN server:    NONE (EMULATOR_TURN=off): calls connect directly, which production never does'
      : 'TURN server:    NONE, coturn is not installed (sudo apt-get install -y coturn): calls connect directly, which production never does',
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
