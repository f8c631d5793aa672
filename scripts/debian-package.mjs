// Installs a Debian package the tests need when it is missing: CI and new developers start on a
// clean machine, and nothing may depend on what someone once installed by hand. As root it runs
// apt-get (updating the lists once if the first try fails); otherwise it stops with the exact
// command to run. It never lets a caller skip what needs the package.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * Returns the first of `paths` that exists, installing `pkg` first if none does. Exits the process
 * (status 1) with the command to run when it cannot install.
 */
export function ensureDebianPackage({ pkg, paths, why }) {
  const found = paths.find((path) => existsSync(path));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(`${why} Install it with:\n\n  sudo apt-get install -y ${pkg}\n`);
    process.exit(1);
  }
  console.log(`${why} Installing Debian's ${pkg} package.`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt-get (a colleague's install, unattended upgrades) may hold the lock: wait for it.
  const run = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
      stdio: 'inherit',
      env,
      timeout: 15 * 60_000,
    });
  let result = run(['install', '-y', '--no-install-recommends', pkg]);
  if (result.status !== 0) {
    run(['update']);
    result = run(['install', '-y', '--no-install-recommends', pkg]);
  }
  const installed = paths.find((path) => existsSync(path));
  if (result.status !== 0 || !installed) {
    console.error(`Installing ${pkg} failed. Run: apt-get update && apt-get install -y ${pkg}`);
    process.exit(1);
  }
  return installed;
}
