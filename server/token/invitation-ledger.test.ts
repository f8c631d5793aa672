import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDynamoDbInvitationLedger,
  LEDGER_MAX_ATTEMPTS,
} from './dynamodb-invitation-ledger.js';
import type { InvitationLedger } from './invitation-ledger.js';
import { createMemoryInvitationLedger } from './memory-invitation-ledger.js';
import { startDynamoDbFixture, type DynamoDbFixture } from './testing/dynamodb-fixture.js';

let dynamo: DynamoDbFixture;
beforeAll(async () => {
  dynamo = await startDynamoDbFixture();
});
afterAll(() => dynamo.close());

const T0 = Date.parse('2030-06-01T12:00:00Z');
let clock = T0;
let contactSeq = 0;
const later = (ms: number) => clock + ms;
const contact = () => `contact-${++contactSeq}`;

const LEDGERS: [string, () => InvitationLedger][] = [
  ['in memory', () => createMemoryInvitationLedger(() => clock)],
  [
    'in DynamoDB (conditional writes)',
    () => createDynamoDbInvitationLedger(dynamo.client(), dynamo.tableName, () => clock),
  ],
];

describe.each(LEDGERS)('the invitation ledger %s', (_name, create) => {
  let slotSeq = 0;
  const slot = () => `jti-${++slotSeq}`;
  beforeEach(() => {
    clock = T0;
  });

  it('gives a contact at most `max` slots, and a released slot back at once', async () => {
    const ledger = create();
    const id = contact();
    const slots = Array.from({ length: 5 }, slot);
    const taken = [];
    for (const s of slots) taken.push(await ledger.reserveSlot(id, s, 4, later(60_000)));
    expect(taken).toEqual([true, true, true, true, false]);
    // Another contact's slots are its own.
    expect(await ledger.reserveSlot(contact(), slot(), 4, later(60_000))).toBe(true);
    await ledger.releaseSlot(id, slots[0]!);
    expect(await ledger.reserveSlot(id, slot(), 4, later(60_000))).toBe(true);
    expect(await ledger.reserveSlot(id, slot(), 4, later(60_000))).toBe(false);
  });

  it('frees an unused invitation’s slot when the invitation expires, not before', async () => {
    const ledger = create();
    const id = contact();
    expect(await ledger.reserveSlot(id, slot(), 2, T0 + 60_000)).toBe(true);
    expect(await ledger.reserveSlot(id, slot(), 2, T0 + 120_000)).toBe(true);
    expect(await ledger.reserveSlot(id, slot(), 2, T0 + 180_000)).toBe(false);
    clock = T0 + 59_999;
    expect(await ledger.reserveSlot(id, slot(), 2, clock + 60_000)).toBe(false);
    clock = T0 + 60_000;
    expect(await ledger.reserveSlot(id, slot(), 2, clock + 60_000)).toBe(true);
    expect(await ledger.reserveSlot(id, slot(), 2, clock + 60_000)).toBe(false);
  });

  it('keeps a joined invitation’s slot after the invitation’s expiry, released or not', async () => {
    const ledger = create();
    const id = contact();
    const joined = slot();
    expect(await ledger.reserveSlot(id, joined, 1, T0 + 60_000)).toBe(true);
    expect(await ledger.claimSlot(id, joined, 1)).toBe('claimed');
    await ledger.releaseSlot(id, joined);
    for (const at of [T0 + 60_000, T0 + 23 * 3_600_000]) {
      clock = at;
      expect(await ledger.reserveSlot(id, slot(), 1, clock + 60_000)).toBe(false);
    }
  });

  it('reserving a slot again moves its expiry and takes no other slot', async () => {
    const ledger = create();
    const id = contact();
    const s = slot();
    expect(await ledger.reserveSlot(id, s, 1, T0 + 120_000)).toBe(true);
    expect(await ledger.reserveSlot(id, s, 1, T0 + 60_000)).toBe(true);
    clock = T0 + 60_000;
    expect(await ledger.reserveSlot(id, slot(), 1, clock + 60_000)).toBe(true);
  });

  it('never lets racing reservations past the maximum', async () => {
    const ledger = create();
    const id = contact();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => ledger.reserveSlot(id, slot(), 4, later(60_000))),
    );
    expect(results.filter(Boolean)).toHaveLength(4);
    expect(await ledger.reserveSlot(id, slot(), 4, later(60_000))).toBe(false);
  });

  it('never lets racing joins and reservations past the maximum', async () => {
    const ledger = create();
    const id = contact();
    const invited = [slot(), slot()];
    for (const s of invited) await ledger.reserveSlot(id, s, 3, T0 + 60_000);
    clock = T0 + 60_000;
    // Both invitations expired unused; their guests and four new invitations race for 3 slots.
    const results = await Promise.all([
      ...invited.map((s) => ledger.claimSlot(id, s, 3).then((claim) => claim === 'claimed')),
      ...Array.from({ length: 4 }, () => ledger.reserveSlot(id, slot(), 3, later(60_000))),
    ]);
    expect(results.filter(Boolean)).toHaveLength(3);
  });

  it('frees nothing when a slot it does not hold is released', async () => {
    const ledger = create();
    const id = contact();
    await ledger.releaseSlot(id, 'never-reserved');
    expect(await ledger.reserveSlot(id, slot(), 1, later(60_000))).toBe(true);
    await ledger.releaseSlot(id, 'never-reserved');
    expect(await ledger.reserveSlot(id, slot(), 1, later(60_000))).toBe(false);
  });

  it('claims an invitation once, also when the claims race', async () => {
    const ledger = create();
    const id = contact();
    const [a, b, c] = [slot(), slot(), slot()];
    for (const s of [a, b, c]) await ledger.reserveSlot(id, s!, 4, later(60_000));
    expect(await ledger.claimSlot(id, a!, 4)).toBe('claimed');
    expect(await ledger.claimSlot(id, a!, 4)).toBe('used');
    expect(await ledger.claimSlot(id, b!, 4)).toBe('claimed');
    const racing = await Promise.all(Array.from({ length: 8 }, () => ledger.claimSlot(id, c!, 4)));
    expect(racing.filter((claim) => claim === 'claimed')).toHaveLength(1);
    expect(racing.filter((claim) => claim === 'used')).toHaveLength(7);
  });

  it('lets the holder that claimed an invitation claim it again, and nobody else', async () => {
    const ledger = create();
    const id = contact();
    const [h, n, r] = [slot(), slot(), slot()];
    for (const s of [h, n, r]) await ledger.reserveSlot(id, s!, 4, later(60_000));
    expect(await ledger.claimSlot(id, h!, 4, 'page-1')).toBe('claimed');
    // Its answer was lost: the same page asks again.
    expect(await ledger.claimSlot(id, h!, 4, 'page-1')).toBe('claimed');
    expect(await ledger.claimSlot(id, h!, 4, 'page-2')).toBe('used');
    expect(await ledger.claimSlot(id, h!, 4)).toBe('used');
    // A claim made without a holder cannot be repeated by anyone.
    expect(await ledger.claimSlot(id, n!, 4)).toBe('claimed');
    expect(await ledger.claimSlot(id, n!, 4, 'page-1')).toBe('used');
    const racing = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => ledger.claimSlot(id, r!, 4, holder)),
    );
    expect(racing.filter((claim) => claim === 'claimed')).toHaveLength(1);
  });

  it('lets a guest whose slot it no longer holds join only into a free slot', async () => {
    const ledger = create();
    const id = contact();
    // The ledger never saw this invitation (its record was lost): a free slot is taken for it.
    expect(await ledger.claimSlot(id, 'lost-1', 2)).toBe('claimed');
    expect(await ledger.reserveSlot(id, slot(), 2, later(60_000))).toBe(true);
    expect(await ledger.claimSlot(id, 'lost-2', 2)).toBe('full');
    expect(await ledger.reserveSlot(id, slot(), 2, later(60_000))).toBe(false);
  });
});

