import {
  DescribeContactCommand,
  GetContactAttributesCommand,
  StopContactCommand,
} from '@aws-sdk/client-connect';
import {
  CreateParticipantConnectionCommand,
  DisconnectParticipantCommand,
  SendMessageCommand,
} from '@aws-sdk/client-connectparticipant';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StartWebRTCContactCommandOutput } from '@aws-sdk/client-connect';
import { loadPromptLibrary } from './flow/prompt-files.js';
import { queueIdFor } from './flow/flow-definition.js';
import {
  INSTANCE_ID,
  rejectionOf,
  startHarness,
  type Harness,
} from './testing/emulator-harness.js';

/** The committed prompts, plus a 100 ms beep so that these tests take real time but little. */
const prompts = new Map(loadPromptLibrary());
prompts.set(
  'beep',
  Array.from({ length: 5 }, () => Buffer.from([0xfc])),
);

const MENU_FLOW = 'menu-flow';
const menuFlow = {
  name: 'Test menu',
  start: 'greeting',
  queues: { Sales: { music: 'beep' }, Support: {} },
  blocks: {
    greeting: { type: 'playPrompt', prompt: 'beep', next: 'menu' },
    menu: {
      type: 'getCustomerInput',
      prompt: 'beep',
      retryPrompt: 'beep',
      timeoutSeconds: 0.3,
      maxRetries: 1,
      digits: { '1': 'sales', '2': 'support' },
      noInput: 'bye',
      invalid: 'bye',
    },
    sales: { type: 'setContactAttributes', attributes: { topic: 'sales' }, next: 'to-sales' },
    'to-sales': { type: 'transferToQueue', queue: 'Sales' },
    support: { type: 'setContactAttributes', attributes: { topic: 'support' }, next: 'to-sup' },
    'to-sup': { type: 'transferToQueue', queue: 'Support' },
    bye: { type: 'disconnect' },
  },
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ prompts });
  expect((await h.admin('PUT', `/emulator/flows/${MENU_FLOW}`, menuFlow)).status).toBe(200);
});
afterEach(async () => {
  await h.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(read: () => T | undefined, what: string, ms = 3_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A contact in the menu flow whose customer joined and opened a participant connection. */
async function customerInMenu(): Promise<{
  out: StartWebRTCContactCommandOutput;
  id: string;
  dtmf: (digits: string) => Promise<unknown>;
  connectionToken: string;
}> {
  const out = await h.startContact({ ContactFlowId: MENU_FLOW });
  const id = out.ContactId as string;
  const { ConnectionCredentials } = await h.participant.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: out.ParticipantToken,
      Type: ['CONNECTION_CREDENTIALS'],
    }),
  );
  const connectionToken = ConnectionCredentials?.ConnectionToken as string;
  h.customerJoins(out);
  return {
    out,
    id,
    connectionToken,
    dtmf: (Content) =>
      h.participant.send(
        new SendMessageCommand({
          ConnectionToken: connectionToken,
          ContentType: 'audio/dtmf',
          Content,
        }),
      ),
  };
}

const viewOf = (id: string) => h.emulator.contacts.get(id)!;
const inBlock = (id: string, block: string) => () => viewOf(id).flow.block === block;

