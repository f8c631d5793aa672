import { spawn } from 'node:child_process';

/**
 * A virtual X display of its own (Debian's `xvfb`), for headed Firefox: getDisplayMedia finds no
 * screen to capture in headless Firefox. `-displayfd` lets Xvfb pick a free display number, so
 * runs side by side never share one. Resolves with the display (":N") and its stop function.
 */
export async function startXvfb(): Promise<{ display: string; stop: () => Promise<void> }> {
  const xvfb = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  xvfb.stderr!.on('data', (chunk) => (errors += String(chunk)));
  const display = await new Promise<string>((resolve, reject) => {
    xvfb.stdio[3]!.once('data', (chunk) => resolve(`:${String(chunk).trim()}`));
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}: ${errors}`)));
  });
  // Not in the runner's way when it exits without a teardown (Ctrl+C).
  const kill = () => xvfb.kill();
  process.once('exit', kill);
  return {
    display,
    stop: async () => {
      process.off('exit', kill);
      if (xvfb.exitCode !== null) return;
      const exited = new Promise((resolve) => xvfb.once('exit', resolve));
      xvfb.kill();
      await exited;
    },
  };
}
