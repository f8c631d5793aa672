// Playwright cannot download its own browsers without internet, so the end-to-end tests run in
// installed ones: Chromium, and Firefox ESR, which runs headed in a virtual display (Xvfb) and
// needs a sound server (PulseAudio) for Web Audio. This finds each, installs Debian's packages when
// running as root, or stops with the exact command to run. It never skips a browser.
//
// `node scripts/ensure-browsers.mjs` checks everything the end-to-end tests use;
// `node scripts/ensure-browsers.mjs chromium` only Chromium (screenshots, bench).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/** What the tests need, where it may be, and the Debian package that provides it. */
const needs = {
  chromium: {
    env: 'CHROMIUM_PATH',
    paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    package: 'chromium',
  },
  firefox: { env: 'FIREFOX_PATH', paths: ['/usr/bin/firefox-esr'], package: 'firefox-esr' },
  xvfb: { paths: ['/usr/bin/Xvfb'], package: 'xvfb' },
  pulseaudio: { paths: ['/usr/bin/pulseaudio'], package: 'pulseaudio' },
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(needs);
const found = (need) => need.paths.some((path) => existsSync(path));
const missingNames = [];
for (const name of wanted) {
  const need = needs[name];
  if (!need) {
    console.error(`Unknown: ${name}. Known: ${Object.keys(needs).join(', ')}.`);
    process.exit(1);
  }
  const configured = need.env && process.env[need.env];
  if (configured) {
    if (existsSync(configured)) continue;
    console.error(`${need.env} is set to ${configured}, but no file is there.`);
    process.exit(1);
  }
  if (!found(need)) missingNames.push(name);
}
if (!missingNames.length) process.exit(0);
const missing = missingNames.map((name) => needs[name].package);

// Debian's security updates carry the current Firefox ESR: refresh the lists before installing.
const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `The end-to-end tests need ${missing.join(', ')}. Install with:\n\n  sudo ${command.replace('&& apt-get', '&& sudo apt-get')}\n\nor set CHROMIUM_PATH / FIREFOX_PATH to a browser binary.`,
  );
  process.exit(1);
}
console.log(`Installing Debian's ${missing.join(', ')} for the end-to-end tests.`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: 15 * 60_000 });
run(['update']);
const result = run(['install', '-y', '--no-install-recommends', ...missing]);
if (result.status !== 0 || !missingNames.every((name) => found(needs[name]))) {
  console.error(`Installing ${missing.join(', ')} failed. Run: ${command}`);
  process.exit(1);
}
