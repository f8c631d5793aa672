import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

/**
 * The benchmark's pages, in dist/bench: the host page (with and without the script tag) and the
 * bare Chime SDK page, bundled as an application would bundle the SDK (its index, everything).
 */
export default defineConfig({
  root: resolve(root, 'bench/pages'),
  base: '/bench/',
  define: { global: 'globalThis' },
  logLevel: 'warn',
  build: {
    outDir: resolve(root, 'dist/bench'),
    emptyOutDir: false,
    target: 'es2022',
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: {
        host: resolve(root, 'bench/pages/host.html'),
        bareSdk: resolve(root, 'bench/pages/bare-sdk.html'),
      },
      output: { entryFileNames: 'assets/[name]-[hash].js' },
    },
  },
});
