import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTES_MAX_TOTAL_BYTES,
  checkParticipantDetails,
  DISPLAY_NAME_MAX_LENGTH,
  REFERENCES_MAX_TOTAL_BYTES,
  validateStartWebRTCContactInput,
} from './start-webrtc-contact-limits.js';

const valid = {
  InstanceId: 'instance-1',
  ContactFlowId: 'flow-1',
  ParticipantDetails: { DisplayName: 'Ada' },
};

/** Attributes whose single key `k` and value total exactly `bytes` UTF-8 bytes. */
// Two keys, so that the total is what crosses the limit, not one value's own length.
const attributesOf = (bytes: number) => ({ k: 'a'.repeat(bytes - 102), l: 'b'.repeat(100) });

describe('validateStartWebRTCContactInput', () => {
  it.each<[string, Record<string, unknown>]>([
    ['the minimal request', {}],
    ['DisplayName of 256 characters', { ParticipantDetails: { DisplayName: 'x'.repeat(256) } }],
    [
      'DisplayName of 256 astral code points',
      { ParticipantDetails: { DisplayName: '😀'.repeat(256) } },
    ],
    [
      'Attributes exactly at the byte limit',
      { Attributes: attributesOf(ATTRIBUTES_MAX_TOTAL_BYTES) },
    ],
    ['Attribute keys with - and _', { Attributes: { 'a-B_9': '' } }],
    [
      'every allowed reference type',
      {
        References: Object.fromEntries(
          ['URL', 'NUMBER', 'STRING', 'DATE', 'EMAIL'].map((Type) => [Type, { Type, Value: '1' }]),
        ),
      },
    ],
    [
      'References exactly at the byte limit',
      { References: { r: { Type: 'STRING', Value: 'v'.repeat(REFERENCES_MAX_TOTAL_BYTES - 1) } } },
    ],
    ['Description of 4,096', { Description: 'd'.repeat(4096) }],
    ['empty Description', { Description: '' }],
    ['RelatedContactId of 256', { RelatedContactId: 'r'.repeat(256) }],
    ['ClientToken of 500', { ClientToken: 't'.repeat(500) }],
    [
      'all capabilities SEND',
      {
        AllowedCapabilities: {
          Customer: { Video: 'SEND', ScreenShare: 'SEND' },
          Agent: { Video: 'SEND', ScreenShare: 'SEND' },
        },
      },
    ],
    ['empty capability groups', { AllowedCapabilities: { Customer: {} } }],
    ['InstanceId of 100', { InstanceId: 'i'.repeat(100) }],
    ['ContactFlowId of 500', { ContactFlowId: 'f'.repeat(500) }],
  ])('accepts %s', (_name, override) => {
    expect(validateStartWebRTCContactInput({ ...valid, ...override })).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['missing InstanceId', { InstanceId: undefined }, 'InstanceId'],
    ['empty InstanceId', { InstanceId: '' }, 'InstanceId'],
    ['InstanceId of 101', { InstanceId: 'i'.repeat(101) }, 'InstanceId'],
    ['InstanceId not a string', { InstanceId: 5 }, 'InstanceId'],
    ['missing ContactFlowId', { ContactFlowId: undefined }, 'ContactFlowId'],
    ['ContactFlowId of 501', { ContactFlowId: 'f'.repeat(501) }, 'ContactFlowId'],
    ['missing ParticipantDetails', { ParticipantDetails: undefined }, 'ParticipantDetails'],
    ['ParticipantDetails not an object', { ParticipantDetails: 'x' }, 'ParticipantDetails'],
    ['missing DisplayName', { ParticipantDetails: {} }, 'ParticipantDetails.DisplayName'],
    [
      'empty DisplayName',
      { ParticipantDetails: { DisplayName: '' } },
      'ParticipantDetails.DisplayName',
    ],
    [
      'DisplayName of 257',
      { ParticipantDetails: { DisplayName: 'x'.repeat(257) } },
      'ParticipantDetails.DisplayName',
    ],
    ['Attributes not a map', { Attributes: ['a'] }, 'Attributes'],
    [
      'Attributes one byte over',
      { Attributes: attributesOf(ATTRIBUTES_MAX_TOTAL_BYTES + 1) },
      'Attributes',
    ],
    [
      'Attributes over the limit in multibyte characters',
      { Attributes: { k: 'é'.repeat(ATTRIBUTES_MAX_TOTAL_BYTES / 2) } },
      'Attributes',
    ],
    ['Attribute key with a space', { Attributes: { 'a b': 'x' } }, 'Attributes.a b'],
    ['Attribute key with a dot', { Attributes: { 'a.b': 'x' } }, 'Attributes.a.b'],
    ['Attribute value not a string', { Attributes: { a: 1 } }, 'Attributes.a'],
    ['Attribute value with a lone surrogate', { Attributes: { a: 'x\ud800' } }, 'Attributes.a'],
    [
      'DisplayName with a lone surrogate',
      { ParticipantDetails: { DisplayName: '\udc00' } },
      'ParticipantDetails.DisplayName',
    ],
    [
      'DATE reference that is not an epoch',
      { References: { due: { Type: 'DATE', Value: 'tomorrow' } } },
      'References.due.Value',
    ],
    ['References not a map', { References: 'x' }, 'References'],
    ['Reference without Type', { References: { r: { Value: 'x' } } }, 'References.r.Type'],
    [
      'Reference type ATTACHMENT',
      { References: { r: { Type: 'ATTACHMENT', Value: 'x' } } },
      'References.r.Type',
    ],
    [
      'Reference type unknown',
      { References: { r: { Type: 'PHONE', Value: 'x' } } },
      'References.r.Type',
    ],
    ['Reference not an object', { References: { r: 'x' } }, 'References.r'],
    [
      'Reference value of 4,097',
      { References: { r: { Type: 'STRING', Value: 'v'.repeat(4097) } } },
      'References.r.Value',
    ],
    [
      'References one byte over in total',
      {
        References: {
          a: { Type: 'STRING', Value: 'v'.repeat(2000) },
          b: { Type: 'STRING', Value: 'v'.repeat(REFERENCES_MAX_TOTAL_BYTES - 2000 - 1) },
        },
      },
      'References',
    ],
    ['Description of 4,097', { Description: 'd'.repeat(4097) }, 'Description'],
    ['empty RelatedContactId', { RelatedContactId: '' }, 'RelatedContactId'],
    ['RelatedContactId of 257', { RelatedContactId: 'r'.repeat(257) }, 'RelatedContactId'],
    ['ClientToken of 501', { ClientToken: 't'.repeat(501) }, 'ClientToken'],
    ['AllowedCapabilities not an object', { AllowedCapabilities: 'SEND' }, 'AllowedCapabilities'],
    [
      'capability RECEIVE',
      { AllowedCapabilities: { Customer: { Video: 'RECEIVE' } } },
      'AllowedCapabilities.Customer.Video',
    ],
    [
      'capability lower-case send',
      { AllowedCapabilities: { Agent: { ScreenShare: 'send' } } },
      'AllowedCapabilities.Agent.ScreenShare',
    ],
  ])('refuses %s, naming %s', (_name, override, field) => {
    const problem = validateStartWebRTCContactInput({ ...valid, ...override });
    expect(problem?.field).toBe(field);
    expect(problem?.message).toContain(field);
  });

  it('refuses a body that is not an object', () => {
    expect(validateStartWebRTCContactInput(null)).toBeDefined();
    expect(validateStartWebRTCContactInput('x')).toBeDefined();
  });
});

