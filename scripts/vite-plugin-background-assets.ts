import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { segmentationMetadata, withMetadata } from './segmentation-model';

/** The module whose content the build replaces (it only throws unbuilt). */
const ASSETS_MODULE = /src[\\/]media[\\/]background[\\/]background-assets\.ts$/;
const require = createRequire(import.meta.url);
/** The effect's worker, a chunk of its own (a module worker imports it: background-worker.ts). */
const WORKER_CHUNK = /(^|\/)background-worker-[^/]+\.js$/;
const WORKER_MODULE = resolve(
  import.meta.dirname,
  '../src/media/background/segmentation-worker.ts',
);

// tasks-vision posts usage logs to a Google endpoint every minute (its `flush`); the widget makes
// no request to a third party, and a strict CSP would report it. The flush is cut short here; the
// build fails if the package no longer has it, rather than ship the request unnoticed.
const TELEMETRY_FLUSH = 'flush(t,e){if(this.error)e?.("net-send-failed");';
const TELEMETRY_URL = 'https://odml.pa.googleapis.com/v1/log';

/**
 * The background effect's files, emitted among the chunks as `chunks/<name>-<hash>.<ext>`
 * (hashed, so a CDN's rules for chunks fit them: CORS, cached for good):
 * the WebAssembly build of @mediapipe/tasks-vision (SIMD only: without SIMD the option is not
 * offered) with its loader, and the selfie segmentation model of @mediapipe/selfie_segmentation
 * with the metadata tasks-vision needs (scripts/segmentation-model.ts). Its module, src/media/background/background-assets.ts, gives
 * their URLs as `import.meta.ROLLUP_FILE_URL_…`, that is relative to the chunk that uses them: a CDN
 * serves them beside the chunks, and an app's bundler sees `new URL('…', import.meta.url)`.
 */
export function backgroundAssets(): Plugin {
  const emitted = new Set<string>();
  const files = () => {
    const model = withMetadata(
      new Uint8Array(
        readFileSync(
          require.resolve('@mediapipe/selfie_segmentation/selfie_segmentation_landscape.tflite'),
        ),
      ),
      segmentationMetadata(),
    );
    return {
      wasmLoader: [
        'vision_wasm_module_internal',
        'js',
        readFileSync(require.resolve('@mediapipe/tasks-vision/vision_wasm_module_internal.js')),
      ],
      wasmBinary: [
        'vision_wasm_module_internal',
        'wasm',
        readFileSync(require.resolve('@mediapipe/tasks-vision/vision_wasm_module_internal.wasm')),
      ],
      model: ['selfie_segmentation_landscape', 'tflite', model],
    } as const;
  };
  return {
    name: 'connect-video-background-assets',
    // Vite writes emitted files' URLs from its `base` ("/": the page's origin); these go relative
    // to the chunk, `new URL('./…', import.meta.url)`, wherever the chunks are served.
    config: () => ({
      experimental: {
        renderBuiltUrl: (fileName: string) =>
          emitted.has(fileName) || WORKER_CHUNK.test(fileName) ? { relative: true } : undefined,
      },
    }),
    load(id) {
      if (!ASSETS_MODULE.test(id.split('?')[0]!)) return undefined;
      const lines = Object.entries(files()).map(([key, [name, ext, source]]) => {
        const hash = createHash('sha256').update(source).digest('hex').slice(0, 8);
        const fileName = `chunks/${name}-${hash}.${ext}`;
        emitted.add(fileName);
        const ref = this.emitFile({ type: 'asset', fileName, source });
        return `export const ${key} = import.meta.ROLLUP_FILE_URL_${ref};`;
      });
      const worker = this.emitFile({
        type: 'chunk',
        id: WORKER_MODULE,
        name: 'background-worker',
      });
      lines.push(`export const worker = import.meta.ROLLUP_FILE_URL_${worker};`);
      return lines.join('\n');
    },
    // Firefox checks the static imports of a worker's modules against the page's `worker-src`, even
    // in a module the worker imported dynamically (Chromium, against `script-src`): with one, a host
    // would have to allow the widget's origin in `worker-src` as well. The worker's chunk stands
    // alone instead.
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !WORKER_CHUNK.test(chunk.fileName)) continue;
        if (chunk.imports.length > 0)
          throw new Error(
            `${chunk.fileName} imports ${chunk.imports.join(', ')}: the background effect's worker ` +
              'must share no module with the page side (background-compositor.ts)',
          );
      }
    },
    transform(code, id) {
      if (!/@mediapipe[\\/]tasks-vision[\\/]vision_bundle\.mjs$/.test(id.split('?')[0]!))
        return undefined;
      if (!code.includes(TELEMETRY_URL) || code.split(TELEMETRY_FLUSH).length !== 2)
        throw new Error('@mediapipe/tasks-vision changed: its usage-log flush was not found');
      return {
        code: code.replace(
          TELEMETRY_FLUSH,
          `flush(t,e){this.i=[];return;${TELEMETRY_FLUSH.slice('flush(t,e){'.length)}`,
        ),
        map: null,
      };
    },
  };
}
