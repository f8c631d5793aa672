import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import pkg from './package.json' with { type: 'json' };

const dependencies = Object.keys(pkg.dependencies);

/**
 * The npm package's entry, dist/npm/index.js: the app's bundler resolves our dependencies (one
 * Preact for the app and the widget's component), and the media chunk stays a dynamic import.
 */
export default defineConfig({
  define: { __CONNECT_VIDEO_PROFILE__: 'false' },
  // public/ holds the demo's test fixtures: nothing of it belongs in what hosts upload or install.
  publicDir: false,
  build: {
    outDir: 'dist/npm',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: resolve(import.meta.dirname, 'src/index.ts'),
      formats: ['es'],
      fileName: () => 'index.js',
    },
    rollupOptions: {
      external: (id) => dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
