import { test, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { uniqueName } from './support/agent-console';

/** A stack of its own, so that killing it harms no other test. Resolves with its base URL. */
async function startOwnStack(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read stdout for as long as the process lives: a closed pipe would kill it on its next log line.
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const match = /Customer demo:\s+(http:\/\/\S+?)\/\s/.exec(output);
      if (match) resolve({ url: match[1]!, process: child });
    });
    child.once('exit', () => reject(new Error(`the stack did not start: ${output}`)));
  });
}

test('the emulator killed mid-call: the widget ends with a clear message before the reconnect deadline', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const stack = await startOwnStack();
  try {
    const name = uniqueName('Killed');
    const agent = await context.newPage();
    await agent.goto(
      `${stack.url}/agent.html?autoAccept=1&displayName=${encodeURIComponent(name)}`,
    );
    await page.goto(`${stack.url}/?name=${encodeURIComponent(name)}`);
    const widget = page.locator('[data-connect-video-host]');
    await widget.getByRole('button', { name: 'Video call' }).click();
    await widget.getByRole('button', { name: 'Start video call' }).click();
    const panel = widget.locator('.connect-video-panel');
    await expect(panel).toHaveAttribute('data-state', 'in-call');

    const since = Date.now();
    stack.process.kill('SIGKILL');
    await once(stack.process, 'exit');
    await expect(widget.locator('[data-banner="reconnecting"]')).toBeVisible();
    // The SDK retries until the widget's reconnect deadline (Connect's 60 s), then gives up.
    await expect(panel).toHaveAttribute('data-state', 'failed', { timeout: 80_000 });
    await expect(widget.locator('.connect-video-end-message')).toHaveText(
      'The connection was lost. Please try again.',
    );
    const ms = Date.now() - since;
    test.info().annotations.push({
      type: 'recovery',
      description: `emulator killed → failed screen: ${ms} ms`,
    });
    console.log(`recovery emulator killed → failed screen: ${ms} ms`);
    expect(ms).toBeLessThan(80_000);
  } finally {
    if (stack.process.exitCode === null) stack.process.kill('SIGKILL');
  }
});
