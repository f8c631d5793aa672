import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbInvitationLedger } from './dynamodb-invitation-ledger.js';
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

const LEDGERS: [string, () => InvitationLedger][] = [
  ['in memory', () => createMemoryInvitationLedger(() => clock)],
  [
    'in DynamoDB (conditional writes)',
    () => createDynamoDbInvitationLedger(dynamo.client(), dynamo.tableName),
  ],
];

describe.each(LEDGERS)('the invitation ledger %s', (_name, create) => {
  const contact = () => `contact-${++contactSeq}`;

  it('gives a contact at most `max` slots, and a released slot back', async () => {
    const ledger = create();
    const id = contact();
    const taken = [];
    for (let i = 0; i < 5; i++) taken.push(await ledger.reserveSlot(id, 4, later(60_000)));
    expect(taken).toEqual([true, true, true, true, false]);
    // Another contact's slots are its own.
    expect(await ledger.reserveSlot(contact(), 4, later(60_000))).toBe(true);
    await ledger.releaseSlot(id);
    expect(await ledger.reserveSlot(id, 4, later(60_000))).toBe(true);
    expect(await ledger.reserveSlot(id, 4, later(60_000))).toBe(false);
  });

  it('never lets racing reservations past the maximum', async () => {
    const ledger = create();
    const id = contact();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ledger.reserveSlot(id, 3, later(60_000))),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
  });

  it('does not go below zero when more slots are released than taken', async () => {
    const ledger = create();
    const id = contact();
    await ledger.releaseSlot(id);
    await ledger.releaseSlot(id);
    expect(await ledger.reserveSlot(id, 1, later(60_000))).toBe(true);
    expect(await ledger.reserveSlot(id, 1, later(60_000))).toBe(false);
  });

  it('claims an invitation once, also when the claims race', async () => {
    const ledger = create();
    expect(await ledger.claim('jti-a', later(60_000))).toBe(true);
    expect(await ledger.claim('jti-a', later(60_000))).toBe(false);
    expect(await ledger.claim('jti-b', later(60_000))).toBe(true);
    const racing = await Promise.all(
      Array.from({ length: 8 }, () => ledger.claim('jti-c', later(60_000))),
    );
    expect(racing.filter(Boolean)).toHaveLength(1);
  });

  it('lets the holder that claimed an invitation claim it again, and nobody else', async () => {
    const ledger = create();
    expect(await ledger.claim('jti-h', later(60_000), 'page-1')).toBe(true);
    // Its answer was lost: the same page asks again.
    expect(await ledger.claim('jti-h', later(60_000), 'page-1')).toBe(true);
    expect(await ledger.claim('jti-h', later(60_000), 'page-2')).toBe(false);
    expect(await ledger.claim('jti-h', later(60_000))).toBe(false);
    // A claim made without a holder cannot be repeated by anyone.
    expect(await ledger.claim('jti-n', later(60_000))).toBe(true);
    expect(await ledger.claim('jti-n', later(60_000), 'page-1')).toBe(false);
    const racing = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => ledger.claim('jti-r', later(60_000), holder)),
    );
    expect(racing.filter(Boolean)).toHaveLength(1);
  });
});

describe('the DynamoDB ledger items', () => {
  it('carry a TTL in epoch seconds, so DynamoDB deletes them after expiry', async () => {
    const ledger = createDynamoDbInvitationLedger(dynamo.client(), dynamo.tableName);
    await ledger.claim('jti-ttl', T0 + 90_500);
    await ledger.reserveSlot('contact-ttl', 4, T0 + 3_600_000);
    expect(dynamo.items.get('claim#jti-ttl')).toEqual({
      pk: { S: 'claim#jti-ttl' },
      expiresAt: { N: String(Math.ceil((T0 + 90_500) / 1000)) },
    });
    expect(dynamo.items.get('slot#contact-ttl')).toMatchObject({
      guests: { N: '1' },
      expiresAt: { N: String((T0 + 3_600_000) / 1000) },
    });
  });

  it('lets other DynamoDB errors through rather than reading them as "used" or "full"', async () => {
    const ledger = createDynamoDbInvitationLedger(dynamo.client(), 'no-such-table');
    await expect(ledger.claim('jti-x', T0 + 60_000)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(ledger.reserveSlot('c', 4, T0 + 60_000)).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('the in-memory ledger', () => {
  it('forgets expired entries, and fails rather than forget a live claim when full', async () => {
    clock = T0;
    const ledger = createMemoryInvitationLedger(() => clock, 2);
    expect(await ledger.claim('one', T0 + 1000)).toBe(true);
    expect(await ledger.claim('two', T0 + 5000)).toBe(true);
    await expect(ledger.claim('three', T0 + 5000)).rejects.toThrow(/full/);
    clock = T0 + 2000;
    // 'one' expired and was swept; 'two' is still remembered.
    expect(await ledger.claim('three', T0 + 5000)).toBe(true);
    expect(await ledger.claim('two', T0 + 5000)).toBe(false);
    clock = T0;
  });
});
