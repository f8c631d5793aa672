import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';

type TestConfigWebServer = Extract<PlaywrightTestConfig['webServer'], { command: string }>;
import base from '../playwright.config';

/** `npm run test:consumers`: calls in the consumer apps that consumers/build-apps.ts built. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'consumer-apps.spec.ts',
  // The same local stack as the end-to-end tests, started from the repository's root.
  webServer: { ...(base.webServer as TestConfigWebServer), cwd: '..' },
});
