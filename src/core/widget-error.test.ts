import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { WIDGET_ERROR_CODES, WidgetError, type WidgetErrorCode } from './widget-error';

describe('WidgetError', () => {
  const retryable: [WidgetErrorCode, boolean][] = [
    ['timeout', true],
    ['network', true],
    ['rate-limited', true],
    ['token-endpoint-rejected', false],
    ['token-endpoint-unavailable', true],
    ['bad-session-response', false],
    ['aborted', false],
    ['invitation-expired', false],
    ['invitation-used', false],
    ['invitation-invalid', false],
    ['invalid-config', false],
    ['meeting-ended', true],
    ['signaling-failed', true],
    ['connection-lost', true],
    ['capacity', true],
    ['media-permission-denied', true],
    ['no-device', true],
    ['device-busy', true],
    ['unsupported-browser', false],
    ['load-failed', true],
    ['internal', false],
  ];

  it('lists every code in this table', () => {
    expect(retryable.map(([code]) => code).sort()).toEqual([...WIDGET_ERROR_CODES].sort());
  });

  it("lists every code in the README's table of error codes, which hosts switch on", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('`error` comes with one of these codes'));
    const listed = table
      .slice(0, table.indexOf('\n\n', table.indexOf('| code')))
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]));
    expect(listed.sort()).toEqual([...WIDGET_ERROR_CODES].sort());
  });

  it.each(retryable)('%s is retryable: %s', (code, expected) => {
    const error = new WidgetError(code);
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(expected);
    expect(error.message).toBe(code);
  });

  it('keeps message, cause, status and server code, and lets retryable be overridden', () => {
    const cause = new TypeError('Failed to fetch');
    const error = new WidgetError('token-endpoint-rejected', 'nope', {
      cause,
      status: 401,
      serverCode: 'expired-token',
      retryable: true,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('WidgetError');
    expect(error.message).toBe('nope');
    expect(error.cause).toBe(cause);
    expect(error.status).toBe(401);
    expect(error.serverCode).toBe('expired-token');
    expect(error.retryable).toBe(true);
  });
});
