import { fileURLToPath } from 'node:url';
import { listen, type RunningApp } from './app.js';
import { staticFiles } from './http/static-files.js';
import { sendJson } from './http/send-json.js';

export interface LocalStackOptions {
  port: number;
  host?: string;
  /** Directory of the built pages; defaults to `dist/` beside this repository's root. */
  staticRoot?: string;
}

/**
 * The whole local product in one process: the demo and agent pages, the emulated Amazon Connect and
 * Chime media plane, and the reference token endpoint pointed at the emulator.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<RunningApp> {
  const staticRoot = options.staticRoot ?? fileURLToPath(new URL('../dist/', import.meta.url));
  return listen(
    {
      routes: [
        (_req, res, url) => {
          if (url.pathname !== '/healthz') return false;
          sendJson(res, 200, { status: 'ok' });
          return true;
        },
        staticFiles(staticRoot),
      ],
    },
    options.port,
    options.host,
  );
}
