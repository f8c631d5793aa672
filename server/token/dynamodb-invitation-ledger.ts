import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  claimGuestSlot,
  recordExpiryMs,
  releaseGuestSlot,
  reserveGuestSlot,
  type GuestSlot,
  type GuestSlots,
  type SlotDecision,
} from './guest-slots.js';
import type { InvitationLedger } from './invitation-ledger.js';

/** The table's partition key (a string) and its TTL attribute (epoch seconds), as the template sets. */
export const LEDGER_KEY = 'pk';
export const LEDGER_TTL = 'expiresAt';
/** Raised by one on every write: a write names the version it read, so it lands only on that. */
const LEDGER_VERSION = 'version';
const LEDGER_SLOTS = 'slots';
/**
 * Every failed attempt means another request's write to the same contact landed in between, and a
 * contact sees only a handful (each guest invited, maybe re-timed, joined): running out takes a
 * flood, which then fails (500) rather than loops.
 */
export const LEDGER_MAX_ATTEMPTS = 10;

const seconds = (ms: number) => String(Math.ceil(ms / 1000));

/**
 * The ledger for Lambda, where instances share no memory. Each contact is one item
 * (`guests#<contactId>`) holding its slots, a map of slot id → `{until}` (epoch ms) or
 * `{joined, holder?}`, and a version. A decision reads the item with a consistent read, decides on
 * it (guest-slots.ts), and writes it back with one PutItem conditioned on the version it read (or
 * on the item being absent): of racing requests one write lands, the others find the version moved
 * and decide again on what it wrote, a bounded number of times. So DynamoDB, not the instance,
 * decides who was first, and a slot counts until its invitation's expiry with no sweeper: expired
 * slots are dropped by the next write. A "full" or "used" answer writes nothing: the consistent
 * read saw that state. TTL deletes the item once the contact is over.
 */
export function createDynamoDbInvitationLedger(
  client: DynamoDBClient,
  tableName: string,
  now: () => number = Date.now,
): InvitationLedger {
  const failedCondition = (error: unknown) =>
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';

  async function decide<Answer>(
    contactId: string,
    decision: (slots: GuestSlots, nowMs: number) => SlotDecision<Answer>,
  ): Promise<Answer> {
    const key = { [LEDGER_KEY]: { S: `guests#${contactId}` } };
    for (let attempt = 1; attempt <= LEDGER_MAX_ATTEMPTS; attempt++) {
      const { Item: item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );
      const version = item === undefined ? undefined : readVersion(item);
      const at = now();
      const { next, answer } = decision(item === undefined ? {} : readSlots(item), at);
      if (next === undefined) return answer;
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              ...key,
              [LEDGER_VERSION]: { N: String((version ?? 0) + 1) },
              [LEDGER_TTL]: { N: seconds(recordExpiryMs(next, at)) },
              [LEDGER_SLOTS]: { M: writeSlots(next) },
            },
            ...(version === undefined
              ? {
                  ConditionExpression: 'attribute_not_exists(#key)',
                  ExpressionAttributeNames: { '#key': LEDGER_KEY },
                }
              : {
                  ConditionExpression: '#version = :version',
                  ExpressionAttributeNames: { '#version': LEDGER_VERSION },
                  ExpressionAttributeValues: { ':version': { N: String(version) } },
                }),
          }),
        );
        return answer;
      } catch (error) {
        if (!failedCondition(error)) throw error;
      }
    }
    throw new Error(
      `The invitation ledger's item for contact ${contactId} changed during each of ${LEDGER_MAX_ATTEMPTS} attempts.`,
    );
  }

  return {
    reserveSlot: (contactId, slotId, max, untilMs) =>
      decide(contactId, (slots, at) => reserveGuestSlot(slots, slotId, max, untilMs, at)),
    releaseSlot: (contactId, slotId) =>
      decide(contactId, (slots, at) => releaseGuestSlot(slots, slotId, at)),
    claimSlot: (contactId, slotId, max, holder) =>
      decide(contactId, (slots, at) => claimGuestSlot(slots, slotId, max, holder, at)),
  };
}

type Item = Record<string, AttributeValue>;

function unreadable(what: string): Error {
  return new Error(`The invitation ledger's item has an unreadable ${what}.`);
}

function readVersion(item: Item): number {
  const version = Number(item[LEDGER_VERSION]?.N);
  if (!Number.isSafeInteger(version)) throw unreadable(LEDGER_VERSION);
  return version;
}

function readSlots(item: Item): GuestSlots {
  const map = item[LEDGER_SLOTS]?.M;
  if (map === undefined) throw unreadable(LEDGER_SLOTS);
  const slots: GuestSlots = {};
  for (const [slotId, value] of Object.entries(map)) {
    const fields = value.M ?? {};
    if (fields.joined?.BOOL === true) {
      const holder = fields.holder?.S;
      slots[slotId] = { joined: true, ...(holder !== undefined && { holder }) };
      continue;
    }
    const untilMs = Number(fields.until?.N);
    if (!Number.isFinite(untilMs)) throw unreadable(`slot ${slotId}`);
    slots[slotId] = { untilMs };
  }
  return slots;
}

function writeSlots(slots: GuestSlots): Item {
  const slot = (value: GuestSlot): AttributeValue =>
    'joined' in value
      ? {
          M: {
            joined: { BOOL: true },
            ...(value.holder !== undefined && { holder: { S: value.holder } }),
          },
        }
      : { M: { until: { N: String(value.untilMs) } } };
  return Object.fromEntries(Object.entries(slots).map(([id, value]) => [id, slot(value)]));
}
