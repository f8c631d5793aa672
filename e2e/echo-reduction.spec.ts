import { test, expect } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { startOwnStack } from './support/own-stack';

test('echo reduction offered but unavailable in this browser (no network for its model): the call goes on quietly', async ({
  page,
  context,
}) => {
  const stack = await startOwnStack({ EMULATOR_ECHO_REDUCTION: 'available' });
  try {
    const name = uniqueName('Echo');
    const agent = await context.newPage();
    await agent.goto(
      `${stack.url}/agent.html?autoAccept=1&displayName=${encodeURIComponent(name)}`,
    );
    // The widget asks Amazon's asset CDN for the Voice Focus model; this machine has no internet.
    const assetRequests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(stack.url)) assetRequests.push(new URL(request.url()).host);
    });
    const session = page.waitForResponse((r) => r.url().includes('/api/session'));
    await page.goto(`${stack.url}/?name=${encodeURIComponent(name)}`);
    const widget = page.locator('[data-connect-video-host]');
    await widget.getByRole('button', { name: 'Video call' }).click();
    await widget.getByRole('button', { name: 'Start video call' }).click();
    const answer = (await (await session).json()) as {
      ConnectionData: { Meeting: { MeetingFeatures: { Audio: { EchoReduction: string } } } };
    };
    expect(answer.ConnectionData.Meeting.MeetingFeatures.Audio.EchoReduction).toBe('AVAILABLE');
    await expect(widget.locator('.connect-video-panel')).toHaveAttribute('data-state', 'in-call');
    expect(assetRequests.length).toBeGreaterThan(0);
    // The customer is heard: the agent's browser receives the customer's audio.
    await expect
      .poll(
        async () =>
          (await agent.evaluate(() => window.agentConsole.mediaStats()))?.audioPacketsReceived ?? 0,
      )
      .toBeGreaterThan(50);
    await expect(widget.locator('[role="alert"]')).toHaveCount(0);
    await widget.getByRole('button', { name: 'End call' }).click();
  } finally {
    stack.process.kill('SIGKILL');
  }
});
