import { defineConfig } from 'vite';
import { resolve } from 'node:path';
import { chimeSlim } from './scripts/vite-plugin-chime-slim';
import { backgroundAssets } from './scripts/vite-plugin-background-assets';

const page = (path: string) => resolve(import.meta.dirname, path);

export default defineConfig({
  plugins: [chimeSlim(), backgroundAssets()],
  // The Chime SDK reads Node's `global` at run time.
  define: { global: 'globalThis' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: {
        demo: page('index.html'),
        agent: page('agent.html'),
        chimeClient: page('e2e/fixtures/chime-client.html'),
        spa: page('e2e/fixtures/spa.html'),
      },
    },
  },
  server: { host: '127.0.0.1' },
});
