import { fileURLToPath } from 'node:url';
import { listen, type RunningApp } from './app.js';
import { staticFiles } from './http/static-files.js';
import { sendJson } from './http/send-json.js';
import type { RouteHandler } from './http/route.js';
import { ChimeMediaPlane } from './emulator/media/chime-media-plane.js';
import type { MeetingTimings } from './emulator/media/meeting.js';

export interface LocalStackOptions {
  port: number;
  host?: string;
  /** Directory of the built pages; defaults to `dist/` beside this repository's root. */
  staticRoot?: string;
  mediaTimings?: Partial<MeetingTimings>;
  /** Extra routes mounted before the static files (tests). */
  routes?: (parts: { mediaPlane: ChimeMediaPlane }) => RouteHandler[];
}

export interface LocalStack extends RunningApp {
  mediaPlane: ChimeMediaPlane;
}

/**
 * The whole local product in one process: the demo and agent pages, the emulated Amazon Connect and
 * Chime media plane, and the reference token endpoint pointed at the emulator.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const staticRoot = options.staticRoot ?? fileURLToPath(new URL('../dist/', import.meta.url));
  let baseUrl = '';
  const mediaPlane = new ChimeMediaPlane({
    publicUrl: () => baseUrl,
    timings: options.mediaTimings,
  });
  const app = await listen(
    {
      routes: [
        (_req, res, url) => {
          if (url.pathname !== '/healthz') return false;
          sendJson(res, 200, { status: 'ok' });
          return true;
        },
        ...(options.routes?.({ mediaPlane }) ?? []),
        staticFiles(staticRoot),
      ],
      upgrades: [mediaPlane.handleUpgrade],
      onClose: () => mediaPlane.close(),
    },
    options.port,
    options.host,
  );
  baseUrl = app.url;
  return { ...app, mediaPlane };
}
