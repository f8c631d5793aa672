import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/send-json.js';

/**
 * An error answered the REST-JSON way: the SDK reads the name from `x-amzn-ErrorType` and the text
 * from `message`, and throws an exception whose `name` is that error type.
 */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

export function sendAwsError(
  res: ServerResponse,
  error: AwsError,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    error.status,
    { message: error.message },
    { 'x-amzn-ErrorType': error.type, 'x-amzn-RequestId': randomUUID(), ...headers },
  );
}

export function sendAwsJson(
  res: ServerResponse,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(res, 200, body, { 'x-amzn-RequestId': randomUUID(), ...headers });
}
