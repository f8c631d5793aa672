import { startLocalStack } from './local-stack.js';

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}".`);
  process.exit(1);
}

const app = await startLocalStack({
  port,
  host: process.env.HOST ?? '127.0.0.1',
  // As a Connect instance with echo reduction turned on would answer.
  echoReduction: process.env.EMULATOR_ECHO_REDUCTION === 'available',
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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
