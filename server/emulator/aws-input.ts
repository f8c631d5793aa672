import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/http-error.js';
import { readJsonBody } from '../http/read-body.js';
import { AwsError } from './aws-error.js';

/** Big enough for every limit of StartWebRTCContact together, small enough to refuse floods. */
export const AWS_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Reads a REST-JSON request body as an object. Malformed bodies become the error type the calling
 * service uses for bad input, so the SDK throws a named exception instead of an unknown one.
 */
export async function readAwsJsonObject(
  req: IncomingMessage,
  invalidType: string,
): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await readJsonBody(req, AWS_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof HttpError) throw new AwsError(error.status, invalidType, error.message);
    throw error;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AwsError(400, invalidType, 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}

/** Checks one string member, throwing `errorType` (400) with a message that names the member. */
export function checkStringMember(
  errorType: string,
  field: string,
  value: unknown,
  { required, min = 0, max }: { required: boolean; min?: number; max: number },
): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw new AwsError(400, errorType, `${field} is required.`);
    return undefined;
  }
  if (typeof value !== 'string') throw new AwsError(400, errorType, `${field} must be a string.`);
  const length = [...value].length;
  if (length < min || length > max) {
    throw new AwsError(400, errorType, `${field} must be ${min} to ${max} characters long.`);
  }
  return value;
}
