import { HttpError } from '../http/http-error.js';
import { clientIp } from './client-ip.js';
import { loadTokenEndpointConfig, type TokenEndpointConfig } from './config.js';
import { createConnectClient } from './connect-client.js';
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

let cached: ((event: HttpApiEvent) => Promise<HttpApiResult>) | undefined;

/**
 * The Lambda entry point (`lambda.handler`). Configuration is read at the first event of a cold
 * start and kept; a bad variable fails that invocation with the variable's name in the log.
 */
export async function handler(event: HttpApiEvent): Promise<HttpApiResult> {
  if (cached === undefined) {
    const config = loadTokenEndpointConfig(process.env, 'aws');
    cached = createLambdaHandler(config, {
      connect: createConnectClient(config),
      logger: jsonLogger,
    });
  }
  return cached(event);
}
