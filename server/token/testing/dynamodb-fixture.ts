import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listen } from '../../app.js';
import { readJsonBody } from '../../http/read-body.js';

type AttributeValue =
  { S: string } | { N: string } | { BOOL: boolean } | { M: Record<string, AttributeValue> };
type Item = Record<string, AttributeValue>;

interface Request {
  TableName?: string;
  Key?: Item;
  Item?: Item;
  ConsistentRead?: boolean;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/**
 * A stand-in for DynamoDB, just GetItem and PutItem on one table keyed by a string, spoken as the
 * service speaks it (AWS JSON 1.0, `X-Amz-Target: DynamoDB_20120810.<Operation>`, errors as
 * `{"__type", "message"}`), so the real `@aws-sdk/client-dynamodb` reads and writes it. It
 * understands only the condition expressions the invitation ledger uses (`A OR B`,
 * `attribute_not_exists`, `x = :v`) and serves only consistent reads (an eventually consistent one
 * may be stale in DynamoDB, which this store cannot show); it answers ValidationException to
 * anything else, so a ledger change it cannot check fails loudly. Requests are handled one at a
 * time, as each item's writes are serialized in DynamoDB.
 */
export interface DynamoDbFixture {
  endpoint: string;
  tableName: string;
  /** By key value. */
  items: Map<string, Item>;
  client(): DynamoDBClient;
  close(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const validation = (message: string) => new Refusal('ValidationException', message);

function resolver(request: Request) {
  const name = (token: string) => {
    const resolved = token.startsWith('#') ? request.ExpressionAttributeNames?.[token] : token;
    if (resolved === undefined) throw validation(`Unknown attribute name ${token}`);
    return resolved;
  };
  const value = (token: string) => {
    const found = request.ExpressionAttributeValues?.[token];
    if (found === undefined) throw validation(`Unknown attribute value ${token}`);
    return found;
  };
  return { name, value };
}

function holds(expression: string, item: Item | undefined, request: Request): boolean {
  const { name, value } = resolver(request);
  return expression.split(/\s+OR\s+/).some((term) => {
    const absent = /^attribute_not_exists\((#?\w+)\)$/.exec(term.trim());
    if (absent) return item?.[name(absent[1]!)] === undefined;
    const equal = /^(#?\w+)\s*=\s*(:\w+)$/.exec(term.trim());
    if (!equal) throw validation(`The fixture does not understand "${term}"`);
    // Equal only with the same type and value, and never for a missing attribute.
    const current = item?.[name(equal[1]!)];
    return current !== undefined && JSON.stringify(current) === JSON.stringify(value(equal[2]!));
  });
}

export async function startDynamoDbFixture(
  tableName = 'invitations',
  keyName = 'pk',
): Promise<DynamoDbFixture> {
  const items = new Map<string, Item>();
  const keyOf = (item: Item | undefined) => {
    const key = item?.[keyName];
    if (key === undefined || !('S' in key)) throw validation(`The key ${keyName} (S) is missing`);
    return key.S;
  };
  const operate = (operation: string, request: Request): unknown => {
    if (request.TableName !== tableName) {
      throw new Refusal('ResourceNotFoundException', 'Requested resource not found');
    }
    const key = keyOf(operation === 'PutItem' ? request.Item : request.Key);
    const current = items.get(key);
    switch (operation) {
      case 'GetItem':
        if (request.ConsistentRead !== true) {
          throw validation('The fixture serves only consistent reads (ConsistentRead: true)');
        }
        return current === undefined ? {} : { Item: current };
      case 'PutItem':
        if (request.ConditionExpression && !holds(request.ConditionExpression, current, request)) {
          throw new Refusal('ConditionalCheckFailedException', 'The conditional request failed');
        }
        items.set(key, { ...request.Item });
        return {};
      default:
        throw new Refusal('UnknownOperationException', `Not served here: ${operation}`);
    }
  };
  const app = await listen(
    {
      routes: [
        async (req, res) => {
          const reply = (status: number, body: unknown) => {
            res.writeHead(status, {
              'content-type': 'application/x-amz-json-1.0',
              'x-amzn-requestid': randomUUID(),
            });
            res.end(JSON.stringify(body));
            return true;
          };
          const target = String(req.headers['x-amz-target'] ?? '');
          const operation = target.replace(/^DynamoDB_20120810\./, '');
          try {
            if (req.method !== 'POST' || operation === target) {
              throw new Refusal('UnknownOperationException', `Not served here: ${target}`);
            }
            const request = (await readJsonBody(req, 1 << 16)) as Request;
            return reply(200, operate(operation, request));
          } catch (error) {
            if (!(error instanceof Refusal)) throw error;
            return reply(400, {
              __type: `com.amazonaws.dynamodb.v20120810#${error.type}`,
              message: error.message,
            });
          }
        },
      ],
    },
    0,
  );
  return {
    endpoint: app.url,
    tableName,
    items,
    client: () =>
      new DynamoDBClient({
        region: 'eu-west-2',
        endpoint: app.url,
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
        maxAttempts: 1,
      }),
    close: () => app.close(),
  };
}
