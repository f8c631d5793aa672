import { describe, expect, it } from 'vitest';
import { configFromDataAttributes, resolveWidgetConfig, type WidgetConfig } from './config';
import { WidgetError } from './widget-error';

function errorOf(run: () => unknown): WidgetError {
  try {
    run();
  } catch (error) {
    if (error instanceof WidgetError) return error;
    throw error;
  }
  throw new Error('expected an invalid-config error');
}

const getSession = async () => ({});

describe('resolveWidgetConfig', () => {
  it('fills in defaults for the smallest config', () => {
    expect(resolveWidgetConfig({ tokenEndpoint: '/api/session' })).toEqual({
      session: { url: '/api/session' },
      fields: {},
      askForName: true,
      customerVideo: true,
      channels: ['video'],
      chatOnVideo: 'keep',
      theme: 'auto',
      position: 'bottom-right',
    } satisfies WidgetConfig);
  });

  it('keeps every option', () => {
    const config = resolveWidgetConfig({
      tokenEndpoint: 'https://example.com/api/session',
      headers: { 'X-Csrf': 'abc' },
      credentials: 'include',
      displayName: 'Ada',
      attributes: { plan: 'gold', 'account_id-2': '' },
      references: { order: { Type: 'URL', Value: 'https://shop.example/o/1' } },
      description: 'billing question',
      relatedContactId: 'previous',
      customerToken: 'jwt',
      customerVideo: false,
      channels: ['video'],
      chatOnVideo: 'keep',
      screenSharingRequestUrl: '/api/screen-sharing',
      otherChannelsUrl: 'https://example.com/contact',
      locale: 'en-GB',
      theme: 'dark',
      position: 'bottom-left',
      participantServiceEndpoint: 'http://localhost:8080/participant',
      region: 'eu-central-1',
      requestTimeoutMs: 5000,
      onEnded: () => {}, // unknown options are left to the embed layers
    });
    expect(config).toEqual({
      session: {
        url: 'https://example.com/api/session',
        headers: { 'X-Csrf': 'abc' },
        credentials: 'include',
      },
      fields: {
        displayName: 'Ada',
        attributes: { plan: 'gold', 'account_id-2': '' },
        references: { order: { Type: 'URL', Value: 'https://shop.example/o/1' } },
        description: 'billing question',
        relatedContactId: 'previous',
        customerToken: 'jwt',
      },
      askForName: false,
      customerVideo: false,
      channels: ['video'],
      chatOnVideo: 'keep',
      screenSharingRequestUrl: '/api/screen-sharing',
      otherChannelsUrl: 'https://example.com/contact',
      locale: 'en-GB',
      theme: 'dark',
      position: 'bottom-left',
      participantServiceEndpoint: 'http://localhost:8080/participant',
      region: 'eu-central-1',
      requestTimeoutMs: 5000,
    } satisfies WidgetConfig);
  });

  it('takes a getSession function instead of a token endpoint', () => {
    expect(resolveWidgetConfig({ getSession }).session).toEqual({ getSession });
  });

  it.each<[string, Record<string, unknown>, boolean]>([
    ['no name: ask', { tokenEndpoint: '/s' }, true],
    ['a name: do not ask', { tokenEndpoint: '/s', displayName: 'Ada' }, false],
    [
      'a name but asked to ask',
      { tokenEndpoint: '/s', displayName: 'Ada', askForName: true },
      true,
    ],
    ['no name and asked not to ask', { tokenEndpoint: '/s', askForName: false }, false],
  ])('askForName: %s', (_name, input, expected) => {
    expect(resolveWidgetConfig(input).askForName).toBe(expected);
  });

  it.each<[string, unknown, string]>([
    ['not an object', 'https://x', 'options must be an object'],
    ['no session source', {}, 'tokenEndpoint or getSession is required'],
    [
      'both sources',
      { tokenEndpoint: '/s', getSession },
      'tokenEndpoint and getSession cannot both be given',
    ],
    ['empty tokenEndpoint', { tokenEndpoint: '' }, 'tokenEndpoint must be a URL or path'],
    [
      'javascript: tokenEndpoint',
      { tokenEndpoint: 'javascript:alert(1)' },
      'tokenEndpoint must be a URL or path',
    ],
    ['ftp tokenEndpoint', { tokenEndpoint: 'ftp://x/y' }, 'tokenEndpoint must be a URL or path'],
    [
      'tokenEndpoint with spaces around',
      { tokenEndpoint: ' /s ' },
      'tokenEndpoint must be a URL or path',
    ],
    ['tokenEndpoint not a string', { tokenEndpoint: 5 }, 'tokenEndpoint must be a URL or path'],
    ['getSession not a function', { getSession: '/s' }, 'getSession must be a function'],
    [
      'headers not strings',
      { tokenEndpoint: '/s', headers: { a: 1 } },
      'headers must be an object of strings',
    ],
    [
      'credentials unknown',
      { tokenEndpoint: '/s', credentials: 'always' },
      'credentials must be one of omit, same-origin, include',
    ],
    [
      'empty displayName',
      { tokenEndpoint: '/s', displayName: '' },
      'displayName must be a non-empty string',
    ],
    [
      'long displayName',
      { tokenEndpoint: '/s', displayName: 'a'.repeat(257) },
      'displayName must be at most 256 characters',
    ],
    [
      'askForName not boolean',
      { tokenEndpoint: '/s', askForName: 'yes' },
      'askForName must be true or false',
    ],
    [
      'attributes an array',
      { tokenEndpoint: '/s', attributes: ['a'] },
      'attributes must be an object of strings',
    ],
    [
      'attribute value a number',
      { tokenEndpoint: '/s', attributes: { a: 1 } },
      'attributes must be an object of strings',
    ],
    [
      'attribute key with a space',
      { tokenEndpoint: '/s', attributes: { 'my plan': 'x' } },
      'attributes key "my plan" may only contain A-Z a-z 0-9 - _',
    ],
    [
      'attributes too large',
      { tokenEndpoint: '/s', attributes: { a: 'é'.repeat(16_384) } },
      'attributes must total at most 32768 UTF-8 bytes',
    ],
    [
      'references not an object',
      { tokenEndpoint: '/s', references: 'x' },
      'references must be an object',
    ],
    [
      'reference type ATTACHMENT',
      { tokenEndpoint: '/s', references: { f: { Type: 'ATTACHMENT', Value: 'x' } } },
      'references "f" must be { Type: URL|NUMBER|STRING|DATE|EMAIL, Value: string }',
    ],
    [
      'reference without value',
      { tokenEndpoint: '/s', references: { f: { Type: 'URL' } } },
      'references "f" must be { Type: URL|NUMBER|STRING|DATE|EMAIL, Value: string }',
    ],
    [
      'references too large',
      { tokenEndpoint: '/s', references: { f: { Type: 'STRING', Value: 'x'.repeat(4096) } } },
      'references must total at most 4096 UTF-8 bytes',
    ],
    [
      'long description',
      { tokenEndpoint: '/s', description: 'a'.repeat(4097) },
      'description must be at most 4096 characters',
    ],
    [
      'customerToken not a string',
      { tokenEndpoint: '/s', customerToken: {} },
      'customerToken must be a non-empty string',
    ],
    [
      'screenSharingRequestUrl',
      { tokenEndpoint: '/s', screenSharingRequestUrl: 'data:x' },
      'screenSharingRequestUrl must be a URL or path',
    ],
    [
      'otherChannelsUrl that is script',
      { tokenEndpoint: '/s', otherChannelsUrl: 'javascript:alert(1)' },
      'otherChannelsUrl must be a URL or path',
    ],
    [
      'locale',
      { tokenEndpoint: '/s', locale: 'english please' },
      'locale must be a BCP 47 language tag such as en-GB',
    ],
    ['theme', { tokenEndpoint: '/s', theme: 'blue' }, 'theme must be one of light, dark, auto'],
    [
      'position',
      { tokenEndpoint: '/s', position: 'top-left' },
      'position must be one of bottom-right, bottom-left',
    ],
    [
      'participantServiceEndpoint',
      { tokenEndpoint: '/s', participantServiceEndpoint: 'ws://x' },
      'participantServiceEndpoint must be a URL or path',
    ],
    [
      'region',
      { tokenEndpoint: '/s', region: 'Frankfurt' },
      'region must be an AWS region such as us-east-1',
    ],
    ...[499, 120_001, 1500.5, '5000', Number.NaN].map(
      (requestTimeoutMs): [string, unknown, string] => [
        `requestTimeoutMs ${String(requestTimeoutMs)}`,
        { tokenEndpoint: '/s', requestTimeoutMs },
        'requestTimeoutMs must be whole milliseconds from 500 to 120000',
      ],
    ),
  ])('rejects %s', (_name, input, message) => {
    const error = errorOf(() => resolveWidgetConfig(input));
    expect(error.code).toBe('invalid-config');
    expect(error.message).toBe(message);
  });
});