describe('the contact flow through the real SDK clients', () => {
  it('a digit sent with SendMessage audio/dtmf picks the queue and sets the attribute; DescribeContact and GetContactAttributes show them', async () => {
    const { id, dtmf } = await customerInMenu();
    expect(viewOf(id).queue).toBeNull();
    await until(inBlock(id, 'menu'), 'the menu');
    const before = Date.now();
    await dtmf('1');
    await until(() => viewOf(id).queue, 'the queue');

    const { Contact } = await h.connect.send(
      new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: id }),
    );
    expect(Contact?.QueueInfo?.Id).toBe(queueIdFor('Sales'));
    expect(Contact?.QueueInfo?.EnqueueTimestamp).toBeInstanceOf(Date);
    expect(Contact!.QueueInfo!.EnqueueTimestamp!.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(Contact?.LastUpdateTimestamp?.getTime()).toBe(
      Contact?.QueueInfo?.EnqueueTimestamp?.getTime(),
    );
    expect(Contact?.Attributes).toMatchObject({ topic: 'sales' });

    const { Attributes } = await h.connect.send(
      new GetContactAttributesCommand({ InstanceId: INSTANCE_ID, InitialContactId: id }),
    );
    expect(Attributes).toEqual({ topic: 'sales' });

    expect(viewOf(id).flow).toMatchObject({
      name: 'Test menu',
      phase: 'queued',
      path: [
        { block: 'greeting' },
        { block: 'menu', outcome: 'digit 1' },
        { block: 'sales', outcome: 'topic=sales' },
        { block: 'to-sales', outcome: 'Sales' },
      ],
    });
    // The queue music plays to the customer, looping.
    expect(h.mediaPlane.plays.at(-1)).toMatchObject({ loop: true, packets: prompts.get('beep') });
  });

  it('keeps the attributes StartWebRTCContact gave beside the flow', async () => {
    const out = await h.startContact({ ContactFlowId: MENU_FLOW, Attributes: { plan: 'gold' } });
    const { Attributes } = await h.connect.send(
      new GetContactAttributesCommand({
        InstanceId: INSTANCE_ID,
        InitialContactId: out.ContactId,
      }),
    );
    expect(Attributes).toEqual({ plan: 'gold' });
    const missing = await rejectionOf(
      h.connect.send(
        new GetContactAttributesCommand({ InstanceId: INSTANCE_ID, InitialContactId: 'nope' }),
      ),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  it('a digit sent during the greeting waits in the touch-tone buffer for the menu', async () => {
    const { id, dtmf } = await customerInMenu();
    await until(inBlock(id, 'greeting'), 'the greeting');
    await dtmf('2');
    expect(viewOf(id).flow.block).toBe('greeting');
    await until(() => viewOf(id).queue, 'the queue');
    expect(viewOf(id).queue?.Name).toBe('Support');
    // The menu took the buffered digit without playing its prompt: only the greeting played.
    expect(h.mediaPlane.plays).toHaveLength(1);
  });

  it('an invalid digit gets the retry prompt; no input ends in the no-input branch (disconnect)', async () => {
    const { id, dtmf } = await customerInMenu();
    await until(inBlock(id, 'menu'), 'the menu');
    await sleep(150);
    await dtmf('9');
    await until(
      () => viewOf(id).flow.path.find((s) => s.block === 'menu')?.outcome === 'invalid 9',
      'the invalid digit',
    );
    const { Contact } = await h.connect.send(
      new DescribeContactCommand({ InstanceId: INSTANCE_ID, ContactId: id }),
    );
    expect(Contact?.QueueInfo).toBeUndefined();
    // The retry prompt plays; with no digit after it the timeout takes the no-input branch.
    await until(() => viewOf(id).state === 'DISCONNECTED', 'the disconnect');
    expect(viewOf(id).disconnectReason).toBe('CONTACT_FLOW_DISCONNECT');
    expect(viewOf(id).flow.path.find((s) => s.block === 'menu')?.outcome).toBe(
      'invalid 9, no input',
    );
    expect(h.mediaPlane.plays).toHaveLength(3); // greeting, menu, retry
  });

  it('refuses an accept before the contact is queued, with a reason, and takes it once queued', async () => {
    const out = await h.startContact({ ContactFlowId: MENU_FLOW });
    const early = await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`);
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/not in a queue yet: the customer has not joined/);

    const { id, dtmf } = await customerInMenu();
    await until(inBlock(id, 'menu'), 'the menu');
    const inMenu = await h.admin('POST', `/emulator/contacts/${id}/accept`);
    expect(inMenu.status).toBe(409);
    expect(inMenu.body.message).toContain('still in its contact flow "Test menu" (block menu)');
    expect(viewOf(id).state).toBe('INITIATED');

    await dtmf('1');
    await until(() => viewOf(id).queue, 'the queue');
    expect((await h.admin('POST', `/emulator/contacts/${id}/accept`)).status).toBe(200);
    // The queue music stops as the agent is connected.
    const player = h.mediaPlane.players.find((p) => p.meetingId === viewOf(id).meetingId)!;
    expect(player.closed).toBe(true);
    expect(h.mediaPlane.plays.at(-1)?.finished).toBe(false);
  });

  it.each([
    ['StopContact', 'API'],
    ['DisconnectParticipant', 'CUSTOMER_DISCONNECT'],
  ])('hanging up in the menu (%s) ends the contact and the flow', async (how, reason) => {
    const { id, connectionToken } = await customerInMenu();
    await until(inBlock(id, 'menu'), 'the menu');
    if (how === 'StopContact') {
      await h.connect.send(new StopContactCommand({ InstanceId: INSTANCE_ID, ContactId: id }));
    } else {
      await h.participant.send(
        new DisconnectParticipantCommand({ ConnectionToken: connectionToken }),
      );
    }
    expect(viewOf(id)).toMatchObject({ state: 'DISCONNECTED', disconnectReason: reason });
    expect(viewOf(id).flow.phase).toBe('ended');
    const player = h.mediaPlane.players.find((p) => p.meetingId === viewOf(id).meetingId)!;
    expect(player.closed).toBe(true);
    // Nothing happens later: no retry prompt, no branch taken.
    const plays = h.mediaPlane.plays.length;
    await sleep(800);
    expect(h.mediaPlane.plays).toHaveLength(plays);
    expect(viewOf(id).flow.path.find((s) => s.block === 'menu')?.outcome).toBeUndefined();
  });
});

describe('PUT /emulator/flows/{ContactFlowId}', () => {
  it('refuses an invalid definition with 400 naming the member, and keeps the previous one', async () => {
    const bad = await h.admin('PUT', `/emulator/flows/${MENU_FLOW}`, {
      ...menuFlow,
      blocks: { ...menuFlow.blocks, menu: { ...menuFlow.blocks.menu, timeoutSeconds: -1 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('InvalidFlow');
    expect(bad.body.message).toContain('blocks.menu.timeoutSeconds');
    expect((await h.admin('GET', `/emulator/flows/${MENU_FLOW}`)).body).toMatchObject({
      flow: { name: 'Test menu' },
    });
  });

  it('leaves contacts of other ContactFlowIds on the default flow', async () => {
    const out = await h.startContact({ ContactFlowId: 'another-flow' });
    h.customerJoins(out);
    expect(viewOf(out.ContactId as string).queue?.Name).toBe('Agents');
    expect(viewOf(out.ContactId as string).flow.name).toBe('Straight to the queue');
  });
});
