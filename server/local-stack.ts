import { fileURLToPath } from 'node:url';
import { listen, type RunningApp } from './app.js';
import type { RouteHandler } from './http/route.js';
import { staticFiles } from './http/static-files.js';
import { sendJson } from './http/send-json.js';
import { loadTokenEndpointConfig, type TokenEndpointEnv } from './token/config.js';
import { createConnectClient } from './token/connect-client.js';
import { jsonLogger, type TokenLogger } from './token/logger.js';
import { createTokenEndpoint } from './token/token-endpoint.js';

export interface LocalStackOptions {
  port: number;
  host?: string;
  /** Directory of the built pages; defaults to `dist/` beside this repository's root. */
  staticRoot?: string;
  tokenEndpoint?: {
    /**
     * Where the token endpoint's ConnectClient sends StartWebRTCContact. Defaults to this
     * server's own `/emulator/connect` (known once it listens), or CONNECT_ENDPOINT if set.
     */
    connectEndpoint?: string;
    /** Overrides for local mode (capabilities, origins...); defaults to `process.env`. */
    env?: TokenEndpointEnv;
    logger?: TokenLogger;
  };
}

/**
 * The whole local product in one process: the demo and agent pages, the emulated Amazon Connect and
 * Chime media plane, and the reference token endpoint pointed at the emulator.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningApp> {
  const staticRoot = options.staticRoot ?? fileURLToPath(new URL('../dist/', import.meta.url));
  // The token endpoint's default target is this very server, whose port is known only after
  // listening (PORT=0 in tests): it is created then, and requests before that fall through.
  const token: { endpoint?: RouteHandler } = {};
  const app = await listen(
    {
      routes: [
        (_req, res, url) => {
          if (url.pathname !== '/healthz') return false;
          sendJson(res, 200, { status: 'ok' });
          return true;
        },
        (req, res, url) => token.endpoint?.(req, res, url) ?? false,
        staticFiles(staticRoot),
      ],
    },
    options.port,
    options.host,
  );
  const config = loadTokenEndpointConfig(options.tokenEndpoint?.env ?? process.env, 'local', {
    connectEndpoint: options.tokenEndpoint?.connectEndpoint ?? `${app.url}/emulator/connect`,
  });
  token.endpoint = createTokenEndpoint(config, {
    connect: createConnectClient(config),
    logger: options.tokenEndpoint?.logger ?? jsonLogger,
  });
  return app;
}
