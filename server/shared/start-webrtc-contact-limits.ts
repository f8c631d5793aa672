/**
 * The input limits of Amazon Connect `StartWebRTCContact`, as the service model states them. Shared
 * by the emulator (which refuses what the service refuses) and the token endpoint (which refuses it
 * before spending a call). Pure: no I/O, no Node-only APIs.
 *
 * Lengths of strings are counted in Unicode code points, as Smithy's `@length` trait does; the
 * totals of `Attributes` and `References` are counted in UTF-8 bytes, as the service documents.
 */

export const INSTANCE_ID_MAX_LENGTH = 100;
export const CONTACT_FLOW_ID_MAX_LENGTH = 500;
export const DISPLAY_NAME_MAX_LENGTH = 256;
export const ATTRIBUTES_MAX_TOTAL_BYTES = 32_768;
export const ATTRIBUTE_KEY_MAX_LENGTH = 32_767;
export const ATTRIBUTE_VALUE_MAX_LENGTH = 32_767;
export const ATTRIBUTE_KEY_PATTERN = /^[a-zA-Z0-9_-]+$/;
export const REFERENCE_KEY_MAX_LENGTH = 4_096;
export const REFERENCE_VALUE_MAX_LENGTH = 4_096;
export const REFERENCES_MAX_TOTAL_BYTES = 4_096;
/** ATTACHMENT is a valid `ReferenceType` elsewhere, but StartWebRTCContact refuses it. */
export const ALLOWED_REFERENCE_TYPES = ['URL', 'NUMBER', 'STRING', 'DATE', 'EMAIL'] as const;
export const DESCRIPTION_MAX_LENGTH = 4_096;
export const RELATED_CONTACT_ID_MAX_LENGTH = 256;
export const CLIENT_TOKEN_MAX_LENGTH = 500;
export const ALLOWED_CAPABILITY_VALUES = ['SEND'] as const;

export type ReferenceType = (typeof ALLOWED_REFERENCE_TYPES)[number];

export interface StartWebRTCContactInputError {
  /** Dotted path of the offending member, e.g. `ParticipantDetails.DisplayName`. */
  field: string;
  message: string;
}

/** One problem found by a check, or undefined. Shared with the StartChatContact limits. */
export type Check = StartWebRTCContactInputError | undefined;

const codePoints = (value: string): number => {
  let count = 0;
  for (const _ of value) count++;
  return count;
};

const utf8Bytes = (value: string): number => new TextEncoder().encode(value).length;

// A lone UTF-16 surrogate has no UTF-8 form: the service cannot store it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkString(
  field: string,
  value: unknown,
  { required, min = 0, max }: { required: boolean; min?: number; max: number },
): Check {
  if (value === undefined || value === null) {
    return required ? { field, message: `${field} is required.` } : undefined;
  }
  if (typeof value !== 'string') return { field, message: `${field} must be a string.` };
  if (LONE_SURROGATE.test(value)) return { field, message: `${field} is not valid Unicode text.` };
  const length = codePoints(value);
  if (length < min || length > max) {
    return {
      field,
      message:
        min > 0
          ? `${field} must be ${min} to ${max} characters long (got ${length}).`
          : `${field} must be at most ${max} characters long (got ${length}).`,
    };
  }
  return undefined;
}

export function checkAttributes(value: unknown): Check {
  const field = 'Attributes';
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return { field, message: 'Attributes must be a map of strings.' };
  let total = 0;
  for (const [key, item] of Object.entries(value)) {
    const keyField = `${field}.${key}`;
    const keyLength = codePoints(key);
    if (keyLength < 1 || keyLength > ATTRIBUTE_KEY_MAX_LENGTH) {
      return {
        field: keyField,
        message: `${keyField}: Attributes keys must be 1 to ${ATTRIBUTE_KEY_MAX_LENGTH} characters long.`,
      };
    }
    if (!ATTRIBUTE_KEY_PATTERN.test(key)) {
      return {
        field: keyField,
        message: `${keyField}: Attributes keys may contain only A-Z, a-z, 0-9, hyphen and underscore.`,
      };
    }
    if (typeof item !== 'string') {
      return { field: keyField, message: `${keyField} must be a string.` };
    }
    if (LONE_SURROGATE.test(item)) {
      return { field: keyField, message: `${keyField} is not valid Unicode text.` };
    }
    if (codePoints(item) > ATTRIBUTE_VALUE_MAX_LENGTH) {
      return {
        field: keyField,
        message: `${keyField} must be at most ${ATTRIBUTE_VALUE_MAX_LENGTH} characters long.`,
      };
    }
    total += utf8Bytes(key) + utf8Bytes(item);
  }
  if (total > ATTRIBUTES_MAX_TOTAL_BYTES) {
    return {
      field,
      message: `Attributes must total at most ${ATTRIBUTES_MAX_TOTAL_BYTES} UTF-8 bytes across keys and values (got ${total}).`,
    };
  }
  return undefined;
}

