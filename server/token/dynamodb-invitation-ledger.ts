import {
  ConditionalCheckFailedException,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { InvitationLedger } from './invitation-ledger.js';

/** The table's partition key (a string) and its TTL attribute (epoch seconds), as the template sets. */
export const LEDGER_KEY = 'pk';
export const LEDGER_TTL = 'expiresAt';
/** Who claimed an invitation: the guest page's client token, when it sent one. */
const LEDGER_HOLDER = 'holder';

const seconds = (ms: number) => String(Math.ceil(ms / 1000));

/**
 * The ledger for Lambda, where instances share no memory: every decision is one conditional write,
 * so DynamoDB, not the instance, decides who was first. One table holds both kinds of item
 * (`slot#<contactId>` with a count, `claim#<jti>`); TTL deletes them once they can no longer matter.
 */
export function createDynamoDbInvitationLedger(
  client: DynamoDBClient,
  tableName: string,
): InvitationLedger {
  const failedCondition = (error: unknown) =>
    error instanceof ConditionalCheckFailedException ||
    (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';

  return {
    async reserveSlot(contactId, max, expiresAtMs) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: { [LEDGER_KEY]: { S: `slot#${contactId}` } },
            // ADD starts a missing count at 0; the condition sees the count before the update.
            UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
            ExpressionAttributeNames: { '#count': 'guests', '#ttl': LEDGER_TTL },
            ExpressionAttributeValues: {
              ':one': { N: '1' },
              ':max': { N: String(max) },
              ':ttl': { N: seconds(expiresAtMs) },
            },
          }),
        );
        return true;
      } catch (error) {
        if (failedCondition(error)) return false;
        throw error;
      }
    },

    async releaseSlot(contactId) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: { [LEDGER_KEY]: { S: `slot#${contactId}` } },
            UpdateExpression: 'ADD #count :minusOne',
            // Never below zero, and never creating an item for a contact that has none.
            ConditionExpression: '#count > :zero',
            ExpressionAttributeNames: { '#count': 'guests' },
            ExpressionAttributeValues: { ':minusOne': { N: '-1' }, ':zero': { N: '0' } },
          }),
        );
      } catch (error) {
        if (!failedCondition(error)) throw error;
      }
    },

    async claim(jti, expiresAtMs, holder) {
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: {
              [LEDGER_KEY]: { S: `claim#${jti}` },
              [LEDGER_TTL]: { N: seconds(expiresAtMs) },
              ...(holder !== undefined && { [LEDGER_HOLDER]: { S: holder } }),
            },
            // The same holder may claim again (its answer was lost); anyone else may not.
            ...(holder === undefined
              ? {
                  ConditionExpression: 'attribute_not_exists(#key)',
                  ExpressionAttributeNames: { '#key': LEDGER_KEY },
                }
              : {
                  ConditionExpression: 'attribute_not_exists(#key) OR #holder = :holder',
                  ExpressionAttributeNames: { '#key': LEDGER_KEY, '#holder': LEDGER_HOLDER },
                  ExpressionAttributeValues: { ':holder': { S: holder } },
                }),
          }),
        );
        return true;
      } catch (error) {
        if (failedCondition(error)) return false;
        throw error;
      }
    },
  };
}
