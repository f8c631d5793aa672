import { HttpError } from '../http/http-error.js';
import { readJsonBody } from '../http/read-body.js';
import type { RouteHandler } from '../http/route.js';
import { sendJson } from '../http/send-json.js';
import { createCountedRules } from '../shared/counted-rules.js';

/**
 * LOCAL MODE ONLY: fault switches for the token endpoint, so that an end-to-end test can make the
 * endpoint slow, failing or malformed for its own requests and nobody else's. A rule is stored
 * under a key; only session requests whose URL carries `?fault=<key>` use it. Tests running in
 * parallel each pick a unique key, so a fault never leaks into another test.
 *
 * `createTokenApi` consults these rules only when `config.mode === 'local'`, and the Lambda entry
 * point never creates them: a deployed endpoint cannot be made to misbehave by a query string.
 */

export const TOKEN_FAULT_ROUTE = '/emulator/faults/token-endpoint';
export const TOKEN_FAULT_STATUSES = [500, 429, 503] as const;
export const TOKEN_FAULT_MALFORMED = ['json', 'shape'] as const;
export const TOKEN_FAULT_WHEN = ['before', 'after'] as const;
export const MAX_TOKEN_FAULT_COUNT = 1000;
export const MAX_TOKEN_FAULT_DELAY_MS = 60_000;
export const MAX_TOKEN_FAULT_RETRY_AFTER_SECONDS = 3600;
const KEY = /^[A-Za-z0-9_-]{1,128}$/;
const BODY_LIMIT_BYTES = 4 * 1024;
const MEMBERS = ['key', 'status', 'retryAfter', 'count', 'delayMs', 'malformed', 'when'];

export type TokenFaultStatus = (typeof TOKEN_FAULT_STATUSES)[number];

/** What one faulty request does. */
export interface TokenFault {
  /** Answer this status (`{code, message}` like the endpoint's own errors) instead of the session. */
  status?: TokenFaultStatus;
  /** With 429 or 503: the `Retry-After` header, in seconds. */
  retryAfter?: number;
  /** Answer this much later. */
  delayMs?: number;
  /**
   * Answer 200 with a broken body: `json` is not JSON at all (cut short), `shape` is JSON but not
   * a session (the session wrapped in `{ "data": … }`, as a proxy's envelope would).
   */
  malformed?: (typeof TOKEN_FAULT_MALFORMED)[number];
  /**
   * `before` (default): the fault replaces the real handler, so Connect is not called and no
   * contact exists (with only `delayMs`, the real handler runs once the delay is over).
   * `after`: the real handler runs first (Connect creates the contact, or returns the one already
   * started for the same client token), then its answer is delayed and/or replaced.
   */
  when: (typeof TOKEN_FAULT_WHEN)[number];
}

export interface TokenFaultRule extends TokenFault {
  key: string;
  /** How many more requests with this key the rule applies to. */
  count: number;
}

export interface TokenFaults {
  add(rule: TokenFaultRule): void;
  /** Takes one use of the first rule stored under `key`, if any. */
  take(key: string): TokenFault | undefined;
  list(key?: string): TokenFaultRule[];
}

/** Rules apply per key in the order they were added; each request uses up one count of one rule. */
export function createTokenFaults(): TokenFaults {
  const rules = createCountedRules<TokenFaultRule>();
  return {
    add: (rule) => rules.add(rule),
    take(key) {
      const rule = rules.take((r) => r.key === key);
      if (!rule) return undefined;
      const { key: _key, count: _count, ...fault } = rule;
      return fault;
    },
    list: (key) => rules.list((r) => key === undefined || r.key === key),
  };
}

const badBody = (message: string) => new HttpError(400, 'InvalidBody', message);

const isInteger = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** Checks a rule as the admin route receives it; every refusal names the member and its range. */
export function parseTokenFaultRule(body: unknown): TokenFaultRule {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badBody('The request body must be a JSON object.');
  }
  const unknown = Object.keys(body).filter((member) => !MEMBERS.includes(member));
  if (unknown.length > 0) {
    throw badBody(`Unknown member ${unknown.join(', ')}; allowed: ${MEMBERS.join(', ')}.`);
  }
  const {
    key,
    status,
    retryAfter,
    count = 1,
    delayMs,
    malformed,
    when = 'before',
  } = body as Record<string, unknown>;
  if (typeof key !== 'string' || !KEY.test(key)) {
    throw badBody('key must be 1 to 128 characters of A-Z a-z 0-9 _ -.');
  }
  if (status !== undefined && !(TOKEN_FAULT_STATUSES as readonly unknown[]).includes(status)) {
    throw badBody(`status must be one of ${TOKEN_FAULT_STATUSES.join(', ')}.`);
  }
  if (retryAfter !== undefined) {
    if (!isInteger(retryAfter, 0, MAX_TOKEN_FAULT_RETRY_AFTER_SECONDS)) {
      throw badBody(
        `retryAfter must be whole seconds from 0 to ${MAX_TOKEN_FAULT_RETRY_AFTER_SECONDS}.`,
      );
    }
    if (status !== 429 && status !== 503) {
      throw badBody('retryAfter goes with status 429 or 503.');
    }
  }
  if (!isInteger(count, 1, MAX_TOKEN_FAULT_COUNT)) {
    throw badBody(`count must be an integer from 1 to ${MAX_TOKEN_FAULT_COUNT}.`);
  }
  if (delayMs !== undefined && !isInteger(delayMs, 0, MAX_TOKEN_FAULT_DELAY_MS)) {
    throw badBody(`delayMs must be an integer from 0 to ${MAX_TOKEN_FAULT_DELAY_MS}.`);
  }
  if (
    malformed !== undefined &&
    !(TOKEN_FAULT_MALFORMED as readonly unknown[]).includes(malformed)
  ) {
    throw badBody(`malformed must be one of ${TOKEN_FAULT_MALFORMED.join(', ')}.`);
  }
  if (status !== undefined && malformed !== undefined) {
    throw badBody('Give a status or malformed, not both.');
  }
  if (status === undefined && malformed === undefined && delayMs === undefined) {
    throw badBody('Give a status to fail with, malformed, a delayMs to answer slowly, or both.');
  }
  if (!(TOKEN_FAULT_WHEN as readonly unknown[]).includes(when)) {
    throw badBody(`when must be one of ${TOKEN_FAULT_WHEN.join(', ')}.`);
  }
  return {
    key,
    count,
    when: when as TokenFault['when'],
    ...(status !== undefined && { status: status as TokenFaultStatus }),
    ...(retryAfter !== undefined && { retryAfter: retryAfter as number }),
    ...(delayMs !== undefined && { delayMs: delayMs as number }),
    ...(malformed !== undefined && { malformed: malformed as TokenFault['malformed'] }),
  };
}

/** `POST /emulator/faults/token-endpoint`: adds a rule; answers the rules now stored for its key. */
export function tokenFaultRoutes(faults: TokenFaults): RouteHandler {
  return async (req, res, url) => {
    if (url.pathname !== TOKEN_FAULT_ROUTE) return false;
    if (req.method !== 'POST') {
      throw new HttpError(405, 'MethodNotAllowed', 'Use POST for this path.', { allow: 'POST' });
    }
    const rule = parseTokenFaultRule(await readJsonBody(req, BODY_LIMIT_BYTES));
    faults.add(rule);
    sendJson(res, 200, { key: rule.key, faults: faults.list(rule.key) });
    return true;
  };
}