function checkReferences(value: unknown): Check {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    return { field: 'References', message: 'References must be a map of references.' };
  }
  let total = 0;
  for (const [key, reference] of Object.entries(value)) {
    const keyLength = codePoints(key);
    if (keyLength < 1 || keyLength > REFERENCE_KEY_MAX_LENGTH) {
      return {
        field: 'References',
        message: `References keys must be 1 to ${REFERENCE_KEY_MAX_LENGTH} characters long.`,
      };
    }
    const at = `References.${key}`;
    if (!isRecord(reference)) {
      return { field: at, message: `${at} must be an object with Type and Value.` };
    }
    const type = reference.Type;
    if (type === undefined || type === null) {
      return { field: `${at}.Type`, message: `${at}.Type is required.` };
    }
    if (!(ALLOWED_REFERENCE_TYPES as readonly unknown[]).includes(type)) {
      return {
        field: `${at}.Type`,
        message: `${at}.Type must be one of ${ALLOWED_REFERENCE_TYPES.join(', ')}.`,
      };
    }
    const valueCheck = checkString(`${at}.Value`, reference.Value, {
      required: false,
      max: REFERENCE_VALUE_MAX_LENGTH,
    });
    if (valueCheck) return valueCheck;
    // "DATE is an epoch timestamp" (connect-webrtc.md); the unit is not documented, so only digits.
    if (
      type === 'DATE' &&
      typeof reference.Value === 'string' &&
      !/^\d{1,16}$/.test(reference.Value)
    ) {
      return {
        field: `${at}.Value`,
        message: `${at}.Value must be an epoch timestamp for a DATE.`,
      };
    }
    total += utf8Bytes(key) + utf8Bytes((reference.Value as string | undefined) ?? '');
  }
  if (total > REFERENCES_MAX_TOTAL_BYTES) {
    return {
      field: 'References',
      message: `References must total at most ${REFERENCES_MAX_TOTAL_BYTES} UTF-8 bytes across keys and values (got ${total}).`,
    };
  }
  return undefined;
}

function checkAllowedCapabilities(value: unknown): Check {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) {
    return { field: 'AllowedCapabilities', message: 'AllowedCapabilities must be an object.' };
  }
  for (const party of ['Customer', 'Agent'] as const) {
    const capabilities = value[party];
    if (capabilities === undefined || capabilities === null) continue;
    const at = `AllowedCapabilities.${party}`;
    if (!isRecord(capabilities)) return { field: at, message: `${at} must be an object.` };
    for (const capability of ['Video', 'ScreenShare'] as const) {
      const setting = capabilities[capability];
      if (setting === undefined || setting === null) continue;
      if (!(ALLOWED_CAPABILITY_VALUES as readonly unknown[]).includes(setting)) {
        return {
          field: `${at}.${capability}`,
          message: `${at}.${capability} must be ${ALLOWED_CAPABILITY_VALUES.join(' or ')} or absent.`,
        };
      }
    }
  }
  return undefined;
}

/**
 * Checks a StartWebRTCContact request body against the service's limits. Returns the first
 * problem found (members in the order of the API reference), or undefined when it is acceptable.
 */
export function validateStartWebRTCContactInput(
  input: unknown,
): StartWebRTCContactInputError | undefined {
  if (!isRecord(input)) return { field: '', message: 'The request must be a JSON object.' };
  const participant = input.ParticipantDetails;
  const checks: (() => Check)[] = [
    () =>
      checkString('InstanceId', input.InstanceId, {
        required: true,
        min: 1,
        max: INSTANCE_ID_MAX_LENGTH,
      }),
    () =>
      checkString('ContactFlowId', input.ContactFlowId, {
        required: true,
        max: CONTACT_FLOW_ID_MAX_LENGTH,
      }),
    () => {
      if (participant === undefined || participant === null) {
        return { field: 'ParticipantDetails', message: 'ParticipantDetails is required.' };
      }
      if (!isRecord(participant)) {
        return { field: 'ParticipantDetails', message: 'ParticipantDetails must be an object.' };
      }
      return checkString('ParticipantDetails.DisplayName', participant.DisplayName, {
        required: true,
        min: 1,
        max: DISPLAY_NAME_MAX_LENGTH,
      });
    },
    () => checkAttributes(input.Attributes),
    () => checkReferences(input.References),
    () =>
      checkString('Description', input.Description, {
        required: false,
        max: DESCRIPTION_MAX_LENGTH,
      }),
    () =>
      checkString('RelatedContactId', input.RelatedContactId, {
        required: false,
        min: 1,
        max: RELATED_CONTACT_ID_MAX_LENGTH,
      }),
    () =>
      checkString('ClientToken', input.ClientToken, {
        required: false,
        max: CLIENT_TOKEN_MAX_LENGTH,
      }),
    () => checkAllowedCapabilities(input.AllowedCapabilities),
  ];
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
}
