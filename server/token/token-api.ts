import { randomUUID } from 'node:crypto';
import {
  StartChatContactCommand,
  StartScreenSharingCommand,
  StartWebRTCContactCommand,
  type ConnectClient,
} from '@aws-sdk/client-connect';
import { parseChatRequest, toStartChatContactInput } from './chat-request.js';
import type { ConnectParticipantClient } from '@aws-sdk/client-connectparticipant';
import { HttpError } from '../http/http-error.js';
import { bearerToken } from './bearer-token.js';
import { verifiedSessionHandle } from './request-session-handle.js';
import { ApiError, invalidField } from './api-error.js';
import { DEFAULT_RETRY_POLICY, callWithRetry, type RetryPolicy } from './call-with-retry.js';
import type { TokenEndpointConfig } from './config.js';
import { toClientError } from './connect-error.js';
import { verifyCustomerJwt } from './customer-jwt.js';
import { silentLogger, type LogFields, type TokenLogger } from './logger.js';
import { PREFLIGHT_HEADERS, checkOrigin, corsHeaders, type Headers } from './origin-policy.js';
import { createInvitationApi } from './invitation-api.js';
import type { InvitationLedger } from './invitation-ledger.js';
import { createMemoryInvitationLedger } from './memory-invitation-ledger.js';
import { createParticipantClient } from './participant-client.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { signSessionHandle, verifySessionHandle } from './session-handle.js';
import { isRecord, parseSessionRequest, toStartWebRTCContactInput } from './session-request.js';
import { CLIENT_TOKEN_MAX_LENGTH } from '../shared/start-webrtc-contact-limits.js';
import { localCapabilities } from './local-capabilities.js';
import type { TokenFault, TokenFaults } from './token-faults.js';

