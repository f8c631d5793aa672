import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base, { chromiumProject } from '../playwright.config';

/**
 * `npm run screenshots`: the same browser, flags and local stack as the end-to-end tests, running
 * scripts/screenshots.spec.ts, which writes docs/screenshots/.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'screenshots.spec.ts',
  // The pictures are Chromium's (its fake camera's green test pattern).
  projects: [chromiumProject],
  globalSetup: undefined,
  timeout: 180_000,
  workers: 1,
  // The local stack starts from the repository's root, not from scripts/.
  webServer: { ...(base.webServer as object), cwd: resolve(import.meta.dirname, '..') } as never,
});
