import { describe, expect, it } from 'vitest';
import { parseScreenSharingMessage } from './screen-sharing-message';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseScreenSharingMessage', () => {
  it.each<[string, unknown, 'started' | 'stopped' | undefined]>([
    ['started as text', '{"message":"ScreenSharingStarted"}', 'started'],
    ['stopped as text', '{"message":"ScreenSharingStopped"}', 'stopped'],
    ['started as bytes', bytes('{"message":"ScreenSharingStarted"}'), 'started'],
    ['stopped as bytes', bytes('{"message":"ScreenSharingStopped"}'), 'stopped'],
    ['started as ArrayBuffer', bytes('{"message":"ScreenSharingStarted"}').buffer, 'started'],
    ['extra fields', '{"message":"ScreenSharingStopped","at":1}', 'stopped'],
    ['whitespace around JSON', ' {"message": "ScreenSharingStarted"}\n', 'started'],
    ['unknown message', '{"message":"ScreenSharingPaused"}', undefined],
    ['wrong case', '{"message":"screensharingstarted"}', undefined],
    ['message not a string', '{"message":1}', undefined],
    ['no message', '{}', undefined],
    ['JSON null', 'null', undefined],
    ['JSON string', '"ScreenSharingStarted"', undefined],
    ['bare word', 'ScreenSharingStarted', undefined],
    ['truncated JSON', '{"message":"ScreenSharingSta', undefined],
    ['empty', '', undefined],
    ['invalid UTF-8 bytes', new Uint8Array([0xff, 0xfe, 0x00]), undefined],
    ['a number', 42, undefined],
    ['null', null, undefined],
    ['undefined', undefined, undefined],
    ['an object', { message: 'ScreenSharingStarted' }, undefined],
  ])('%s', (_name, data, expected) => {
    expect(parseScreenSharingMessage(data)).toBe(expected);
  });
});
