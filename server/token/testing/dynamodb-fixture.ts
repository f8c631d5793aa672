import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { listen } from '../../app.js';
import { readJsonBody } from '../../http/read-body.js';

type AttributeValue = { S: string } | { N: string };
type Item = Record<string, AttributeValue>;

interface Request {
  TableName?: string;
  Key?: Item;
  Item?: Item;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/**
 * A stand-in for DynamoDB, just PutItem, UpdateItem and DeleteItem on one table keyed by a string,
 * spoken as the service speaks it (AWS JSON 1.0, `X-Amz-Target: DynamoDB_20120810.<Operation>`,
 * errors as `{"__type", "message"}`), so the real `@aws-sdk/client-dynamodb` writes to it. It
 * understands only the expressions the invitation ledger uses (`A OR B`, `attribute_not_exists`,
 * `<`/`>` on numbers; `ADD` and `SET x = :v`) and answers ValidationException to anything else,
 * so a ledger change it cannot check fails loudly. Requests are handled one at a time, as each
 * item's writes are serialized in DynamoDB.
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
  const number = (token: string) => {
    const value = request.ExpressionAttributeValues?.[token];
    if (value === undefined || !('N' in value)) throw validation(`${token} is not a number value`);
    return Number(value.N);
  };
  const value = (token: string) => {
    const found = request.ExpressionAttributeValues?.[token];
    if (found === undefined) throw validation(`Unknown attribute value ${token}`);
    return found;
  };
  return { name, number, value };
}

function holds(expression: string, item: Item | undefined, request: Request): boolean {
  const { name, number, value } = resolver(request);
  return expression.split(/\s+OR\s+/).some((term) => {
    const absent = /^attribute_not_exists\((#?\w+)\)$/.exec(term.trim());
    if (absent) return item?.[name(absent[1]!)] === undefined;
    const equal = /^(#?\w+)\s*=\s*(:\w+)$/.exec(term.trim());
    if (equal) {
      // Equal only with the same type and value, and never for a missing attribute.
      const current = item?.[name(equal[1]!)];
      return current !== undefined && JSON.stringify(current) === JSON.stringify(value(equal[2]!));
    }
    const compare = /^(#?\w+)\s*([<>])\s*(:\w+)$/.exec(term.trim());
    if (!compare) throw validation(`The fixture does not understand "${term}"`);
    const current = item?.[name(compare[1]!)];
    // As in DynamoDB, a comparison with a missing attribute is false.
    if (current === undefined || !('N' in current)) return false;
    const limit = number(compare[3]!);
    return compare[2] === '<' ? Number(current.N) < limit : Number(current.N) > limit;
  });
}

function update(expression: string, item: Item, request: Request): Item {
  const { name, number, value } = resolver(request);
  const next = { ...item };
  for (const clause of expression.split(/\s+(?=ADD\s|SET\s)/)) {
    const add = /^ADD\s+(#?\w+)\s+(:\w+)$/.exec(clause.trim());
    const set = /^SET\s+(#?\w+)\s*=\s*(:\w+)$/.exec(clause.trim());
    if (add) {
      const attribute = name(add[1]!);
      const current = next[attribute];
      const base = current !== undefined && 'N' in current ? Number(current.N) : 0;
      next[attribute] = { N: String(base + number(add[2]!)) };
    } else if (set) {
      next[name(set[1]!)] = value(set[2]!);
    } else {
      throw validation(`The fixture does not understand "${clause}"`);
    }
  }
  return next;
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
    if (request.ConditionExpression && !holds(request.ConditionExpression, current, request)) {
      throw new Refusal('ConditionalCheckFailedException', 'The conditional request failed');
    }
    switch (operation) {
      case 'PutItem':
        items.set(key, { ...request.Item });
        return {};
      case 'UpdateItem':
        if (!request.UpdateExpression) throw validation('UpdateExpression is required');
        items.set(key, update(request.UpdateExpression, current ?? { ...request.Key }, request));
        return {};
      case 'DeleteItem':
        items.delete(key);
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
