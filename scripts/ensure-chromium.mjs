// Playwright cannot download its own browser without internet, so the end-to-end tests run in an
// installed Chromium. This finds one, installs Debian's package when running as root, or stops
// with the exact command to run. It never skips the browser tests.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
].filter(Boolean);
const found = candidates.find((path) => existsSync(path));
if (found) {
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there.`);
  process.exit(1);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error(
    'No Chromium found for the end-to-end tests. Install it with:\n\n  sudo apt-get install -y chromium\n\nor set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
  process.exit(1);
}
console.log("No Chromium found: installing Debian's chromium package.");
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: 15 * 60_000 });
let result = run(['install', '-y', '--no-install-recommends', 'chromium']);
if (result.status !== 0) {
  run(['update']);
  result = run(['install', '-y', '--no-install-recommends', 'chromium']);
}
if (result.status !== 0 || !existsSync('/usr/bin/chromium')) {
  console.error('Installing chromium failed. Run: apt-get update && apt-get install -y chromium');
  process.exit(1);
}
