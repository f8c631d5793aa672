import { ConnectClient } from '@aws-sdk/client-connect';
import type { TokenEndpointConfig } from './config.js';

/**
 * The real AWS SDK client, the only thing that differs between the modes: in local mode it signs
 * with dummy credentials and talks to the emulator; in AWS mode it uses the SDK's default
 * credential chain (the Lambda role, an instance profile, AWS_PROFILE...) and regional endpoint.
 */
export function createConnectClient(config: TokenEndpointConfig): ConnectClient {
  return new ConnectClient({
    region: config.region,
    // The endpoint retries throttling itself, with the same ClientToken (call-with-retry.ts); SDK
    // retries on top would multiply the attempts.
    maxAttempts: 1,
    // Bounded per attempt so retries fit inside API Gateway's 30 s and a browser's patience.
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 3_000 },
    ...(config.mode === 'local'
      ? {
          endpoint: config.connectEndpoint ?? 'http://127.0.0.1:8080/emulator/connect',
          credentials: { accessKeyId: 'LOCALEMULATOR', secretAccessKey: 'local-emulator-secret' },
        }
      : {}),
  });
}
