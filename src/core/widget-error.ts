/**
 * Every failure the widget reports carries one of these stable codes. The human, translatable text
 * lives in the UI layer, keyed by code, so core never decides wording and hosts can switch on codes.
 */
export const WIDGET_ERROR_CODES = [
  // session request (token endpoint or the host's getSession)
  'timeout',
  'network',
  'rate-limited',
  'token-endpoint-rejected',
  'token-endpoint-unavailable',
  'bad-session-response',
  'aborted',
  // a guest's invitation (the token endpoint's join route refused it)
  'invitation-expired',
  'invitation-used',
  'invitation-invalid',
  // host configuration
  'invalid-config',
  // the Chime session (see meeting-status.ts)
  'meeting-ended',
  'signaling-failed',
  'connection-lost',
  'capacity',
  // devices and browser (reported by the media adapter)
  'media-permission-denied',
  'no-device',
  'device-busy',
  'unsupported-browser',
  // a part of the widget itself (the panel, the call's media chunk) could not be fetched: offline,
  // blocked, no CORS headers on the server that hosts the script tag, or removed by a deploy
  'load-failed',
  // a bug in the widget itself (e.g. the SDK's RealtimeApiFailed: one of our callbacks threw)
  'internal',
] as const;

export type WidgetErrorCode = (typeof WIDGET_ERROR_CODES)[number];

/**
 * Whether trying again (a new call, the same request) can succeed without anyone changing the
 * configuration or the code. The UI shows "Try again" only for these.
 */
const RETRYABLE: Record<WidgetErrorCode, boolean> = {
  timeout: true,
  network: true,
  'rate-limited': true,
  'token-endpoint-rejected': false,
  'token-endpoint-unavailable': true,
  'bad-session-response': false,
  aborted: false,
  'invitation-expired': false,
  'invitation-used': false,
  'invitation-invalid': false,
  'invalid-config': false,
  'meeting-ended': true,
  'signaling-failed': true,
  'connection-lost': true,
  capacity: true,
  'media-permission-denied': true,
  'no-device': true,
  'device-busy': true,
  'unsupported-browser': false,
  'load-failed': true,
  internal: false,
};

export interface WidgetErrorOptions {
  /** Overrides the code's default (see RETRYABLE). */
  retryable?: boolean;
  /** The underlying error, for logs; never shown to the customer. */
  cause?: unknown;
  /** HTTP status of the token endpoint's answer, when there was one. */
  status?: number;
  /** The token endpoint's own error code (`{"code": ...}` in its JSON body). */
  serverCode?: string;
}

export class WidgetError extends Error {
  override readonly name = 'WidgetError';
  readonly code: WidgetErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly serverCode: string | undefined;

  /** `message` is for developers and logs (it may name a config option or a JSON path), not for customers. */
  constructor(code: WidgetErrorCode, message: string = code, options: WidgetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE[code];
    this.status = options.status;
    this.serverCode = options.serverCode;
  }
}
