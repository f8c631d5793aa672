import { defineConfig } from 'vite';
import { resolve } from 'node:path';

/** The script-tag loader, `dist/widget/connect-video.js`: one classic script, no imports. */
export default defineConfig({
  // public/ holds the demo's test fixtures: nothing of it belongs in what hosts upload or install.
  publicDir: false,
  build: {
    outDir: 'dist/widget',
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/embed/loader.ts'),
      formats: ['iife'],
      name: 'ConnectVideoLoader',
      fileName: () => 'connect-video.js',
    },
  },
});
