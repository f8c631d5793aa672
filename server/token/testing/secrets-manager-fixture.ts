import { randomUUID } from 'node:crypto';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { listen } from '../../app.js';
import { readJsonBody } from '../../http/read-body.js';

/**
 * A stand-in for AWS Secrets Manager, just `GetSecretValue`, spoken the way the service speaks it
 * (AWS JSON 1.1: `POST /` with `X-Amz-Target: secretsmanager.GetSecretValue`, errors as
 * `{"__type", "message"}` with status 400), so the real `@aws-sdk/client-secrets-manager` and the
 * Powertools provider on top of it can read from it. It records the SecretId of every read.
 */
export type StoredSecret =
  | { SecretString: string }
  | { SecretBinary: Uint8Array }
  /** The read fails with this AWS error type, e.g. `AccessDeniedException`. */
  | { error: string };

export interface SecretsManagerFixture {
  /** What the SDK client takes as `endpoint` (or `AWS_ENDPOINT_URL_SECRETS_MANAGER`). */
  endpoint: string;
  /** By SecretId; a SecretId that is not here is a `ResourceNotFoundException`, as in AWS. */
  secrets: Map<string, StoredSecret>;
  /** The SecretId of each GetSecretValue, in order. */
  reads: string[];
  /** The real client, pointed here, signing with dummy credentials. */
  client(): SecretsManagerClient;
  close(): Promise<void>;
}

export async function startSecretsManagerFixture(
  secrets: Record<string, StoredSecret> = {},
): Promise<SecretsManagerFixture> {
  const stored = new Map(Object.entries(secrets));
  const reads: string[] = [];
  const app = await listen(
    {
      routes: [
        async (req, res) => {
          const reply = (status: number, body: unknown) => {
            res.writeHead(status, {
              'content-type': 'application/x-amz-json-1.1',
              'x-amzn-requestid': randomUUID(),
            });
            res.end(JSON.stringify(body));
            return true;
          };
          const fail = (type: string, message: string) =>
            reply(400, { __type: type, message, Message: message });
          const target = req.headers['x-amz-target'];
          if (req.method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
            return fail('UnknownOperationException', `Not served here: ${String(target)}`);
          }
          const { SecretId } = (await readJsonBody(req, 1 << 16)) as { SecretId?: unknown };
          if (typeof SecretId !== 'string') return fail('InvalidParameterException', 'SecretId');
          reads.push(SecretId);
          const secret = stored.get(SecretId);
          if (secret === undefined) {
            return fail(
              'ResourceNotFoundException',
              "Secrets Manager can't find the specified secret.",
            );
          }
          if ('error' in secret) return fail(secret.error, `Refused reading ${SecretId}.`);
          const name = SecretId.replace(/^arn:.*:secret:/, '').replace(/-[A-Za-z0-9]{6}$/, '');
          return reply(200, {
            ARN: SecretId.startsWith('arn:')
              ? SecretId
              : `arn:aws:secretsmanager:eu-west-2:111122223333:secret:${name}-AbCdEf`,
            Name: name,
            VersionId: randomUUID(),
            VersionStages: ['AWSCURRENT'],
            CreatedDate: Date.now() / 1000,
            ...('SecretString' in secret
              ? { SecretString: secret.SecretString }
              : { SecretBinary: Buffer.from(secret.SecretBinary).toString('base64') }),
          });
        },
      ],
    },
    0,
  );
  return {
    endpoint: app.url,
    secrets: stored,
    reads,
    client: () =>
      new SecretsManagerClient({
        region: 'eu-west-2',
        endpoint: app.url,
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
        maxAttempts: 1,
      }),
    close: () => app.close(),
  };
}
