import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { loadLambdaConfig, type LambdaEnv } from './load-lambda-config.js';
import {
  startSecretsManagerFixture,
  type SecretsManagerFixture,
  type StoredSecret,
} from './testing/secrets-manager-fixture.js';
import { CUSTOMER_SECRET, HANDLE_SECRET, PRODUCTION_ENV } from './testing/start-test-endpoint.js';

const SESSION_ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:widget/handle-AbCdEf';
const CUSTOMER_ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:shop/customer-GhIjKl';
const { CUSTOMER_JWT_SECRET: _customer, SESSION_HANDLE_SECRET: _handle, ...plain } = PRODUCTION_ENV;
const ENV: LambdaEnv = {
  ...plain,
  CUSTOMER_JWT_SECRET_ARN: CUSTOMER_ARN,
  SESSION_HANDLE_SECRET_ARN: SESSION_ARN,
};
const GOOD: Record<string, StoredSecret> = {
  [SESSION_ARN]: { SecretString: HANDLE_SECRET },
  [CUSTOMER_ARN]: { SecretString: CUSTOMER_SECRET },
};

let secrets: SecretsManagerFixture;
beforeAll(async () => {
  secrets = await startSecretsManagerFixture();
});
afterAll(() => secrets.close());

/** Loads with exactly these secrets stored; the reads go through Powertools and the real client. */
async function load(stored: Record<string, StoredSecret>, env: LambdaEnv = ENV) {
  secrets.secrets.clear();
  for (const [id, secret] of Object.entries(stored)) secrets.secrets.set(id, secret);
  return loadLambdaConfig(env, new SecretsProvider({ awsSdkV3Client: secrets.client() }));
}

describe('loadLambdaConfig (keys from Secrets Manager)', () => {
  it('uses the secret strings as the keys, trimmed as a variable would be', async () => {
    const config = await load({
      ...GOOD,
      [SESSION_ARN]: { SecretString: `${HANDLE_SECRET}\n` },
    });
    expect(new TextDecoder().decode(config.sessionHandleSecret)).toBe(HANDLE_SECRET);
    expect(new TextDecoder().decode(config.customerJwtSecret)).toBe(CUSTOMER_SECRET);
    expect(config.mode).toBe('aws');
  });

  it('accepts no customer key at all, and then reads only the session-handle secret', async () => {
    secrets.reads.length = 0;
    const config = await load(GOOD, { ...ENV, CUSTOMER_JWT_SECRET_ARN: '' });
    expect(config.customerJwtSecret).toBeUndefined();
    expect(secrets.reads).toEqual([SESSION_ARN]);
  });

  const S = `SESSION_HANDLE_SECRET_ARN: the secret ${SESSION_ARN}`;
  const C = `CUSTOMER_JWT_SECRET_ARN: the secret ${CUSTOMER_ARN}`;
  const broken: [string, Record<string, StoredSecret>, LambdaEnv, string][] = [
    ['a missing secret', { [CUSTOMER_ARN]: GOOD[CUSTOMER_ARN]! }, ENV, `${S} was not found`],
    ['a missing customer secret', { [SESSION_ARN]: GOOD[SESSION_ARN]! }, ENV, `${C} was not found`],
    ['an empty secret', { ...GOOD, [SESSION_ARN]: { SecretString: ' \n' } }, ENV, `${S} is empty`],
    [
      'a short secret',
      { ...GOOD, [SESSION_ARN]: { SecretString: 'x'.repeat(31) } },
      ENV,
      `${S} must be at least 32 characters`,
    ],
    [
      'a short customer secret',
      { ...GOOD, [CUSTOMER_ARN]: { SecretString: 'short' } },
      ENV,
      `${C} must be at least 32 characters`,
    ],
    [
      'one key for both',
      { ...GOOD, [SESSION_ARN]: { SecretString: CUSTOMER_SECRET } },
      ENV,
      `${S} must differ from the secret ${CUSTOMER_ARN}`,
    ],
    [
      'a binary secret',
      { ...GOOD, [SESSION_ARN]: { SecretBinary: new Uint8Array(40) } },
      ENV,
      `${S} holds binary data`,
    ],
    [
      'a secret the role may not read',
      { ...GOOD, [CUSTOMER_ARN]: { error: 'AccessDeniedException' } },
      ENV,
      `${C} could not be read (AccessDeniedException)`,
    ],
    [
      'no session-handle secret',
      GOOD,
      { ...ENV, SESSION_HANDLE_SECRET_ARN: undefined },
      'SESSION_HANDLE_SECRET_ARN: is required',
    ],
    [
      'customer tokens required without a customer secret',
      GOOD,
      { ...ENV, CUSTOMER_JWT_SECRET_ARN: undefined, REQUIRE_CUSTOMER_JWT: 'true' },
      'REQUIRE_CUSTOMER_JWT: is true but CUSTOMER_JWT_SECRET_ARN is not set',
    ],
    [
      'a key in a plain variable',
      GOOD,
      { ...ENV, SESSION_HANDLE_SECRET: HANDLE_SECRET },
      'SESSION_HANDLE_SECRET: is not read in Lambda',
    ],
  ];
  it.each(broken)('refuses %s, naming the secret', async (_case, stored, env, message) => {
    const error: unknown = await load(stored, env).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message.slice(0, message.length)).toBe(message);
    // The key itself never appears in an error.
    for (const key of [HANDLE_SECRET, CUSTOMER_SECRET]) {
      expect((error as ConfigError).message).not.toContain(key);
    }
  });

  it('needs INVITATION_TABLE when invitations are on, and only then keeps it', async () => {
    const on = { ...ENV, INVITATIONS: 'true', INVITATION_URL: 'https://shop.example/guest' };
    await expect(load(GOOD, on)).rejects.toThrow(/^INVITATION_TABLE: is required/);
    await expect(load(GOOD, { ...on, INVITATION_TABLE: 'a b' })).rejects.toThrow(
      /^INVITATION_TABLE: /,
    );
    const config = await load(GOOD, { ...on, INVITATION_TABLE: 'stack-InvitationTable-1AB' });
    expect(config.invitationTable).toBe('stack-InvitationTable-1AB');
    expect(config.invitations?.url).toBe('https://shop.example/guest');
    expect(await load(GOOD, { ...ENV, INVITATION_TABLE: 'ignored' })).not.toHaveProperty(
      'invitationTable',
    );
  });
});