describe('backgroundImages', () => {
  it('takes a list of image URLs or paths, from the API and from a space-separated attribute', () => {
    const images = ['/backgrounds/office.jpg', 'https://cdn.example/beach.png'];
    expect(
      resolveWidgetConfig({ tokenEndpoint: '/api/session', backgroundImages: images })
        .backgroundImages,
    ).toEqual(images);
    expect(
      configFromDataAttributes({
        tokenEndpoint: '/api/session',
        backgroundImages: images.join('  '),
      }).backgroundImages,
    ).toEqual(images);
  });

  it('names the option and what was wrong', () => {
    for (const bad of ['/a.jpg', ['javascript:alert(1)'], [42], Array(13).fill('/a.jpg')])
      expect(() => resolveWidgetConfig({ tokenEndpoint: '/x', backgroundImages: bad })).toThrow(
        'backgroundImages must be a list of at most 12 image URLs or paths',
      );
    expect(() =>
      configFromDataAttributes({ tokenEndpoint: '/x', backgroundImages: 'javascript:alert(1)' }),
    ).toThrow('data-background-images must be a list of at most 12 image URLs or paths');
  });
});

describe('the chat options', () => {
  it('offers video only by default, and chat with its route', () => {
    expect(resolveWidgetConfig({ tokenEndpoint: '/s' }).channels).toEqual(['video']);
    const both = resolveWidgetConfig({
      tokenEndpoint: '/s',
      channels: ['chat', 'video'],
      chatRequestUrl: '/api/chat',
      chatOnVideo: 'end',
    });
    expect(both).toMatchObject({
      channels: ['video', 'chat'],
      chatRequestUrl: '/api/chat',
      chatOnVideo: 'end',
    });
  });

  it('names what is wrong', () => {
    expect(errorOf(() => resolveWidgetConfig({ tokenEndpoint: '/s', channels: [] })).message).toBe(
      'channels must list one or both of video, chat',
    );
    expect(
      errorOf(() => resolveWidgetConfig({ tokenEndpoint: '/s', channels: ['voice'] })).message,
    ).toBe('channels must list one or both of video, chat');
    expect(
      errorOf(() => resolveWidgetConfig({ tokenEndpoint: '/s', channels: ['chat'] })).message,
    ).toBe('chatRequestUrl is required when channels include chat');
    expect(
      errorOf(() =>
        resolveWidgetConfig({ tokenEndpoint: '/s', chatRequestUrl: 'javascript:alert(1)' }),
      ).message,
    ).toBe('chatRequestUrl must be a URL or path');
    expect(
      errorOf(() => resolveWidgetConfig({ tokenEndpoint: '/s', chatOnVideo: 'later' })).message,
    ).toBe('chatOnVideo must be one of end, keep');
  });

  it('reads data-channels as words', () => {
    expect(
      configFromDataAttributes({
        tokenEndpoint: '/s',
        channels: 'video chat',
        chatRequestUrl: '/api/chat',
      }).channels,
    ).toEqual(['video', 'chat']);
    expect(
      errorOf(() => configFromDataAttributes({ tokenEndpoint: '/s', channels: 'chat' })).message,
    ).toBe('data-chat-request-url is required when data-channels include chat');
  });
});

