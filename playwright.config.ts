import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 8091);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Fake camera and microphone (a moving test pattern) accepted without a prompt, loopback WebRTC, and
 * no background traffic to Google's hosts (this machine has no internet). The bench uses them too.
 */
export const chromiumArgs = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
  '--no-sandbox',
];

export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  forbidOnly: true,
  // One retry for a rare media hiccup (a forwarded screen share that never decodes, under load); a
  // test that needs it is reported as flaky, so it stays visible.
  retries: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node --import tsx server/main.ts`,
    // Every call relayed through coturn, as production relays every call (the SDK forces
    // iceTransportPolicy 'relay' once JOIN_ACK carries TURN credentials); the TURN port is the
    // next one after the web server's.
    env: { PORT: String(port), TURN_PORT: String(port + 1), EMULATOR_TURN: 'required' },
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    stdout: 'pipe',
    timeout: 60_000,
  },
});
