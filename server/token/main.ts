import { listen } from '../app.js';
import { ConfigError, loadTokenEndpointConfig, type TokenEndpointMode } from './config.js';
import { createConnectClient } from './connect-client.js';
import { jsonLogger } from './logger.js';
import { createTokenEndpoint } from './token-endpoint.js';

/**
 * The token endpoint on its own: `npx tsx server/token/main.ts`. AWS mode by default (credentials
 * from the AWS SDK's usual chain); TOKEN_ENDPOINT_MODE=local targets an emulator at
 * CONNECT_ENDPOINT instead.
 */
const mode = (process.env.TOKEN_ENDPOINT_MODE ?? 'aws') as TokenEndpointMode;
if (mode !== 'aws' && mode !== 'local') {
  console.error('TOKEN_ENDPOINT_MODE: must be aws or local.');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 8081);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}".`);
  process.exit(1);
}

let config;
try {
  config = loadTokenEndpointConfig(process.env, mode);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : (error as Error).name);
  process.exit(1);
}

const app = await listen(
  {
    routes: [
      createTokenEndpoint(config, { connect: createConnectClient(config), logger: jsonLogger }),
    ],
  },
  port,
  process.env.HOST ?? '127.0.0.1',
).catch((error: Error & { code?: string }) => {
  console.error(
    error.code === 'EADDRINUSE'
      ? `Port ${port} is in use: set PORT to another port.`
      : error.message,
  );
  process.exit(1);
});
console.log(`Token endpoint (${mode} mode): ${app.url}/api/session`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