describe('configFromDataAttributes', () => {
  it('reads the script tag dataset', () => {
    const config = configFromDataAttributes({
      tokenEndpoint: '/api/session',
      displayName: 'Ada',
      locale: 'fr-FR',
      theme: 'light',
      position: 'bottom-left',
      attributes: '{"plan":"gold"}',
      screenSharingRequestUrl: '/api/screen-sharing',
      otherChannelsUrl: '/contact',
      snippetId: 'ignored',
    });
    expect(config).toEqual({
      session: { url: '/api/session' },
      fields: { displayName: 'Ada', attributes: { plan: 'gold' } },
      askForName: false,
      customerVideo: true,
      channels: ['video'],
      chatOnVideo: 'keep',
      screenSharingRequestUrl: '/api/screen-sharing',
      otherChannelsUrl: '/contact',
      locale: 'fr-FR',
      theme: 'light',
      position: 'bottom-left',
    } satisfies WidgetConfig);
  });

  it('reads data-request-timeout-ms as a number, and keeps the bounds', () => {
    expect(
      configFromDataAttributes({ tokenEndpoint: '/s', requestTimeoutMs: '500' }).requestTimeoutMs,
    ).toBe(500);
    expect(
      configFromDataAttributes({ tokenEndpoint: '/s', requestTimeoutMs: '120000' })
        .requestTimeoutMs,
    ).toBe(120_000);
  });

  it.each<[string | undefined, boolean]>([
    [undefined, true],
    ['', true],
    ['true', true],
    ['false', false],
  ])('data-ask-for-name=%j with a name -> %s', (value, expected) => {
    const dataset = { tokenEndpoint: '/s', displayName: 'Ada', askForName: value };
    expect(configFromDataAttributes(dataset).askForName).toBe(
      value === undefined ? false : expected,
    );
  });

  it.each<[string, Record<string, string>, string]>([
    ['no endpoint', {}, 'data-token-endpoint is required'],
    [
      'bad theme',
      { tokenEndpoint: '/s', theme: 'blue' },
      'data-theme must be one of light, dark, auto',
    ],
    [
      'attributes not JSON',
      { tokenEndpoint: '/s', attributes: '{plan:gold}' },
      'data-attributes must be a JSON object of strings',
    ],
    [
      'attributes a JSON array',
      { tokenEndpoint: '/s', attributes: '["gold"]' },
      'data-attributes must be an object of strings',
    ],
    [
      'ask-for-name not boolean',
      { tokenEndpoint: '/s', askForName: 'maybe' },
      'data-ask-for-name must be true or false',
    ],
    ...['5s', '', '1e4', '100', '-1'].map((value): [string, Record<string, string>, string] => [
      `request-timeout-ms ${JSON.stringify(value)}`,
      { tokenEndpoint: '/s', requestTimeoutMs: value },
      'data-request-timeout-ms must be whole milliseconds from 500 to 120000',
    ]),
  ])('names the attribute: %s', (_name, dataset, message) => {
    const error = errorOf(() => configFromDataAttributes(dataset));
    expect(error.code).toBe('invalid-config');
    expect(error.message).toBe(message);
  });
});
