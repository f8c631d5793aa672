import { fileURLToPath } from 'node:url';
import { listen, type RunningApp } from './app.js';
import { createEmulator } from './emulator/emulator.js';
import type { MediaPlane } from './emulator/media/media-plane.js';
import type { RouteHandler } from './http/route.js';
import { staticFiles } from './http/static-files.js';
import { sendJson } from './http/send-json.js';

export interface LocalStackOptions {
  port: number;
  host?: string;
  /** Directory of the built pages; defaults to `dist/` beside this repository's root. */
  staticRoot?: string;
  /** The Chime media plane; the emulated Connect routes are mounted only when it is given. */
  mediaPlane?: MediaPlane;
  /** The origin clients reach this server at; defaults to the address it listens on. */
  publicUrl?: string;
}

/**
 * The whole local product in one process: the demo and agent pages, the emulated Amazon Connect and
 * Chime media plane, and the reference token endpoint pointed at the emulator.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningApp> {
  const staticRoot = options.staticRoot ?? fileURLToPath(new URL('../dist/', import.meta.url));
  // The listening address is known only once the server is up (port 0 picks one).
  let listeningUrl = '';
  const emulator = options.mediaPlane
    ? createEmulator({
        mediaPlane: options.mediaPlane,
        publicUrl: () => options.publicUrl ?? listeningUrl,
      })
    : undefined;
  const health: RouteHandler = (_req, res, url) => {
    if (url.pathname !== '/healthz') return false;
    sendJson(res, 200, { status: 'ok' });
    return true;
  };
  const app = await listen(
    {
      routes: [health, ...(emulator?.routes ?? []), staticFiles(staticRoot)],
      onClose: () => emulator?.dispose(),
    },
    options.port,
    options.host,
  );
  listeningUrl = app.url;
  return app;
}
