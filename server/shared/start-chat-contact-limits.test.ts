import { describe, expect, it } from 'vitest';
import { validateStartChatContactInput } from './start-chat-contact-limits.js';

const valid = {
  InstanceId: 'instance-1',
  ContactFlowId: 'flow-1',
  ParticipantDetails: { DisplayName: 'Ada' },
};

describe('validateStartChatContactInput', () => {
  it.each<[string, Record<string, unknown>]>([
    ['the least', {}],
    ['a duration of 60 minutes', { ChatDurationInMinutes: 60 }],
    ['a duration of 10,080 minutes', { ChatDurationInMinutes: 10_080 }],
    [
      'a name of 256 code points (emoji)',
      { ParticipantDetails: { DisplayName: '😀'.repeat(256) } },
    ],
    [
      'a first message of 16,384 characters',
      { InitialMessage: { ContentType: 'text/plain', Content: 'x'.repeat(16_384) } },
    ],
    [
      'markdown when the chat supports it',
      {
        SupportedMessagingContentTypes: ['text/markdown', 'text/plain'],
        InitialMessage: { ContentType: 'text/markdown', Content: '**hi**' },
      },
    ],
    [
      'a persistent chat',
      { PersistentChat: { RehydrationType: 'FROM_SEGMENT', SourceContactId: 'c' } },
    ],
    ['a related contact', { RelatedContactId: 'c'.repeat(256) }],
    [
      'segment attributes',
      { SegmentAttributes: { 'connect:Subtype': { ValueString: 'connect:Chat' } } },
    ],
  ])('accepts %s', (_name, extra) => {
    expect(validateStartChatContactInput({ ...valid, ...extra })).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a fractional duration', { ChatDurationInMinutes: 90.5 }, 'ChatDurationInMinutes'],
    ['a duration as text', { ChatDurationInMinutes: '120' }, 'ChatDurationInMinutes'],
    [
      'an empty content type list',
      { SupportedMessagingContentTypes: [] },
      'SupportedMessagingContentTypes',
    ],
    [
      'a content type list that is not a list',
      { SupportedMessagingContentTypes: 'text/plain' },
      'SupportedMessagingContentTypes',
    ],
    ['InitialMessage not an object', { InitialMessage: 'hello' }, 'InitialMessage'],
    [
      'an interactive template as a first message',
      {
        InitialMessage: {
          ContentType: 'application/vnd.amazonaws.connect.message.interactive',
          Content: '{}',
        },
      },
      'InitialMessage.ContentType',
    ],
    [
      'a related contact of 257 characters',
      { RelatedContactId: 'c'.repeat(257) },
      'RelatedContactId',
    ],
    [
      'a segment attribute key of 129 characters',
      { SegmentAttributes: { ['k'.repeat(129)]: { ValueString: 'v' } } },
      'SegmentAttributes.' + 'k'.repeat(129),
    ],
    [
      'a segment ValueString of 1,025 characters',
      { SegmentAttributes: { a: { ValueString: 'v'.repeat(1025) } } },
      'SegmentAttributes.a.ValueString',
    ],
    [
      'a lone surrogate in the name',
      { ParticipantDetails: { DisplayName: '\uD800' } },
      'ParticipantDetails.DisplayName',
    ],
  ])('refuses %s, naming %s', (_name, extra, field) => {
    const problem = validateStartChatContactInput({ ...valid, ...extra });
    expect(problem?.field).toBe(field);
    expect(problem?.scope).toBeUndefined();
  });

  it('refuses RelatedContactId with PersistentChat as a request problem, not a member problem', () => {
    expect(
      validateStartChatContactInput({
        ...valid,
        RelatedContactId: 'a',
        PersistentChat: { RehydrationType: 'ENTIRE_PAST_SESSION', SourceContactId: 'b' },
      }),
    ).toMatchObject({ field: 'RelatedContactId', scope: 'request' });
  });
});
