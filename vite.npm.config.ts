import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { chimeSlim } from './scripts/vite-plugin-chime-slim';
import { backgroundAssets } from './scripts/vite-plugin-background-assets';

/** Left to the app's bundler: one Preact and one signals runtime for the app and the widget. */
const shared = ['preact', '@preact/signals', '@preact/signals-core'];

/**
 * The npm package's entry, dist/npm/index.js. Only Preact and signals stay imports; the Chime SDK
 * and the Participant Service client are bundled here, into the same slim media and DTMF chunks
 * as the script tag's. Left to an app's bundler, the SDK's CommonJS modules broke: one requires
 * the SDK's own index in a cycle (Vite apps got "Class extends value undefined"), the AWS client
 * pulled Node's credential providers into esbuild apps, and the media chunk grew by half.
 */
export default defineConfig({
  plugins: [chimeSlim(), backgroundAssets()],
  // public/ holds the demo's test fixtures: nothing of it belongs in what hosts upload or install.
  publicDir: false,
  define: {
    __CONNECT_VIDEO_PROFILE__: 'false',
    // The Chime SDK reads Node's `global` and `process.env.NODE_ENV`; an app's bundler may not
    // define them for code in a dependency.
    global: 'globalThis',
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
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
      external: (id) => shared.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      // Minified like the script tag's chunks: an app's bundler takes them as they are.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
    },
  },
});
