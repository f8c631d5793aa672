import { test, expect, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { ConnectClient, DescribeContactCommand } from '@aws-sdk/client-connect';
import { uniqueName } from './support/agent-console';
import { expectNoAxeViolations } from './support/axe';
import { startOwnStack } from './support/own-stack';
import { recordPeerConnections } from './support/peer-connections';
import { panel, widget } from './support/widget-call';

// Before the agent: the contact runs a flow (prompts, a menu answered with DTMF, a queue) on a
// stack of its own, with the demo's menu and short timeouts (e2e/fixtures/menu-flow.json).
let stack: { url: string; process: ChildProcess };
test.beforeAll(async () => {
  stack = await startOwnStack({ EMULATOR_FLOW: 'e2e/fixtures/menu-flow.json' });
});
test.afterAll(() => {
  stack?.process.kill();
});

interface FlowContact {
  ContactId: string;
  state: string;
  Attributes: Record<string, string>;
  flow: { phase: string; block: string | null; path: { block: string; outcome?: string }[] };
  queue: { Name: string } | null;
}

async function contactOf(page: Page, name: string): Promise<FlowContact | undefined> {
  const response = await page.request.get(`${stack.url}/emulator/contacts`);
  const { contacts } = (await response.json()) as {
    contacts: (FlowContact & { DisplayName: string })[];
  };
  return contacts.find((c) => c.DisplayName === name);
}

/** DescribeContact through the real AWS SDK client, as a business's backend would ask. */
async function describeContact(contactId: string) {
  const connect = new ConnectClient({
    endpoint: `${stack.url}/emulator/connect`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const { Contact } = await connect.send(
    new DescribeContactCommand({ InstanceId: 'local-instance', ContactId: contactId }),
  );
  connect.destroy();
  return Contact!;
}

/**
 * The energy of everything the page has heard so far on its calls (the remote stream's
 * `totalAudioEnergy`): it grows while a prompt or music plays and stays flat in silence.
 */
const heardEnergy = (page: Page) =>
  page.evaluate(async () => {
    let energy = 0;
    for (const connection of window.__peerConnections ?? []) {
      if (connection.connectionState === 'closed') continue;
      (await connection.getStats()).forEach((entry: Record<string, unknown>) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'audio')
          energy += Number(entry.totalAudioEnergy ?? 0);
      });
    }
    return energy;
  });

/** Into the call, waiting for an agent: the flow starts as the customer joins. */
async function joinWaiting(page: Page, name: string): Promise<FlowContact> {
  await recordPeerConnections(page);
  await page.goto(`${stack.url}/?name=${encodeURIComponent(name)}`);
  await widget(page).getByRole('button', { name: 'Video call' }).click();
  await widget(page).getByRole('button', { name: 'Start video call' }).click();
  await expect(panel(page)).toHaveAttribute('data-state', 'waiting-for-agent');
  await expect(widget(page).getByText("You're connected.", { exact: false })).toBeVisible();
  await expect(widget(page).getByRole('timer', { name: /^Waiting time/ })).toBeVisible();
  let contact: FlowContact | undefined;
  await expect
    .poll(async () => (contact = await contactOf(page, name))?.flow.phase)
    .toBe('running');
  return contact!;
}

test('the customer hears the greeting, picks a topic on the keypad, and waits in that queue until the agent answers', async ({
  page,
  context,
}) => {
  const name = uniqueName('Menu');
  const { ContactId } = await joinWaiting(page, name);
  // An agent is there from the start, but the contact reaches it only once queued.
  const agent = await context.newPage();
  await agent.goto(`${stack.url}/agent.html?autoAccept=1&displayName=${encodeURIComponent(name)}`);

  // The greeting plays on the customer's downlink: energy well above the silence before it.
  const before = await heardEnergy(page);
  await expect
    .poll(async () => (await heardEnergy(page)) - before, { timeout: 15_000 })
    .toBeGreaterThan(0.01);

  // The keypad is one press away while waiting; each digit is shown once sent.
  await widget(page).getByRole('button', { name: 'Open the keypad' }).click();
  await expect(widget(page).getByRole('dialog', { name: 'Dial pad' })).toBeVisible();
  await widget(page).locator('[data-key="2"]').click();
  await expect(widget(page).getByText('Sent: 2')).toBeVisible();

  await expect.poll(async () => (await contactOf(page, name))?.queue?.Name).toBe('Support');
  const contact = (await contactOf(page, name))!;
  expect(contact.Attributes.topic).toBe('support');
  expect(contact.flow.path.map((s) => s.outcome).filter(Boolean)).toContain('digit 2');
  const described = await describeContact(ContactId);
  expect(described.QueueInfo?.EnqueueTimestamp).toBeInstanceOf(Date);
  expect(described.QueueInfo?.Id).toBeTruthy();

  // Queued: the agent's console answers now, and the call begins.
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call', { timeout: 30_000 });
  // Accepted only after it was queued.
  const connected = await describeContact(ContactId);
  expect(connected.AgentInfo!.ConnectedToAgentTimestamp!.getTime()).toBeGreaterThanOrEqual(
    described.QueueInfo!.EnqueueTimestamp!.getTime(),
  );
  await widget(page).getByRole('button', { name: 'End call' }).click();
});

test('an invalid digit gets the retry prompt; no input then ends the contact as the flow says', async ({
  page,
}) => {
  const name = uniqueName('Retry');
  const { ContactId } = await joinWaiting(page, name);
  // A digit the menu does not offer, pressed from the keyboard alone.
  await expect.poll(async () => (await contactOf(page, name))?.flow.block).toBe('menu');
  await widget(page).getByRole('button', { name: 'Open the keypad' }).focus();
  await page.keyboard.press('Enter');
  await expect(widget(page).getByRole('dialog', { name: 'Dial pad' })).toBeVisible();
  await page.keyboard.press('9');
  await expect(widget(page).getByText('Sent: 9')).toBeVisible();
  await expect
    .poll(async () => (await contactOf(page, name))?.flow.path.map((s) => s.outcome))
    .toContain('invalid 9');
  // Then silence: the retry times out, the flow says goodbye and disconnects.
  await expect(panel(page)).toHaveAttribute('data-state', 'ended', { timeout: 60_000 });
  const contact = (await contactOf(page, name))!;
  expect(contact.Attributes.topic).toBe('none');
  expect(contact.queue).toBeNull();
  // The menu's one retry went unanswered.
  expect(contact.flow.path.map((s) => s.outcome)).toContain('invalid 9, no input');
  expect((await describeContact(ContactId)).DisconnectTimestamp).toBeInstanceOf(Date);
});

test('hanging up during the menu ends the contact and its flow', async ({ page }) => {
  const name = uniqueName('Hang-up');
  const { ContactId } = await joinWaiting(page, name);
  await expect.poll(async () => (await contactOf(page, name))?.flow.block).toBe('menu');
  await widget(page).getByRole('button', { name: 'End call' }).click();
  await expect(panel(page)).toHaveAttribute('data-state', 'ended');
  await expect.poll(async () => (await contactOf(page, name))?.state).toBe('DISCONNECTED');
  expect((await contactOf(page, name))?.flow.phase).toBe('ended');
  expect((await describeContact(ContactId)).DisconnectTimestamp).toBeInstanceOf(Date);
});

test('axe finds nothing while the customer waits with the keypad open', async ({ page }) => {
  const name = uniqueName('Menu axe');
  await joinWaiting(page, name);
  await expectNoAxeViolations(page, 'waiting, in the flow');
  await widget(page).getByRole('button', { name: 'Open the keypad' }).click();
  await expectNoAxeViolations(page, 'waiting, keypad open');
  await page.keyboard.press('Escape');
  // Focus goes back to what opened the keypad.
  await expect(widget(page).getByRole('button', { name: 'Open the keypad' })).toBeFocused();
  await widget(page).getByRole('button', { name: 'End call' }).click();
});

test('on a phone, mute and camera work during the menu, and the agent meets the customer as they left them', async ({
  page,
  context,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const name = uniqueName('Phone menu');
  await joinWaiting(page, name);
  await expect.poll(async () => (await contactOf(page, name))?.flow.block).toBe('menu');

  await widget(page).getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(widget(page).getByRole('button', { name: 'Unmute' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await widget(page).getByRole('button', { name: 'Turn camera off' }).click();
  await expect(widget(page).locator('[data-tile="self"]')).toHaveCount(0);

  // The keypad is on screen on a phone, and its digits are within reach.
  const opener = widget(page).getByRole('button', { name: 'Open the keypad' });
  await expect(opener).toBeInViewport();
  await opener.click();
  const digit = widget(page).locator('[data-key="2"]');
  await expect(digit).toBeInViewport();
  await digit.click();
  await expect(widget(page).getByText('Sent: 2')).toBeVisible();
  await expect.poll(async () => (await contactOf(page, name))?.queue?.Name).toBe('Support');

  const agent = await context.newPage();
  await agent.goto(`${stack.url}/agent.html?autoAccept=1&displayName=${encodeURIComponent(name)}`);
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call', { timeout: 30_000 });
  // Muted and without video, as the customer chose while waiting.
  await expect(agent.getByText('Customer: present, muted')).toBeVisible();
  await expect(agent.locator('video[data-role="remote"]')).toHaveCount(0);
  await widget(page).getByRole('button', { name: 'Unmute' }).click();
  await expect(agent.getByText('Customer: present', { exact: false })).not.toContainText('muted');
  await widget(page).getByRole('button', { name: 'End call' }).click();
});
