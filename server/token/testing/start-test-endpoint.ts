import { ConnectClient } from '@aws-sdk/client-connect';
import { listen, type RunningApp } from '../../app.js';
import {
  loadTokenEndpointConfig,
  type TokenEndpointConfig,
  type TokenEndpointEnv,
} from '../config.js';
import type { LogFields, TokenLogger } from '../logger.js';
import { createTokenEndpoint, type TokenEndpointDeps } from '../token-endpoint.js';
import { startConnectFixture, type ConnectFixture } from './connect-fixture.js';

export const SHOP_ORIGIN = 'https://shop.example';
export const CUSTOMER_SECRET = 'customer-secret-0123456789abcdefghijklmnopqrstuv';
export const HANDLE_SECRET = 'handle-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** A production (`aws` mode) configuration, as a deployer would write it. */
export const PRODUCTION_ENV: TokenEndpointEnv = {
  CONNECT_INSTANCE_ID: 'instance-1234',
  CONNECT_CONTACT_FLOW_ID: 'flow-5678',
  AWS_REGION: 'eu-west-2',
  CUSTOMER_VIDEO: 'true',
  CUSTOMER_SCREEN_SHARE: 'true',
  AGENT_VIDEO: 'true',
  AGENT_SCREEN_SHARE: 'false',
  ALLOWED_ORIGINS: `${SHOP_ORIGIN},https://www.shop.example`,
  ALLOWED_ATTRIBUTE_KEYS: 'orderId,language',
  CUSTOMER_JWT_SECRET: CUSTOMER_SECRET,
  SESSION_HANDLE_SECRET: HANDLE_SECRET,
  RATE_LIMIT_PER_MINUTE: '1000',
};

export interface LogLine extends LogFields {
  level: string;
  event: string;
}

export interface TestEndpoint {
  url: string;
  fixture: ConnectFixture;
  config: TokenEndpointConfig;
  logs: LogLine[];
  /** Backoff delays the endpoint asked for (it does not really sleep in tests). */
  sleeps: number[];
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export function capturingLogger(lines: LogLine[]): TokenLogger {
  const push = (level: string) => (event: string, fields?: LogFields) =>
    lines.push({ level, event, ...fields });
  return { info: push('info'), warn: push('warn'), error: push('error') };
}

/** The real ConnectClient, pointed at the fixture, signing with dummy credentials. */
export function fixtureClient(fixture: ConnectFixture, region = 'eu-west-2'): ConnectClient {
  return new ConnectClient({
    region,
    endpoint: fixture.endpoint,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    maxAttempts: 1,
  });
}

/**
 * The endpoint on a loopback server in front of the Connect fixture. `post` sends JSON from the
 * allowed shop origin unless told otherwise.
 */
export async function startTestEndpoint(
  env: TokenEndpointEnv = {},
  deps: Partial<TokenEndpointDeps> = {},
): Promise<TestEndpoint> {
  const config = loadTokenEndpointConfig({ ...PRODUCTION_ENV, ...env }, 'aws');
  const fixture = await startConnectFixture({
    instanceId: config.instanceId,
    contactFlowId: config.contactFlowId,
  });
  const logs: LogLine[] = [];
  const sleeps: number[] = [];
  const app: RunningApp = await listen(
    {
      routes: [
        createTokenEndpoint(config, {
          connect: fixtureClient(fixture),
          logger: capturingLogger(logs),
          sleep: async (ms) => {
            sleeps.push(ms);
          },
          ...deps,
        }),
      ],
    },
    0,
  );
  return {
    url: app.url,
    fixture,
    config,
    logs,
    sleeps,
    post: (path, body, headers = {}) =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: SHOP_ORIGIN, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await app.close();
      await fixture.close();
    },
  };
}
