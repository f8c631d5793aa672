/**
 * The response headers `dist/widget` needs when it is served from a host of its own (a CDN): the
 * README's "Hosting the script tag", the CloudFront template beside this file and the end-to-end
 * tests' second origin all follow this one definition.
 *
 * - `Access-Control-Allow-Origin`: the loader imports `connect-video-embed.js` and the panel its
 *   chunks as ES modules, which browsers fetch in CORS mode; without the header the import fails.
 *   The files are public and fetched without credentials, so `*` is enough.
 * - `Content-Type: text/javascript`: module scripts are refused under any non-JavaScript type
 *   (`application/wasm` for the background effect's WebAssembly, compiled as it streams).
 * - `Cache-Control`: the two entry files keep their names from one release to the next, so a
 *   browser keeps them only briefly; everything under `chunks/` carries a hash of its content in
 *   its name and never changes.
 */

/** The files whose names stay the same across releases. */
export const ENTRY_FILES = ['connect-video.js', 'connect-video-embed.js'] as const;

/** Seconds a browser (and the CDN) may keep an entry file. */
export const ENTRY_MAX_AGE = 300;

export const ENTRY_CACHE_CONTROL = `public, max-age=${ENTRY_MAX_AGE}`;
export const CHUNK_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Whether a path (as requested, `/chunks/x.js` or `/v2/chunks/x.js`) is a hashed chunk. */
export const isChunk = (path: string): boolean => /(^|\/)chunks\//.test(path);

/**
 * JavaScript, or the background effect's WebAssembly (whose streaming compile needs its own type)
 * and model.
 */
const contentType = (path: string) =>
  path.endsWith('.js')
    ? 'text/javascript; charset=utf-8'
    : path.endsWith('.wasm')
      ? 'application/wasm'
      : path.endsWith('.tflite')
        ? 'application/octet-stream'
        : 'application/json';

/** The headers to send with one file of `dist/widget`; `cors: false` is the broken setup. */
export function widgetHeaders(path: string, { cors = true } = {}): Record<string, string> {
  return {
    'content-type': contentType(path),
    'cache-control': isChunk(path) ? CHUNK_CACHE_CONTROL : ENTRY_CACHE_CONTROL,
    'x-content-type-options': 'nosniff',
    ...(cors && { 'access-control-allow-origin': '*' }),
  };
}
