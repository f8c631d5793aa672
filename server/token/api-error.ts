import { HttpError } from '../http/http-error.js';

/** A refusal the browser can branch on: `{ code, message, field? }`, never a stack or a secret. */
export class ApiError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly field?: string,
    headers: Record<string, string> = {},
  ) {
    super(status, code, message, headers);
    this.name = 'ApiError';
  }
}

/** Field paths can carry browser-chosen keys (up to 32 KiB); echo only a bounded prefix. */
export function boundedField(field: string): string {
  return field.length > 200 ? `${field.slice(0, 200)}…` : field;
}

export function invalidField(field: string, message: string, code = 'InvalidField'): ApiError {
  const shown = boundedField(field);
  return new ApiError(400, code, `${shown} ${message}`, shown);
}
