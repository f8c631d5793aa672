import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';

type TestConfigWebServer = Extract<PlaywrightTestConfig['webServer'], { command: string }>;
import base, { chromiumProject } from '../playwright.config';

/** `npm run test:consumers`: calls in the consumer apps that consumers/build-apps.ts built. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'consumer-apps.spec.ts',
  // Whether each bundler's output works is a question for one browser: Chromium, without the
  // display and sound server Firefox needs.
  projects: [chromiumProject],
  globalSetup: undefined,
  // The same local stack as the end-to-end tests, started from the repository's root.
  webServer: { ...(base.webServer as TestConfigWebServer), cwd: '..' },
});
