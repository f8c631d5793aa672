import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { RouteHandler } from './route.js';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  // The background effect's WebAssembly: under any other type the browser will not compile it as it
  // streams, and the SDK's loader fetches it a second time to compile it whole.
  '.wasm': 'application/wasm',
};

/** Serves the built files under `root` for GET and HEAD; `/` and `/dir/` serve `index.html`. */
export function staticFiles(root: string): RouteHandler {
  const base = normalize(root + sep);
  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return false;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = normalize(join(base, pathname));
    if (!file.startsWith(base)) return false;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return false;
    res.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      // Hashed chunks never change; pages and the loader must be revalidated.
      'cache-control': pathname.includes('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
    } else {
      createReadStream(file).pipe(res);
    }
    return true;
  };
}
