import { ApiError } from './api-error.js';
import { awsErrorName } from './aws-error-name.js';

/** What we read from an AWS SDK error: the error type, and the HTTP status when there was one. */
export interface ConnectErrorInfo {
  name: string;
  status?: number;
  requestId?: string;
}

export function describeConnectError(error: unknown): ConnectErrorInfo {
  const e = error as { $metadata?: { httpStatusCode?: unknown; requestId?: unknown } } | null;
  const status = e?.$metadata?.httpStatusCode;
  const requestId = e?.$metadata?.requestId;
  return {
    name: awsErrorName(error) ?? 'Error',
    ...(typeof status === 'number' ? { status } : {}),
    ...(typeof requestId === 'string' ? { requestId } : {}),
  };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ThrottledException',
  'RequestLimitExceeded',
]);

/**
 * Worth another try with the same ClientToken (so a retry never starts a second contact): the
 * service asked us to slow down, or failed on its side, or the connection broke. Not
 * LimitExceededException: that is the instance's concurrent-call quota, which seconds will not free.
 */
export function isRetryable(info: ConnectErrorInfo): boolean {
  if (THROTTLING.has(info.name)) return true;
  if (info.name === 'LimitExceededException') return false;
  if (info.status !== undefined) return info.status >= 500 || info.status === 429;
  // No HTTP answer at all: a reset or timeout on the way.
  return ['TimeoutError', 'RequestTimeout', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE'].some(
    (name) => info.name === name,
  );
}

/**
 * The safe client answer for an AWS failure: a stable code and our own message. AWS's message can
 * echo input (names, attributes), so it never reaches the browser or the logs.
 */
export function toClientError(info: ConnectErrorInfo): ApiError {
  switch (info.name) {
    case 'InvalidParameterException':
    case 'InvalidRequestException':
      return new ApiError(400, 'ConnectRejectedRequest', 'Amazon Connect refused the request.');
    case 'ResourceNotFoundException':
      return new ApiError(404, 'ConnectResourceNotFound', 'Amazon Connect did not find it.');
    case 'LimitExceededException':
      return new ApiError(
        429,
        'ConnectLimitExceeded',
        'The contact centre has too many calls right now. Try again later.',
        undefined,
        { 'retry-after': '30' },
      );
    case 'IdempotencyException':
    case 'ConflictException':
      return new ApiError(
        409,
        'ClientTokenConflict',
        'This client token was already used for a different request.',
      );
    case 'AccessDeniedException':
      return new ApiError(
        502,
        'ConnectAccessDenied',
        'The token endpoint is not allowed to do that.',
      );
  }
  if (THROTTLING.has(info.name)) {
    return new ApiError(
      429,
      'ConnectThrottled',
      'Amazon Connect is busy. Try again shortly.',
      undefined,
      { 'retry-after': '2' },
    );
  }
  return new ApiError(502, 'ConnectUnavailable', 'Amazon Connect could not be reached.');
}
