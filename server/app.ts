import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { HttpError } from './http/http-error.js';
import type { RouteHandler } from './http/route.js';
import { sendJson } from './http/send-json.js';

export type UpgradeHandler = (
  req: import('node:http').IncomingMessage,
  socket: Duplex,
  head: Buffer,
) => boolean;

export interface AppParts {
  routes: RouteHandler[];
  upgrades?: UpgradeHandler[];
  onClose?: () => Promise<void> | void;
}

export interface RunningApp {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** One HTTP server on loopback that tries each mounted part in order. */
export async function listen(
  parts: AppParts,
  port: number,
  host = '127.0.0.1',
): Promise<RunningApp> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    void (async () => {
      try {
        for (const route of parts.routes) {
          if (await route(req, res, url)) return;
        }
        sendJson(res, 404, { code: 'NotFound', message: 'Nothing is served at this path.' });
      } catch (error) {
        if (res.headersSent) {
          res.destroy();
        } else if (error instanceof HttpError) {
          sendJson(res, error.status, { code: error.code, message: error.message }, error.headers);
        } else {
          console.error(
            'Unhandled error for %s %s: %s',
            req.method,
            url.pathname,
            (error as Error)?.message,
          );
          sendJson(res, 500, { code: 'InternalError', message: 'Internal server error.' });
        }
      }
    })();
  });
  // Clients keep idle connections for reuse (browsers, Playwright's request context, a load
  // balancer). With Node's default of 5 s the server may close one just as a client sends on it,
  // which the client sees as ECONNRESET: idle connections outlive any client's own idle timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('upgrade', (req, socket, head) => {
    for (const upgrade of parts.upgrades ?? []) {
      if (upgrade(req, socket, head)) return;
    }
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: actualPort,
    url: `http://${host}:${actualPort}`,
    async close() {
      await parts.onClose?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
