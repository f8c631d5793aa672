import { test, expect } from '@playwright/test';
import { once } from 'node:events';
import { uniqueName } from './support/agent-console';
import { startOwnStack } from './support/own-stack';

test('the emulator killed mid-call: the widget ends with a clear message before the reconnect deadline', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
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
    // The deadline runs from the SDK's "reconnecting", which can come well after the kill: one
    // clean CI run took 75 s from the kill to the failed screen, its retry 60.5 s.
    const reconnectingSince = Date.now();
    // The SDK retries until the widget's reconnect deadline (Connect's 60 s), then gives up. Left
    // to the SDK, the end came anywhere from 61 to 79 s: the widget keeps the deadline itself.
    await expect(panel).toHaveAttribute('data-state', 'failed', { timeout: 80_000 });
    const reconnectingFor = Date.now() - reconnectingSince;
    await expect(widget.locator('.connect-video-end-message')).toHaveText(
      'The connection was lost. Please try again.',
    );
    const ms = Date.now() - since;
    test.info().annotations.push({
      type: 'recovery',
      description: `emulator killed → failed screen: ${ms} ms`,
    });
    console.log(
      `recovery emulator killed → failed screen: ${ms} ms, ${reconnectingFor} ms of it "reconnecting"`,
    );
    // From the banner to the failed screen: the deadline, give or take one expect poll (up to 1 s).
    expect(reconnectingFor).toBeGreaterThanOrEqual(58_000);
    expect(reconnectingFor).toBeLessThan(63_000);
  } finally {
    if (stack.process.exitCode === null) stack.process.kill('SIGKILL');
  }
});
