// Playwright cannot download its own browser without internet, so the end-to-end tests run in an
// installed Chromium. This finds one, installs Debian's package when running as root, or stops
// with the exact command to run. It never skips the browser tests.
import { existsSync } from 'node:fs';
import { ensureDebianPackage } from './debian-package.mjs';

if (process.env.CHROMIUM_PATH && !existsSync(process.env.CHROMIUM_PATH)) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there.`);
  process.exit(1);
}
ensureDebianPackage({
  pkg: 'chromium',
  paths: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ),
  why: 'No Chromium found for the end-to-end tests (or set CHROMIUM_PATH to a Chromium or Chrome binary).',
});
