import type { StartWebRTCContactCommandInput } from '@aws-sdk/client-connect';
import { ApiError, invalidField } from './api-error.js';
import type { TokenEndpointConfig } from './config.js';
import { validateStartWebRTCContactInput } from '../shared/start-webrtc-contact-limits.js';

export type ReferenceType = 'URL' | 'NUMBER' | 'STRING' | 'DATE' | 'EMAIL';

/** The widget's `POST /api/session` body once its shape is known to be right. */
export interface SessionRequest {
  displayName: string;
  attributes?: Record<string, string>;
  references?: Record<string, { Value: string; Type: ReferenceType }>;
  description?: string;
  relatedContactId?: string;
  clientToken?: string;
  customerToken?: string;
  /** The handle `/api/chat` gave: proves the chat the call's RelatedContactId names is theirs. */
  chatHandle?: string;
}

const FIELDS = new Set([
  'chatHandle',
  'displayName',
  'attributes',
  'references',
  'description',
  'relatedContactId',
  'clientToken',
  'customerToken',
]);
const REFERENCE_FIELDS = new Set(['Value', 'Type']);

// JSON.parse makes `__proto__` an own key, but the SDK's serializer assigns map keys onto a plain
// object, where `__proto__` silently disappears: refuse it rather than drop data.
const RESERVED_KEYS = new Set(['__proto__']);

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function stringField(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidField(field, 'must be a string.');
  return value;
}

/**
 * Checks the browser's body: an object with known fields of the right types, and attribute keys on
 * the deployer's allowlist. Limits (lengths, bytes, key characters) are the service's and are
 * checked on the final StartWebRTCContact input by `toStartWebRTCContactInput`.
 */
export function parseSessionRequest(body: unknown, config: TokenEndpointConfig): SessionRequest {
  if (!isRecord(body)) {
    throw new ApiError(400, 'InvalidBody', 'The request body must be a JSON object.');
  }
  for (const key of Object.keys(body)) {
    if (!FIELDS.has(key)) throw invalidField(key, 'is not a known field.', 'UnknownField');
  }
  const request: SessionRequest = { displayName: parseDisplayName(body) };
  if (body.attributes !== undefined) request.attributes = parseAttributes(body.attributes, config);
  if (body.references !== undefined) request.references = parseReferences(body.references);
  for (const field of [
    'description',
    'relatedContactId',
    'clientToken',
    'customerToken',
    'chatHandle',
  ] as const) {
    const value = stringField(body, field);
    if (value !== undefined) request[field] = value;
  }
  // An empty token would name no contact: every retry would start a new one.
  if (request.clientToken === '') throw invalidField('clientToken', 'must not be empty.');
  return request;
}

/** The customer's name, required and not blank (`/api/session` and `/api/chat`). */
export function parseDisplayName(body: Record<string, unknown>): string {
  const displayName = stringField(body, 'displayName');
  if (displayName === undefined) throw invalidField('displayName', 'is required.');
  // The agent sees this name; a blank one is a widget bug, not a customer choice.
  if (displayName.trim() === '') throw invalidField('displayName', 'must not be blank.');
  return displayName;
}

export function parseAttributes(
  value: unknown,
  config: TokenEndpointConfig,
): Record<string, string> {
  if (!isRecord(value)) throw invalidField('attributes', 'must be an object of strings.');
  const attributes: [string, string][] = [];
  for (const [key, attribute] of Object.entries(value)) {
    const field = `attributes.${key}`;
    if (RESERVED_KEYS.has(key)) throw invalidField(field, 'is a reserved key.');
    if (config.allowedAttributeKeys !== 'any' && !config.allowedAttributeKeys.has(key)) {
      // Attributes steer contact flows (routing, priority, screen pops): only keys the deployer
      // listed may come from a browser.
      throw invalidField(field, 'may not be set by the browser.', 'AttributeNotAllowed');
    }
    if (typeof attribute !== 'string') throw invalidField(field, 'must be a string.');
    attributes.push([key, attribute]);
  }
  return Object.fromEntries(attributes);
}

function parseReferences(value: unknown): SessionRequest['references'] {
  if (!isRecord(value)) throw invalidField('references', 'must be an object.');
  const references: [string, { Value: string; Type: ReferenceType }][] = [];
  for (const [key, reference] of Object.entries(value)) {
    const field = `references.${key}`;
    if (RESERVED_KEYS.has(key)) throw invalidField(field, 'is a reserved key.');
    if (!isRecord(reference)) throw invalidField(field, 'must be { Value, Type }.');
    for (const inner of Object.keys(reference)) {
      if (!REFERENCE_FIELDS.has(inner)) {
        throw invalidField(`${field}.${inner}`, 'is not a known field.', 'UnknownField');
      }
    }
    if (typeof reference.Value !== 'string')
      throw invalidField(`${field}.Value`, 'must be a string.');
    if (typeof reference.Type !== 'string')
      throw invalidField(`${field}.Type`, 'must be a string.');
    // The Type's allowed values are the service's: checked with the other limits.
    references.push([key, { Value: reference.Value, Type: reference.Type as ReferenceType }]);
  }
  return Object.fromEntries(references);
}

/** The browser's allowlisted attributes overlaid with the customer token's trusted ones. */
export function mergedAttributes(
  browser: Record<string, string> | undefined,
  trusted: Record<string, string> | undefined,
): Record<string, string> | undefined {
  return browser || trusted ? { ...browser, ...trusted } : undefined;
}

/** AWS field names back to the browser's, so a 400 names the field the widget sent. */
export function toBrowserField(awsField: string): string {
  const renames: [string, string][] = [
    ['InitialMessage.Content', 'initialMessage'],
    ['InitialMessage', 'initialMessage'],
    ['ParticipantDetails.DisplayName', 'displayName'],
    ['Attributes', 'attributes'],
    ['References', 'references'],
    ['Description', 'description'],
    ['RelatedContactId', 'relatedContactId'],
    ['ClientToken', 'clientToken'],
  ];
  for (const [aws, browser] of renames) {
    if (awsField === aws || awsField.startsWith(`${aws}.`)) {
      return browser + awsField.slice(aws.length);
    }
  }
  return awsField;
}

/**
 * The one StartWebRTCContact input: ids and capabilities from configuration, never the browser;
 * attributes are the browser's allowlisted ones overlaid with the customer token's trusted ones.
 * Throws a 400 naming the field when the service's own limits would refuse it.
 */
export function toStartWebRTCContactInput(
  config: TokenEndpointConfig,
  request: SessionRequest,
  trustedAttributes: Record<string, string> | undefined,
  clientToken: string,
): StartWebRTCContactCommandInput {
  const attributes = mergedAttributes(request.attributes, trustedAttributes);
  const input: StartWebRTCContactCommandInput = {
    InstanceId: config.instanceId,
    ContactFlowId: config.contactFlowId,
    ParticipantDetails: { DisplayName: request.displayName },
    AllowedCapabilities: config.allowedCapabilities,
    ClientToken: clientToken,
    ...(attributes ? { Attributes: attributes } : {}),
    ...(request.references ? { References: request.references } : {}),
    ...(request.description !== undefined ? { Description: request.description } : {}),
    ...(request.relatedContactId !== undefined
      ? { RelatedContactId: request.relatedContactId }
      : {}),
  };
  // The same service limits the emulator enforces: one module, so the two can never disagree.
  const violation = validateStartWebRTCContactInput(input);
  if (violation) throw invalidField(toBrowserField(violation.field), violation.message);
  return input;
}
