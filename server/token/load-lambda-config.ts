import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { awsErrorName } from './aws-error-name.js';
import {
  ConfigError,
  loadTokenEndpointConfig,
  type FetchedSecret,
  type TokenEndpointConfig,
  type TokenEndpointEnv,
} from './config.js';

/**
 * What the Lambda's environment holds instead of the two HMAC keys: the ARN (or name) of the
 * Secrets Manager secret holding each one. Secrets Manager rather than SSM Parameter Store
 * SecureString: it can generate the session-handle key inside the stack (no key ever passes
 * through a template parameter or a terminal), it is what rotation tooling expects, and an IAM
 * grant on one secret's ARN is exactly one key.
 */
export const LAMBDA_SECRET_VARIABLES = [
  'CUSTOMER_JWT_SECRET_ARN',
  'SESSION_HANDLE_SECRET_ARN',
] as const;

/**
 * The DynamoDB table of the invitation ledger: Lambda instances share no memory, so single use
 * and the guest count need a store they all see (dynamodb-invitation-ledger.ts).
 */
export const INVITATION_TABLE_VARIABLE = 'INVITATION_TABLE';

type LambdaSecretVariable = (typeof LAMBDA_SECRET_VARIABLES)[number];
export type LambdaEnv = TokenEndpointEnv &
  Partial<Record<LambdaSecretVariable | typeof INVITATION_TABLE_VARIABLE, string | undefined>>;

/** The endpoint's configuration, plus where a Lambda keeps its invitation ledger. */
export interface LambdaConfig extends TokenEndpointConfig {
  /** Set exactly when invitations are on. */
  invitationTable?: string;
}

/**
 * The Lambda's configuration: the environment, read and checked as `npm start` reads it, and the
 * two keys read from Secrets Manager, checked by the same rules (at least 32 characters, not the
 * same key twice). Every error names the variable holding the secret's ARN and the secret itself.
 */
export async function loadLambdaConfig(
  env: LambdaEnv,
  secrets: Pick<SecretsProvider, 'get'>,
): Promise<LambdaConfig> {
  for (const plain of ['CUSTOMER_JWT_SECRET', 'SESSION_HANDLE_SECRET'] as const) {
    // A Lambda's environment is shown to anyone who may read the function's configuration.
    if (env[plain]?.trim()) {
      throw new ConfigError(
        plain,
        `is not read in Lambda: put the key in Secrets Manager and set ${plain}_ARN.`,
      );
    }
  }
  const sessionHandleId = env.SESSION_HANDLE_SECRET_ARN?.trim();
  if (!sessionHandleId) {
    throw new ConfigError(
      'SESSION_HANDLE_SECRET_ARN',
      'is required: the ARN of the Secrets Manager secret holding the session-handle key.',
    );
  }
  const customerJwtId = env.CUSTOMER_JWT_SECRET_ARN?.trim();
  const [sessionHandleSecret, customerJwtSecret] = await Promise.all([
    readSecret(secrets, 'SESSION_HANDLE_SECRET_ARN', sessionHandleId),
    customerJwtId
      ? readSecret(secrets, 'CUSTOMER_JWT_SECRET_ARN', customerJwtId)
      : { value: undefined, variable: 'CUSTOMER_JWT_SECRET_ARN', what: '' },
  ]);
  const config = loadTokenEndpointConfig(
    env,
    'aws',
    {},
    { customerJwtSecret, sessionHandleSecret },
  );
  if (config.invitations === undefined) return config;
  const invitationTable = env[INVITATION_TABLE_VARIABLE]?.trim();
  if (!invitationTable) {
    throw new ConfigError(
      INVITATION_TABLE_VARIABLE,
      'is required when INVITATIONS is true: the DynamoDB table that records used invitations.',
    );
  }
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(invitationTable)) {
    throw new ConfigError(INVITATION_TABLE_VARIABLE, 'must be a DynamoDB table name.');
  }
  return { ...config, invitationTable };
}

async function readSecret(
  secrets: Pick<SecretsProvider, 'get'>,
  variable: LambdaSecretVariable,
  secretId: string,
): Promise<FetchedSecret> {
  const what = `the secret ${secretId}`;
  let value: string | Uint8Array | undefined;
  try {
    // maxAge 0: this runs once per cold start and the caller keeps the result for the instance's
    // life; Powertools' own few-second cache would only hide a second read.
    value = await secrets.get(secretId, { maxAge: 0, throwOnMissing: true });
  } catch (error) {
    if (error instanceof ParameterNotFoundError) {
      throw new ConfigError(variable, `${what} was not found, or has no current value.`);
    }
    // Only the AWS error's name (AccessDeniedException, DecryptionFailure...) or a network error's
    // code: AWS's message can carry ARNs of the account, and the name says where to look.
    const reason = awsErrorName((error as { cause?: unknown }).cause) ?? 'no answer';
    throw new ConfigError(
      variable,
      `${what} could not be read (${reason}): check the function's IAM policy and, for a ` +
        'customer-managed KMS key, its key policy.',
    );
  }
  if (value instanceof Uint8Array) {
    throw new ConfigError(variable, `${what} holds binary data: store the key as a secret string.`);
  }
  if (!value?.trim()) throw new ConfigError(variable, `${what} is empty.`);
  return { value, variable, what };
}
