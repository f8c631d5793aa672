import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { measureBundles, type BundleSize } from '../scripts/bundle-sizes';

export interface SizeResult {
  bundles: BundleSize[];
  /** The bare SDK page's script (the SDK's index and a minimal join), bundled by Vite. */
  bareSdk: { files: string[]; raw: number; gzip: number; brotli: number };
}

export function measureSizes(): SizeResult {
  const assets = resolve('dist/bench/assets');
  const files = readdirSync(assets).filter((f) => /^bareSdk-.*\.js$/.test(f));
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = readFileSync(resolve(assets, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
    brotli += brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  return { bundles: measureBundles(), bareSdk: { files, raw, gzip, brotli } };
}
