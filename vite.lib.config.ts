import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { chimeSlim } from './scripts/vite-plugin-chime-slim';
import { backgroundAssets } from './scripts/vite-plugin-background-assets';
import { retryableImports } from './scripts/vite-plugin-retryable-imports';

const root = import.meta.dirname;

/**
 * The script-tag embed as ES modules in dist/widget: `connect-video-embed.js`, which the loader
 * imports, with everything bundled (a host page brings nothing). The media chunk (Chime SDK) is
 * split off and loaded only when a call starts. A chunk that failed to load is fetched again under
 * a fresh URL on the next attempt (scripts/vite-plugin-retryable-imports.ts).
 */
export default defineConfig(({ mode }) => ({
  plugins: [chimeSlim(), backgroundAssets(), retryableImports()],
  // public/ holds the demo's test fixtures: nothing of it belongs in what hosts upload or install.
  publicDir: false,
  define: {
    // The Chime SDK reads Node's `global` at run time.
    global: 'globalThis',
    'process.env.NODE_ENV': JSON.stringify('production'),
    // `--mode profile` (npm run bench): the widget counts its renders.
    __CONNECT_VIDEO_PROFILE__: JSON.stringify(mode === 'profile'),
  },
  build: {
    outDir: 'dist/widget',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: { 'connect-video-embed': resolve(root, 'src/embed/script-tag-embed.ts') },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    rollupOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        // What the panel shares with the chat chunk (Preact, signals, core) stays one file: left
        // to the automatic chunking it was split into four, 2.5 KB gzip more for the panel. The
        // same for what it shares with the media chunk (the device model, the browser checks):
        // a chunk of their own cost the panel 0.29 KB gzip (36.20 KB against 35.91 KB).
        advancedChunks: {
          groups: [
            {
              name: 'panel',
              test: (id: string) =>
                /node_modules[\\/](preact|@preact)[\\/]/.test(id) ||
                /[\\/]src[\\/](core[\\/](chat-details|session-request|session-response|capabilities|json-post|retry-after|widget-error|with-timeout|devices|can-make-calls|media-abilities|is-agent-external-user-id)|ui[\\/](i18n|messages))\.tsx?$/.test(
                  id,
                ),
            },
          ],
        },
        // No `/* @__PURE__ */` annotations in code that only browsers read: 0.14 KB gzip of the
        // panel. (The npm build keeps them for the app's bundler.)
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
}));
