import { test, expect, type CDPSession, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { panel, widget } from './support/widget-call';

/**
 * How many objects of a DOM interface the page's heap still holds after a full garbage collection
 * (DevTools' `queryObjects`): what an ended call left reachable.
 */
async function objectsLeft(cdp: CDPSession, interfaceName: string): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const group = 'objects-left';
  const { result: prototype } = await cdp.send('Runtime.evaluate', {
    expression: `${interfaceName}.prototype`,
    objectGroup: group,
  });
  const { objects } = await cdp.send('Runtime.queryObjects', {
    prototypeObjectId: prototype.objectId!,
    objectGroup: group,
  });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId!,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
  return result.value as number;
}

/** `devicechange` listeners on `navigator.mediaDevices`, as DevTools lists them. */
async function deviceChangeListeners(cdp: CDPSession): Promise<number> {
  const group = 'device-listeners';
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: 'navigator.mediaDevices',
    objectGroup: group,
  });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
    objectId: result.objectId!,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: group });
  return listeners.filter((listener) => listener.type === 'devicechange').length;
}

/** Waits for both sides' video, then the customer hangs up. */
async function callAndEnd(page: Page, agent: Page): Promise<void> {
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  await expect(widget(page).locator('[data-tile="agent"] video')).toHaveCount(1);
  await expect(agent.locator('video[data-role="remote"]')).toHaveCount(1);
  await widget(page).getByRole('button', { name: 'End call' }).click();
  await expect(panel(page)).toHaveAttribute('data-state', 'ended');
}

test('two calls started and ended in one page leave nothing of them behind', async ({
  page,
  context,
}) => {
  const name = uniqueName('Memory');
  const agent = await openAgentConsole(context, name);
  await page.goto(`/?name=${encodeURIComponent(name)}`);
  const cdp = await context.newCDPSession(page);
  await widget(page).getByRole('button', { name: 'Video call' }).click();
  const listenersBefore = await deviceChangeListeners(cdp);

  await widget(page).getByRole('button', { name: 'Start video call' }).click();
  await callAndEnd(page, agent);
  // At once: the ended call may still be stopping, and nothing it reports may end the new one.
  await widget(page).getByRole('button', { name: 'Start a new call' }).click();
  await callAndEnd(page, agent);

  await expect.poll(() => objectsLeft(cdp, 'RTCPeerConnection')).toBe(0);
  await expect.poll(() => objectsLeft(cdp, 'RTCRtpTransceiver')).toBe(0);
  // The SDK's silent stand-in for a stopped microphone is a looping buffer source nobody stops.
  await expect.poll(() => objectsLeft(cdp, 'AudioBufferSourceNode')).toBe(0);
  expect(await deviceChangeListeners(cdp)).toBeLessThanOrEqual(listenersBefore);
});
