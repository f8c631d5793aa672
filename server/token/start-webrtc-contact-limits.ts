/**
 * StartWebRTCContact's own input limits (../../shared docs: connect-webrtc.md), checked before any
 * AWS call. This is the one function to swap for the shared
 * `server/shared/start-webrtc-contact-limits.ts` (`validateStartWebRTCContactInput`) once it lands:
 * same signature, fields named with AWS's dotted names (`ParticipantDetails.DisplayName`,
 * `Attributes.<key>`).
 */
export const START_WEBRTC_CONTACT_LIMITS = {
  instanceIdMax: 100,
  contactFlowIdMax: 500,
  displayNameMin: 1,
  displayNameMax: 256,
  attributesTotalBytes: 32_768,
  attributeKeyMax: 32_767,
  attributeValueMax: 32_767,
  referencesTotalBytes: 4_096,
  referenceKeyMax: 4_096,
  referenceValueMax: 4_096,
  descriptionMax: 4_096,
  relatedContactIdMax: 256,
  clientTokenMax: 500,
} as const;

export const REFERENCE_TYPES = ['URL', 'NUMBER', 'STRING', 'DATE', 'EMAIL'] as const;

const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]+$/;
// In a `u` regex a lone surrogate is one code point, a valid pair is another: this finds only the
// lone ones, which UTF-8 cannot carry (the SDK would silently turn them into U+FFFD).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export interface LimitViolation {
  field: string;
  message: string;
}

/** Smithy measures string length in Unicode code points, not UTF-16 units. */
function length(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

function checkString(
  value: unknown,
  field: string,
  min: number,
  max: number,
): LimitViolation | undefined {
  if (typeof value !== 'string') return { field, message: 'must be a string.' };
  if (LONE_SURROGATE.test(value)) return { field, message: 'is not valid Unicode text.' };
  const size = length(value);
  if (size < min || size > max) {
    return {
      field,
      message:
        min > 0 ? `must be ${min} to ${max} characters.` : `must be at most ${max} characters.`,
    };
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Returns the first violation of the service's limits, or undefined when AWS would accept it. */
export function checkStartWebRTCContactInput(input: unknown): LimitViolation | undefined {
  const L = START_WEBRTC_CONTACT_LIMITS;
  if (!isRecord(input)) return { field: '', message: 'must be an object.' };
  const first = (...checks: (() => LimitViolation | undefined)[]) => {
    for (const check of checks) {
      const violation = check();
      if (violation) return violation;
    }
    return undefined;
  };
  return first(
    () => checkString(input.InstanceId, 'InstanceId', 1, L.instanceIdMax),
    () => checkString(input.ContactFlowId, 'ContactFlowId', 1, L.contactFlowIdMax),
    () =>
      isRecord(input.ParticipantDetails)
        ? checkString(
            input.ParticipantDetails.DisplayName,
            'ParticipantDetails.DisplayName',
            L.displayNameMin,
            L.displayNameMax,
          )
        : { field: 'ParticipantDetails.DisplayName', message: 'is required.' },
    () => (input.Attributes === undefined ? undefined : checkAttributes(input.Attributes)),
    () => (input.References === undefined ? undefined : checkReferences(input.References)),
    () =>
      input.Description === undefined
        ? undefined
        : checkString(input.Description, 'Description', 0, L.descriptionMax),
    () =>
      input.RelatedContactId === undefined
        ? undefined
        : checkString(input.RelatedContactId, 'RelatedContactId', 1, L.relatedContactIdMax),
    () =>
      input.ClientToken === undefined
        ? undefined
        : checkString(input.ClientToken, 'ClientToken', 1, L.clientTokenMax),
  );
}

function checkAttributes(attributes: unknown): LimitViolation | undefined {
  const L = START_WEBRTC_CONTACT_LIMITS;
  if (!isRecord(attributes)) return { field: 'Attributes', message: 'must be an object.' };
  let total = 0;
  for (const [key, value] of Object.entries(attributes)) {
    const field = `Attributes.${key}`;
    if (!ATTRIBUTE_KEY.test(key) || length(key) > L.attributeKeyMax) {
      return { field, message: 'keys may use only A-Z a-z 0-9 - and _.' };
    }
    const violation = checkString(value, field, 0, L.attributeValueMax);
    if (violation) return violation;
    total += utf8Bytes(key) + utf8Bytes(value as string);
  }
  if (total > L.attributesTotalBytes) {
    return {
      field: 'Attributes',
      message: `must be at most ${L.attributesTotalBytes} UTF-8 bytes across all keys and values.`,
    };
  }
  return undefined;
}

function checkReferences(references: unknown): LimitViolation | undefined {
  const L = START_WEBRTC_CONTACT_LIMITS;
  if (!isRecord(references)) return { field: 'References', message: 'must be an object.' };
  let total = 0;
  for (const [key, reference] of Object.entries(references)) {
    const field = `References.${key}`;
    const keyViolation = checkString(key, field, 1, L.referenceKeyMax);
    if (keyViolation) return { field, message: `key ${keyViolation.message}` };
    if (!isRecord(reference)) return { field, message: 'must be { Value, Type }.' };
    const valueViolation = checkString(reference.Value, `${field}.Value`, 0, L.referenceValueMax);
    if (valueViolation) return valueViolation;
    const type = reference.Type;
    if (typeof type !== 'string' || !(REFERENCE_TYPES as readonly string[]).includes(type)) {
      return { field: `${field}.Type`, message: `must be one of ${REFERENCE_TYPES.join(', ')}.` };
    }
    // "DATE is an epoch timestamp" (connect-webrtc.md); the exact unit is not documented, so only
    // the digits are checked.
    if (type === 'DATE' && !/^\d{1,16}$/.test(reference.Value as string)) {
      return { field: `${field}.Value`, message: 'must be an epoch timestamp for a DATE.' };
    }
    total += utf8Bytes(key) + utf8Bytes(reference.Value as string);
  }
  if (total > L.referencesTotalBytes) {
    return {
      field: 'References',
      message: `must be at most ${L.referencesTotalBytes} UTF-8 bytes across all references.`,
    };
  }
  return undefined;
}
