import { ApiError, invalidField } from './api-error.js';
import { isRecord } from './session-request.js';

/** A JSON object body whose fields are all optional strings from `fields`; anything else is a 400. */
export function stringBody<Field extends string>(
  body: unknown,
  fields: readonly Field[],
): Partial<Record<Field, string>> {
  if (!isRecord(body)) {
    throw new ApiError(400, 'InvalidBody', 'The request body must be a JSON object.');
  }
  const known = new Set<string>(fields);
  for (const [key, value] of Object.entries(body)) {
    if (!known.has(key)) throw invalidField(key, 'is not a known field.', 'UnknownField');
    if (value !== undefined && typeof value !== 'string') {
      throw invalidField(key, 'must be a string.');
    }
  }
  return body as Partial<Record<Field, string>>;
}