describe('checkParticipantDetails', () => {
  it('accepts a DisplayName of 1 to DISPLAY_NAME_MAX_LENGTH code points', () => {
    expect(checkParticipantDetails({ DisplayName: 'A' })).toBeUndefined();
    expect(
      checkParticipantDetails({ DisplayName: '😀'.repeat(DISPLAY_NAME_MAX_LENGTH) }),
    ).toBeUndefined();
  });

  it.each<[string, unknown, string, string]>([
    ['absent', undefined, 'ParticipantDetails', 'ParticipantDetails is required.'],
    ['null', null, 'ParticipantDetails', 'ParticipantDetails is required.'],
    ['a string', 'Ada', 'ParticipantDetails', 'ParticipantDetails must be an object.'],
    ['a list', [], 'ParticipantDetails', 'ParticipantDetails must be an object.'],
    [
      'without DisplayName',
      {},
      'ParticipantDetails.DisplayName',
      'ParticipantDetails.DisplayName is required.',
    ],
    [
      'with an empty DisplayName',
      { DisplayName: '' },
      'ParticipantDetails.DisplayName',
      'ParticipantDetails.DisplayName must be 1 to 256 characters long (got 0).',
    ],
    [
      'with a DisplayName one over',
      { DisplayName: 'x'.repeat(DISPLAY_NAME_MAX_LENGTH + 1) },
      'ParticipantDetails.DisplayName',
      'ParticipantDetails.DisplayName must be 1 to 256 characters long (got 257).',
    ],
  ])('refuses ParticipantDetails %s', (_name, value, field, message) => {
    expect(checkParticipantDetails(value)).toEqual({ field, message });
  });
});