describe('the DynamoDB ledger item', () => {
  it('holds the contact’s slots and a TTL in epoch seconds, so DynamoDB deletes it after', async () => {
    clock = T0 + 500;
    const ledger = createDynamoDbInvitationLedger(dynamo.client(), dynamo.tableName, () => clock);
    await ledger.reserveSlot('contact-item', 'jti-unused', 4, T0 + 90_000);
    await ledger.reserveSlot('contact-item', 'jti-joined', 4, T0 + 90_000);
    await ledger.claimSlot('contact-item', 'jti-joined', 4, 'page-1');
    expect(dynamo.items.get('guests#contact-item')).toEqual({
      pk: { S: 'guests#contact-item' },
      version: { N: '3' },
      expiresAt: { N: String(Math.ceil((T0 + 500 + 24 * 3_600_000) / 1000)) },
      slots: {
        M: {
          'jti-unused': { M: { until: { N: String(T0 + 90_000) } } },
          'jti-joined': { M: { joined: { BOOL: true }, holder: { S: 'page-1' } } },
        },
      },
    });
    // The next write drops the slot that expired unused.
    clock = T0 + 90_000;
    await ledger.reserveSlot('contact-item', 'jti-new', 4, T0 + 150_000);
    const { slots } = dynamo.items.get('guests#contact-item') as { slots: { M: object } };
    expect(Object.keys(slots.M).sort()).toEqual(['jti-joined', 'jti-new']);
  });

  it('gives up after a bounded number of attempts when every write loses a race', async () => {
    const contactId = contact();
    const rival = createDynamoDbInvitationLedger(dynamo.client(), dynamo.tableName, () => clock);
    const client = dynamo.client();
    let rivalWrites = 0;
    // Another instance's write lands between each read and write of this one.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutItemCommand') {
          rivalWrites += 1;
          await rival.reserveSlot(contactId, `rival-${rivalWrites}`, 100, later(60_000));
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const ledger = createDynamoDbInvitationLedger(client, dynamo.tableName, () => clock);
    await expect(ledger.reserveSlot(contactId, 'mine', 100, later(60_000))).rejects.toThrow(
      `changed during each of ${LEDGER_MAX_ATTEMPTS} attempts`,
    );
    expect(rivalWrites).toBe(LEDGER_MAX_ATTEMPTS);
    // The rival's ten slots are there and this one's is not: claiming it finds the call full.
    expect(await rival.claimSlot(contactId, 'mine', LEDGER_MAX_ATTEMPTS)).toBe('full');
  });

  it('lets other DynamoDB errors through rather than reading them as "used" or "full"', async () => {
    const ledger = createDynamoDbInvitationLedger(dynamo.client(), 'no-such-table');
    await expect(ledger.claimSlot('c', 'jti-x', 4)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(ledger.reserveSlot('c', 'jti-x', 4, T0 + 60_000)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('the in-memory ledger', () => {
  it('forgets contacts that hold no slot, and fails rather than forget a joined one when full', async () => {
    clock = T0;
    const ledger = createMemoryInvitationLedger(() => clock, 2);
    expect(await ledger.reserveSlot('one', 'a', 4, T0 + 1000)).toBe(true);
    expect(await ledger.reserveSlot('two', 'b', 4, T0 + 5000)).toBe(true);
    expect(await ledger.claimSlot('two', 'b', 4)).toBe('claimed');
    await expect(ledger.reserveSlot('three', 'c', 4, T0 + 5000)).rejects.toThrow(/full/);
    clock = T0 + 2000;
    // 'one' held nothing any more and was swept; 'two' is still remembered.
    expect(await ledger.reserveSlot('three', 'c', 4, T0 + 5000)).toBe(true);
    expect(await ledger.claimSlot('two', 'b', 4)).toBe('used');
    clock = T0;
  });
});
