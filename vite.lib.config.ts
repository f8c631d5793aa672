import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;

/**
 * The widget as ES modules in dist/widget: the npm entry (`index.js`) and the script-tag embed
 * module (`connect-video-embed.js`) that the loader imports. The media chunk (Chime SDK) is split
 * off and loaded only when a call starts.
 */
export default defineConfig({
  define: {
    // The Chime SDK reads Node's `global` at run time.
    global: 'globalThis',
    'process.env.NODE_ENV': JSON.stringify('production'),
  },
  build: {
    outDir: 'dist/widget',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        index: resolve(root, 'src/index.ts'),
        'connect-video-embed': resolve(root, 'src/embed/script-tag-embed.ts'),
      },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
