import { test, expect, type Page } from '@playwright/test';
import { uniqueName } from './support/agent-console';
import { startOwnStack } from './support/own-stack';
import { recordPeerConnections, selectedPaths } from './support/peer-connections';
import { expectMovingVideo } from './support/video-probe';
import { panel, startWidgetCall, widget } from './support/widget-call';

/**
 * Production's JOIN_ACK carries TURN credentials and the SDK then relays everything
 * (iceTransportPolicy 'relay', task/CreatePeerConnectionTask.js): the emulator's coturn carries
 * every call the same way.
 */
async function expectRelayed(page: Page, who: string, relayProtocol?: string): Promise<void> {
  await expect
    .poll(async () => (await selectedPaths(page)).length, { message: `${who}: a connected path` })
    .toBeGreaterThan(0);
  for (const path of await selectedPaths(page)) {
    expect(path.candidateType, `${who} sends through TURN`).toBe('relay');
    if (relayProtocol) expect(path.relayProtocol, `${who} reaches TURN over`).toBe(relayProtocol);
  }
}

test('every call is relayed through the TURN server, on both sides', async ({ page, context }) => {
  // The customer's page and the agent console the helper opens in the same context.
  await recordPeerConnections(context);
  const { agent } = await startWidgetCall(page, context, uniqueName('Relayed'));
  await expectMovingVideo(
    widget(page).locator('[data-tile="agent"] video'),
    'the customer sees the agent',
  );
  await expectMovingVideo(
    agent.locator('video[data-role="remote"]'),
    'the agent sees the customer',
  );
  await expectRelayed(page, 'the customer', 'udp');
  await expectRelayed(agent, 'the agent', 'udp');
  await widget(page).getByRole('button', { name: 'End call' }).click();
});

test('UDP to the TURN server blocked: TURN over TCP carries the call', async ({
  page,
  context,
}) => {
  // A stack whose coturn has no UDP listener while JOIN_ACK still lists the UDP URI first, as on a
  // network that drops UDP: the browser's UDP allocation gets no answer and TCP must carry it all.
  const stack = await startOwnStack({ EMULATOR_TURN_TRANSPORTS: 'tcp' });
  try {
    await recordPeerConnections(context);
    const name = uniqueName('TCP relay');
    const agent = await context.newPage();
    await agent.goto(
      `${stack.url}/agent.html?autoAccept=1&displayName=${encodeURIComponent(name)}`,
    );
    await page.goto(`${stack.url}/?name=${encodeURIComponent(name)}`);
    await widget(page).getByRole('button', { name: 'Video call' }).click();
    await widget(page).getByRole('button', { name: 'Start video call' }).click();
    await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
    await expectMovingVideo(
      widget(page).locator('[data-tile="agent"] video'),
      'the customer sees the agent',
    );
    await expectMovingVideo(
      agent.locator('video[data-role="remote"]'),
      'the agent sees the customer',
    );
    await expectRelayed(page, 'the customer', 'tcp');
    await expectRelayed(agent, 'the agent', 'tcp');
    await widget(page).getByRole('button', { name: 'End call' }).click();
    await expect(panel(page)).toHaveAttribute('data-state', 'ended');
  } finally {
    stack.process.kill('SIGTERM');
  }
});
