import { createServer, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';
import { widgetHeaders } from '../../server/cdn/widget-headers';

const root = normalize(join(import.meta.dirname, '../../dist/widget') + sep);

export interface WidgetOrigin {
  /** `http://127.0.0.1:<port>`: another origin than the test server's `http://localhost:<port>`. */
  url: string;
  /** Every path (with its query) the browser asked for, in order. */
  requests: string[];
  /** Whether the answers carry `Access-Control-Allow-Origin` (a CDN set up as the README says). */
  cors: boolean;
  /** Paths that get no answer until `release()`: a CDN that accepts the connection and hangs. */
  hang: (path: string) => boolean;
  /** Answers the hung requests, with the headers the origin sends by then. */
  release(): void;
  close(): Promise<void>;
}

/**
 * The built `dist/widget` served from an origin of its own, as a CDN serves it, with the headers
 * the README's "Hosting the script tag" recommends (server/cdn/widget-headers.ts; CORS only while
 * `cors`). On a port the system picks, so parallel tests and runs never collide.
 */
export async function serveWidget(options: { cors: boolean }): Promise<WidgetOrigin> {
  const hung: (() => void)[] = [];
  const send = async (path: string, res: ServerResponse) => {
    const file = normalize(join(root, path));
    const body = file.startsWith(root) ? await readFile(file).catch(() => undefined) : undefined;
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, widgetHeaders(path, { cors: origin.cors })).end(body);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://origin');
    origin.requests.push(url.pathname + url.search);
    if (origin.hang(url.pathname)) hung.push(() => void send(url.pathname, res));
    else void send(url.pathname, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin: WidgetOrigin = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    cors: options.cors,
    hang: () => false,
    release: () => hung.splice(0).forEach((answer) => answer()),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return origin;
}