/** One request, whatever carried it (Node's http server or API Gateway). */
export interface ApiRequest {
  method: string;
  /** The path without query, e.g. `/api/session`. */
  path: string;
  /** The query string; only local mode reads it (local-capabilities.ts, token-faults.ts). */
  query?: URLSearchParams;
  /** Lower-case header names. */
  headers: Headers;
  /** The address the rate limit counts against (see client-ip.ts). */
  clientIp: string;
  /** Reads the body; throws a 413 HttpError past `limitBytes` without buffering the rest. */
  readBody(limitBytes: number): Promise<Uint8Array>;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface TokenEndpointDeps {
  connect: ConnectClient;
  /** Guests join through it; created from the config on first use when absent. */
  participant?: ConnectParticipantClient;
  /** Guest slots and used invitations; in this process's memory when absent. */
  invitationLedger?: InvitationLedger;
  /** Milliseconds since the epoch; tests move time. */
  now?: () => number;
  logger?: TokenLogger;
  /** Backoff between retries; tests make it instant and record it. */
  sleep?: (ms: number) => Promise<void>;
  retry?: RetryPolicy;
  random?: () => number;
  rateLimiter?: RateLimiter;
  /**
   * Local mode only: fault rules that session requests carrying `?fault=<key>` use (see
   * token-faults.ts). Ignored in aws mode, whatever is passed.
   */
  faults?: TokenFaults;
}

export type TokenApi = (request: ApiRequest) => Promise<ApiResponse | undefined>;

type Route = 'session' | 'chat' | 'screen-sharing' | 'invitation' | 'invitation-join' | 'health';
const ROUTES: Record<string, Route> = {
  '/api/session': 'session',
  '/api/chat': 'chat',
  '/api/screen-sharing': 'screen-sharing',
  '/api/invitation': 'invitation',
  '/api/invitation/join': 'invitation-join',
  '/api/health': 'health',
};

const SCREEN_SHARING_FIELDS = new Set(['sessionHandle', 'contactId', 'clientToken']);

/** The answer a fault rule puts in place of the session (or of the real answer, `when: after`). */
function faultResponse(
  fault: TokenFault,
  session: Record<string, unknown> | undefined,
  headers: Record<string, string>,
): ApiResponse | undefined {
  if (fault.status !== undefined) {
    return json(
      fault.status,
      { code: 'InjectedFault', message: `A test fault answered HTTP ${fault.status}.` },
      {
        ...headers,
        ...(fault.retryAfter !== undefined && { 'retry-after': String(fault.retryAfter) }),
      },
    );
  }
  if (fault.malformed === 'json') {
    // Cut short, as a truncated response would be.
    return { ...json(200, {}, headers), body: '{"ContactId":' };
  }
  if (fault.malformed === 'shape') return json(200, { data: session ?? null }, headers);
  return undefined;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

function requireJson(headers: Headers): void {
  const [type, ...params] = (headers['content-type'] ?? '').split(';');
  const charset = params
    .map((param) => param.trim().toLowerCase())
    .find((param) => param.startsWith('charset='));
  if (
    type?.trim().toLowerCase() !== 'application/json' ||
    (charset !== undefined && !['charset=utf-8', 'charset="utf-8"'].includes(charset))
  ) {
    throw new ApiError(415, 'UnsupportedMediaType', 'Send the body as application/json (UTF-8).');
  }
}

async function readJson(request: ApiRequest, limitBytes: number): Promise<unknown> {
  const raw = await request.readBody(limitBytes);
  let text: string;
  try {
    // Fatal: a body that is not UTF-8 is refused, not silently repaired with U+FFFD.
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new ApiError(400, 'InvalidJson', 'The request body is not UTF-8 text.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'InvalidJson', 'The request body is not valid JSON.');
  }
}

/**
 * The endpoint's logic, free of any transport: `createTokenEndpoint` (Node) and `lambda.ts` (API
 * Gateway) adapt it. Answers undefined for paths it does not serve.
 */
export function createTokenApi(config: TokenEndpointConfig, deps: TokenEndpointDeps): TokenApi {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? silentLogger;
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retry = deps.retry ?? DEFAULT_RETRY_POLICY;
  const rateLimiter =
    deps.rateLimiter ?? createRateLimiter({ perMinute: config.rateLimitPerMinute, now });
  // The test fault switch exists in local mode only: a deployed endpoint never reads `?fault=`.
  const faults = config.mode === 'local' ? deps.faults : undefined;

  /**
   * The customer token of a session or chat request (body or `Authorization: Bearer`, not two
   * different ones): its verified attributes, or undefined when none was sent and none is required.
   */
  async function trustedAttributesOf(
    request: ApiRequest,
    bodyToken: string | undefined,
    log: LogFields,
  ): Promise<Record<string, string> | undefined> {
    const headerToken = bearerToken(request.headers);
    if (headerToken !== undefined && bodyToken !== undefined && headerToken !== bodyToken) {
      throw new ApiError(
        400,
        'ConflictingCustomerToken',
        'The Authorization header and customerToken differ.',
        'customerToken',
      );
    }
    const customerToken = bodyToken ?? headerToken;
    if (customerToken !== undefined) {
      if (config.customerJwtSecret === undefined) {
        // Silently ignoring it would drop attributes the host page believes are trusted.
        throw new ApiError(
          400,
          'CustomerTokenNotAccepted',
          'This endpoint is not configured for customer tokens.',
          'customerToken',
        );
      }
      const trusted = await verifyCustomerJwt(customerToken, config.customerJwtSecret, now());
      log.authenticated = true;
      return trusted;
    }
    if (config.requireCustomerJwt) {
      throw new ApiError(
        401,
        'CustomerTokenRequired',
        'A customer token is required.',
        'customerToken',
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    return undefined;
  }

  /**
   * A call's RelatedContactId: only a chat the caller started, proved by the chat's handle from
   * `/api/chat`. A bare id from the browser is refused: it would let anyone tie their call to
   * someone else's contact, which the agent then sees as the conversation that led to it.
   */
  async function provenRelatedContact(
    relatedContactId: string | undefined,
    chatHandle: string | undefined,
  ): Promise<string | undefined> {
    if (chatHandle === undefined) {
      if (relatedContactId === undefined) return undefined;
      throw new ApiError(
        400,
        'RelatedContactNotProven',
        'relatedContactId is accepted only with the chatHandle of that chat (from /api/chat).',
        'relatedContactId',
      );
    }
    const claims = await verifySessionHandle(
      chatHandle,
      config.instanceId,
      config.sessionHandleSecret,
      now(),
    );
    if (claims === undefined || !claims.chat) {
      throw new ApiError(
        403,
        'ChatHandleInvalid',
        'The chat handle is not valid or has expired.',
        'chatHandle',
      );
    }
    if (relatedContactId !== undefined && relatedContactId !== claims.contactId) {
      throw new ApiError(
        403,
        'ContactNotYours',
        'The chat handle was issued for another contact.',
        'relatedContactId',
      );
    }
    return claims.contactId;
  }

  async function startSession(
    request: ApiRequest,
    body: unknown,
    log: LogFields,
  ): Promise<Record<string, unknown>> {
    const parsed = parseSessionRequest(body, config);
    const trustedAttributes = await trustedAttributesOf(request, parsed.customerToken, log);
    const relatedContactId = await provenRelatedContact(parsed.relatedContactId, parsed.chatHandle);
    const session = {
      ...parsed,
      ...(relatedContactId !== undefined && { relatedContactId }),
    };
    // Generated once, before the first attempt: every retry then names the same contact.
    const clientToken = session.clientToken ?? randomUUID();
    const requested = config.mode === 'local' ? request.query?.get('capabilities') : null;
    const allowedCapabilities =
      typeof requested === 'string' ? localCapabilities(requested) : config.allowedCapabilities;
    const input = toStartWebRTCContactInput(
      { ...config, allowedCapabilities },
      session,
      trustedAttributes,
      clientToken,
    );
    const outcome = await callWithRetry(
      () => deps.connect.send(new StartWebRTCContactCommand(input)),
      retry,
      sleep,
      deps.random,
    );
    log.attempts = outcome.attempts;
    if (!outcome.result) throw connectFailure(outcome.error, log);
    const { $metadata: _metadata, ...output } = outcome.result;
    if (typeof output.ContactId !== 'string' || output.ContactId === '') {
      throw new ApiError(502, 'ConnectUnavailable', 'Amazon Connect gave an unusable answer.');
    }
    log.contactId = output.ContactId;
    return {
      ...output,
      AllowedCapabilities: allowedCapabilities,
      SessionHandle: await signSessionHandle(
        output.ContactId,
        config.instanceId,
        config.sessionHandleSecret,
        now(),
        {
          screenShare: allowedCapabilities.Customer.ScreenShare === 'SEND',
          // The customer who started the call may invite guests into it.
          ...(config.invitations !== undefined && { invite: allowedCapabilities }),
        },
      ),
      // Tells the widget to offer the invitation control.
      ...(config.invitations !== undefined && { Invitations: true }),
    };
  }

  async function startChat(
    request: ApiRequest,
    body: unknown,
    log: LogFields,
  ): Promise<Record<string, unknown>> {
    const chat = config.chat;
    if (chat === undefined) {
      throw new ApiError(403, 'ChatNotAllowed', 'Chat is not enabled on this endpoint.');
    }
    const parsed = parseChatRequest(body, config);
    const trustedAttributes = await trustedAttributesOf(request, parsed.customerToken, log);
    // Generated once, before the first attempt: every retry then names the same chat.
    const clientToken = parsed.clientToken ?? randomUUID();
    const input = toStartChatContactInput(config, chat, parsed, trustedAttributes, clientToken);
    const outcome = await callWithRetry(
      () => deps.connect.send(new StartChatContactCommand(input)),
      retry,
      sleep,
      deps.random,
    );
    log.attempts = outcome.attempts;
    if (!outcome.result) throw connectFailure(outcome.error, log);
    const { ContactId, ParticipantId, ParticipantToken, ContinuedFromContactId } = outcome.result;
    if (
      typeof ContactId !== 'string' ||
      ContactId === '' ||
      typeof ParticipantToken !== 'string' ||
      ParticipantToken === ''
    ) {
      throw new ApiError(502, 'ConnectUnavailable', 'Amazon Connect gave an unusable answer.');
    }
    log.contactId = ContactId;
    return {
      ContactId,
      ParticipantId,
      ParticipantToken,
      ...(ContinuedFromContactId !== undefined && { ContinuedFromContactId }),
      // Proves the chat is theirs: "Switch to video call" sends it to /api/session.
      ChatHandle: await signSessionHandle(
        ContactId,
        config.instanceId,
        config.sessionHandleSecret,
        now(),
        { chat: true },
      ),
    };
  }

  async function startScreenSharing(
    request: ApiRequest,
    body: unknown,
    log: LogFields,
  ): Promise<Record<string, unknown>> {
    if (config.allowedCapabilities.Customer.ScreenShare !== 'SEND') {
      throw new ApiError(
        403,
        'ScreenSharingNotAllowed',
        'Customer screen sharing is not enabled on this endpoint.',
      );
    }
    if (!isRecord(body)) {
      throw new ApiError(400, 'InvalidBody', 'The request body must be a JSON object.');
    }
    for (const key of Object.keys(body)) {
      if (!SCREEN_SHARING_FIELDS.has(key)) {
        throw invalidField(key, 'is not a known field.', 'UnknownField');
      }
    }
    for (const key of SCREEN_SHARING_FIELDS) {
      if (body[key] !== undefined && typeof body[key] !== 'string') {
        throw invalidField(key, 'must be a string.');
      }
    }
    const claims = await verifiedSessionHandle(
      body.sessionHandle as string | undefined,
      request.headers,
      { instanceId: config.instanceId, secret: config.sessionHandleSecret, nowMs: now() },
    );
    const { contactId } = claims;
    // Capabilities can differ per contact (the local demo's switches, or a future per-customer
    // policy): the contact's own, recorded in its handle, decide.
    if (!claims.screenShare) {
      throw new ApiError(
        403,
        'ScreenSharingNotAllowed',
        'Customer screen sharing is not allowed on this contact.',
      );
    }
    if (body.contactId !== undefined && body.contactId !== contactId) {
      throw new ApiError(
        403,
        'ContactNotYours',
        'The session handle was issued for another contact.',
        'contactId',
      );
    }
    const clientToken = (body.clientToken as string | undefined) ?? randomUUID();
    const tokenLength = [...clientToken].length;
    if (tokenLength < 1 || tokenLength > CLIENT_TOKEN_MAX_LENGTH) {
      throw invalidField('clientToken', 'must be 1 to 500 characters.');
    }
    log.contactId = contactId;
    const outcome = await callWithRetry(
      () =>
        deps.connect.send(
          new StartScreenSharingCommand({
            InstanceId: config.instanceId,
            ContactId: contactId,
            ClientToken: clientToken,
          }),
        ),
      retry,
      sleep,
      deps.random,
    );
    log.attempts = outcome.attempts;
    if (!outcome.result) throw connectFailure(outcome.error, log);
    // StartScreenSharing answers an empty structure; so do we.
    return {};
  }

  let participant = deps.participant;
  const invitations = createInvitationApi(config, {
    connect: deps.connect,
    participant: () => (participant ??= createParticipantClient(config)),
    ledger: deps.invitationLedger ?? createMemoryInvitationLedger(now),
    now,
    sleep,
    retry,
    ...(deps.random !== undefined && { random: deps.random }),
    connectFailure: (error, log) => connectFailure(error, log),
  });

  function connectFailure(
    error: Parameters<typeof toClientError>[0] | undefined,
    log: LogFields,
  ): ApiError {
    const info = error ?? { name: 'Error' };
    log.awsError = info.name;
    if (info.status !== undefined) log.awsStatus = info.status;
    if (info.requestId !== undefined) log.awsRequestId = info.requestId;
    return toClientError(info);
  }

  return async (request) => {
    const route = ROUTES[request.path];
    if (route === undefined) return undefined;
    const started = now();
    const log: LogFields = { route: request.path, method: request.method };
    let cors: Record<string, string> = { vary: 'Origin' };
    const finish = (response: ApiResponse, code?: string): ApiResponse => {
      const fields = { ...log, status: response.status, durationMs: now() - started };
      if (code !== undefined) fields.code = code;
      if (response.status >= 500) logger.error('request_failed', fields);
      else if (response.status >= 400) logger.warn('request_refused', fields);
      else if (route !== 'health' && request.method === 'POST') logger.info('request_done', fields);
      return response;
    };
    try {
      if (route === 'health') {
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          throw new ApiError(405, 'MethodNotAllowed', 'Use GET.', undefined, {
            allow: 'GET, HEAD',
          });
        }
        return finish(json(200, { status: 'ok' }));
      }
      const origin = checkOrigin(request.headers, config);
      if (request.method === 'OPTIONS') {
        // A preflight: answered for allowed origins only, and never rate-limited or logged as a
        // call (browsers send one before each POST unless cached).
        if (!origin.allowed)
          return finish(json(403, { code: origin.code, message: origin.message }));
        return {
          status: 204,
          headers: { ...corsHeaders(origin.corsOrigin), ...PREFLIGHT_HEADERS },
          body: '',
        };
      }
      if (request.method !== 'POST') {
        throw new ApiError(405, 'MethodNotAllowed', 'Use POST.', undefined, {
          allow: 'POST, OPTIONS',
        });
      }
      if (!origin.allowed) throw new ApiError(403, origin.code, origin.message);
      cors = corsHeaders(origin.corsOrigin);
      const decision = rateLimiter.take(request.clientIp);
      if (!decision.allowed) {
        throw new ApiError(429, 'RateLimited', 'Too many requests. Try again later.', undefined, {
          'retry-after': String(decision.retryAfterSeconds),
        });
      }
      const faultKey = route === 'session' ? request.query?.get('fault') : null;
      const fault = faults && faultKey ? faults.take(faultKey) : undefined;
      if (fault?.when === 'before') {
        if (fault.delayMs !== undefined) await sleep(fault.delayMs);
        const injected = faultResponse(fault, undefined, cors);
        if (injected) return finish(injected, 'InjectedFault');
      }
      requireJson(request.headers);
      const body = await readJson(request, config.bodyLimitBytes);
      const result =
        route === 'session'
          ? await startSession(request, body, log)
          : route === 'chat'
            ? await startChat(request, body, log)
            : route === 'screen-sharing'
              ? await startScreenSharing(request, body, log)
              : route === 'invitation'
                ? await invitations.invite(request.headers, body, log)
                : await invitations.join(body, log);
      if (fault?.when === 'after') {
        if (fault.delayMs !== undefined) await sleep(fault.delayMs);
        const injected = faultResponse(fault, result, cors);
        if (injected) return finish(injected, 'InjectedFault');
      }
      return finish(json(200, result, cors));
    } catch (error) {
      if (error instanceof HttpError) {
        const field = error instanceof ApiError ? error.field : undefined;
        return finish(
          json(
            error.status,
            { code: error.code, message: error.message, ...(field !== undefined ? { field } : {}) },
            { ...cors, ...error.headers },
          ),
          error.code,
        );
      }
      // Only the error's type: its message or stack may hold request data.
      logger.error('unexpected_error', {
        ...log,
        code: error instanceof Error ? error.name : typeof error,
      });
      return finish(
        json(500, { code: 'InternalError', message: 'Internal server error.' }, cors),
        'InternalError',
      );
    }
  };
}
