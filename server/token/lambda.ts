import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { ConnectClient } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HttpError } from '../http/http-error.js';
import { clientIp } from './client-ip.js';
import type { TokenEndpointConfig } from './config.js';
import { createConnectClient } from './connect-client.js';
import { createDynamoDbInvitationLedger } from './dynamodb-invitation-ledger.js';
import type { InvitationLedger } from './invitation-ledger.js';
import { loadLambdaConfig, type LambdaConfig, type LambdaEnv } from './load-lambda-config.js';
import { jsonLogger } from './logger.js';
import { createTokenApi, type TokenEndpointDeps } from './token-api.js';

/** The parts of an API Gateway HTTP API (payload format 2.0) event that we read. */
export interface HttpApiEvent {
  version: '2.0';
  rawPath: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string; sourceIp: string } };
}

export interface HttpApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: false;
}

/** The same endpoint behind API Gateway: the event is adapted, the logic is `createTokenApi`. */
export function createLambdaHandler(
  config: TokenEndpointConfig,
  deps: TokenEndpointDeps,
): (event: HttpApiEvent) => Promise<HttpApiResult> {
  const api = createTokenApi(config, deps);
  return async (event) => {
    // API Gateway lower-cases header names in 2.0 events; do it anyway for hand-made events.
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(event.headers ?? {})) {
      headers[name.toLowerCase()] = value;
    }
    const response = await api({
      method: event.requestContext.http.method,
      path: event.rawPath,
      headers,
      // sourceIp is the TCP peer as API Gateway saw it: it cannot be forged by a header.
      clientIp: clientIp(headers, event.requestContext.http.sourceIp, config.clientIpHeader),
      async readBody(limit) {
        const raw = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
        if (raw.length > limit) {
          throw new HttpError(
            413,
            'PayloadTooLarge',
            `The request body is larger than ${limit} bytes.`,
          );
        }
        return raw;
      },
    });
    if (response === undefined) {
      return {
        statusCode: 404,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'NotFound', message: 'Nothing is served at this path.' }),
      };
    }
    return { statusCode: response.status, headers: response.headers, body: response.body };
  };
}

/**
 * One Lambda instance's handler. Its first event reads the configuration and both secrets; every
 * later event of the instance reuses them, so each secret is read once per cold start (a rotated
 * key reaches new instances). A start that fails fails that event, with the variable's name in the
 * log, and the next event tries again.
 */
export function createColdStartHandler(
  env: LambdaEnv,
  secrets: Pick<SecretsProvider, 'get'>,
  connectClient: (config: TokenEndpointConfig) => ConnectClient = createConnectClient,
  invitationLedger: (config: LambdaConfig & { invitationTable: string }) => InvitationLedger = (
    config,
  ) => createDynamoDbInvitationLedger(dynamoDbClient(config), config.invitationTable),
): (event: HttpApiEvent) => Promise<HttpApiResult> {
  let started: Promise<(event: HttpApiEvent) => Promise<HttpApiResult>> | undefined;
  return async (event) => {
    started ??= loadLambdaConfig(env, secrets)
      .then((config) =>
        createLambdaHandler(config, {
          connect: connectClient(config),
          logger: jsonLogger,
          ...(config.invitationTable !== undefined && {
            invitationLedger: invitationLedger({
              ...config,
              invitationTable: config.invitationTable,
            }),
          }),
        }),
      )
      .catch((error: unknown) => {
        started = undefined;
        throw error;
      });
    return (await started)(event);
  };
}

function dynamoDbClient(config: TokenEndpointConfig): DynamoDBClient {
  return new DynamoDBClient({
    region: config.region,
    // One quick retry by the SDK: every write is conditional, so a retried claim whose first try
    // landed is refused (the guest asks for a new link), never granted twice.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 3_000 },
  });
}

/** The Lambda entry point (`lambda.handler`). */
export const handler = createColdStartHandler(
  process.env,
  new SecretsProvider({
    // Bounded so a cold start that cannot reach Secrets Manager fails well inside the timeout.
    clientConfig: { requestHandler: { connectionTimeout: 2_000, requestTimeout: 3_000 } },
  }),
);
