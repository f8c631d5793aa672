import { describe, expect, it } from 'vitest';
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
    ['invalid-config', false],
    ['meeting-ended', true],
    ['signaling-failed', true],
    ['connection-lost', true],
    ['capacity', true],
    ['media-permission-denied', true],
    ['no-device', true],
    ['device-busy', true],
    ['unsupported-browser', false],
    ['internal', false],
  ];

  it('lists every code in this table', () => {
    expect(retryable.map(([code]) => code).sort()).toEqual([...WIDGET_ERROR_CODES].sort());
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
