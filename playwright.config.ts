import { defineConfig, type LaunchOptions, type Project } from '@playwright/test';
import { resolve } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 8091);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

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

/**
 * Firefox's equivalents (../shared/docs/firefox.md): fake devices allowed without a prompt,
 * autoplay with sound and Web Audio, loopback ICE with real host addresses, and
 * `media.devices.unfocused.enabled`, without which enumerateDevices() never settles in a window
 * that does not have focus (the customer's, while the agent console is in front).
 */
export const firefoxUserPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'permissions.default.camera': 1,
  'permissions.default.microphone': 1,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.autoplay.block-webaudio': false,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.devices.unfocused.enabled': true,
  // The "sharing your screen" indicator is a window of its own: opening and closing it takes the
  // focus from the page, and focus is what the accessibility walk follows.
  'privacy.webrtc.hideGlobalIndicator': true,
};

/**
 * Specs that run after both engines' projects (groupCallProject): the call of four, which starved
 * the other workers' calls of the cores; and the emulator killed mid-call, whose page then retries
 * its signaling and media for a minute.
 */
const RUN_ALONE = ['group-call.spec.ts', 'emulator-killed.spec.ts'];

export const chromiumProject: Project = {
  name: 'chromium',
  testIgnore: ['firefox-*.spec.ts', ...RUN_ALONE],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
  },
};

/**
 * Debian's Firefox behind a filter for one BiDi command that Playwright sends and this Firefox
 * lacks (scripts/firefox-bidi-filter.mjs; it starts FIREFOX_PATH, /usr/bin/firefox-esr by default).
 */
export const firefoxLaunchOptions: LaunchOptions = {
  executablePath: resolve(import.meta.dirname, 'scripts/firefox-bidi-filter.mjs'),
  firefoxUserPrefs,
};

/**
 * The worker's own display from the global setup (e2e/setup/global-setup.ts), so that the Firefox
 * windows of two workers never take each other's focus. Workers load this file after Playwright
 * has set their TEST_PARALLEL_INDEX.
 */
function workerDisplay(): LaunchOptions {
  const displays = process.env.E2E_DISPLAYS?.split(' ');
  if (!displays?.length) return {};
  const display = displays[Number(process.env.TEST_PARALLEL_INDEX ?? 0) % displays.length]!;
  return { env: { ...process.env, DISPLAY: display } };
}

/**
 * Firefox ESR over WebDriver BiDi, headed in the virtual display that the global setup starts
 * (getDisplayMedia finds no screen in headless Firefox), with the sound server Web Audio needs. It
 * runs the specs that prove a call works; the others stay in Chromium (README, "Browsers").
 */
export const firefoxProject: Project = {
  name: 'firefox',
  // Headed Firefox with two windows per call takes about twice Chromium's time for a whole call
  // here (45 to 70 s against 25 to 35 s for widget-embeds, on a busy machine; the slowest Firefox
  // test, the keyboard-only call, 120 s), and a CI machine may be over twice slower (see `timeout`).
  timeout: 300_000,
  // Chromium only, one reason each: memory (DevTools protocol heap queries), main-thread (a cost of
  // Chromium's frame callbacks, bench-like), layout-language (isMobile/hasTouch emulation is
  // Chromium's), loader (the bundle decides what loads when), bad-input and smoke (engine-
  // independent), emulator-call, emulator-killed, echo-reduction (the emulator's and the SDK's own
  // paths on stacks of their own, not the widget in a browser), console-participants (the
  // emulator's agent console, not the widget).
  testMatch: [
    'accessibility.spec.ts',
    'background-effect.spec.ts',
    'capability-matrix.spec.ts',
    'devices.spec.ts',
    'faults.spec.ts',
    'firefox-*.spec.ts',
    'host-page-safety.spec.ts',
    'no-webrtc.spec.ts',
    'rejoin.spec.ts',
    'session-request.spec.ts',
    'widget-chat.spec.ts',
    'widget-chat-states.spec.ts',
    'widget-embeds.spec.ts',
  ],
  // Tests tagged `@chromium-only` within the specs above (the capability matrix's combinations
  // beyond the four that Firefox runs).
  grepInvert: /@chromium-only/,
  use: {
    browserName: 'firefox',
    channel: 'moz-firefox',
    headless: false,
    launchOptions: { ...firefoxLaunchOptions, ...workerDisplay() },
  },
};

/**
 * The call of four in two engines: four pages and a Firefox encoding and decoding video on two
 * cores. It runs once both engines' projects are done, beside the other RUN_ALONE spec, which
 * mostly waits. Run them on their own with `--project=chromium-group --no-deps`.
 */
const groupCallProject: Project = {
  ...chromiumProject,
  name: 'chromium-group',
  testIgnore: [],
  testMatch: RUN_ALONE,
  // The killed emulator's page only retries for a minute: the two share the cores well.
  workers: 2,
  dependencies: ['chromium', 'firefox'],
};

export default defineConfig({
  testDir: 'e2e',
  // Time limits for a machine over twice slower than this one: one CI run took 45.6 min for the
  // end-to-end tests that take 19.4 here (the steps before them took no longer), and its longest
  // tests ran out of the 90 s they had (a whole call with every control takes 84 s here, beside
  // three other calls). A limit only bounds how long a broken test takes to fail.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  // Three on this 2-core machine: a whole run kept the cores less than half busy with two (user
  // and system time 21.6 of 50 core-minutes), its tests mostly waiting on calls and timeouts.
  workers: Number(process.env.E2E_WORKERS ?? 3),
  forbidOnly: true,
  // Retries for hiccups under load; a test that needs one is reported as flaky, so it stays
  // visible. (Video that stayed undecodable after a recovery was werift sending key-frame requests
  // to the wrong stream, fixed in server/emulator/media/session-peer.ts.)
  retries: 2,
  // The run summary comes last, so that the end of a CI log tells which machine ran it, how fast,
  // and what took longest.
  reporter: [['list'], [resolve(import.meta.dirname, 'e2e/setup/run-summary-reporter.ts')]],
  // A virtual display and a PulseAudio null sink for headed Firefox, stopped after the run.
  globalSetup: resolve(import.meta.dirname, 'e2e/setup/global-setup.ts'),
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [chromiumProject, firefoxProject, groupCallProject],
  webServer: {
    command: `node --import tsx server/main.ts`,
    // Every call relayed through coturn, as production relays every call (the SDK forces
    // iceTransportPolicy 'relay' once JOIN_ACK carries TURN credentials); the TURN port is the
    // next one after the web server's.
    // Contacts go straight to a queue, so the agent console accepts at once; the flow's own spec
    // (e2e/contact-flow.spec.ts) runs a stack with a menu. EMULATOR_DEBUG_SDP=1 logs every offer
    // and answer.
    env: {
      PORT: String(port),
      TURN_PORT: String(port + 1),
      EMULATOR_TURN: 'required',
      EMULATOR_FLOW: 'server/emulator/flow/straight-to-queue.json',
      // One instance for every worker's tests, each a customer whose closed page holds its contact
      // for the 60 s disconnect grace, as Connect would: with the default quota (10) a test met
      // the others' leftovers ("too many calls", retry after 30 s) and timed out. Raised, as a
      // busy contact centre raises it.
      EMULATOR_MAX_CONTACTS: '40',
      EMULATOR_DEBUG_SDP: process.env.EMULATOR_DEBUG_SDP ?? '',
    },
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    stdout: 'pipe',
    timeout: 60_000,
  },
});
