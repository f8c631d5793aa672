import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The consumer apps kept in the repository: each installs the packed tarball and builds alone. */
export interface ConsumerApp {
  /** Its folder under consumers/. */
  name: string;
  /** What it shows of the package: bundler, framework and embed. */
  title: string;
  /** The folder its build writes the site to. */
  out: string;
}

export const CONSUMER_APPS: readonly ConsumerApp[] = [
  { name: 'vite-react', title: 'Vite 8 + React 19, mount() in an effect', out: 'dist' },
  { name: 'vite-vue', title: 'Vite 8 + Vue 3, mount() in onMounted', out: 'dist' },
  { name: 'webpack', title: 'webpack 5, the custom element', out: 'dist' },
  { name: 'esbuild', title: 'esbuild, TypeScript with node16 resolution', out: 'dist' },
  { name: 'next', title: 'Next.js 16 App Router, a client component', out: 'out' },
];

/**
 * Where `npm run test:consumers` installs and builds them: outside the repository, so that nothing
 * of the project's own node_modules (types, packages) can reach an app by walking up the tree.
 */
export const WORK_DIR = join(tmpdir(), 'connect-video-consumers');
