/*
 * The customer's invitation of a guest: one request to the token endpoint's invitation route, which
 * adds a participant to the contact (Connect CreateParticipant) and answers a single-use link.
 */
import { signal, type ReadonlySignal } from '@preact/signals-core';
import { jsonPost } from './json-post';

/** The refusals the customer is told apart; anything else is "could not be created". */
export type InvitationFailure = 'CallFull' | 'AgentNotConnected' | 'failed';

export type InvitationState =
  | { kind: 'idle' }
  | { kind: 'creating' }
  | { kind: 'ready'; url: string; expiresAt: number }
  | { kind: 'failed'; reason: InvitationFailure };

export interface InvitationModel {
  readonly state: ReadonlySignal<InvitationState>;
  /** Asks for a new link; ignored while one is being created. */
  create(): Promise<void>;
  /** Drops a pending request's answer (the panel closed, the call ended). */
  dispose(): void;
}

export interface InvitationModelOptions {
  /** The token endpoint's invitation route. */
  url: string;
  /** The session handle that proves this customer is in the call. */
  sessionHandle: string;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
}

const KNOWN_FAILURES = new Set<string>(['CallFull', 'AgentNotConnected']);

function readyState(body: unknown): InvitationState | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { InvitationUrl, ExpiresAt } = body as { InvitationUrl?: unknown; ExpiresAt?: unknown };
  const expiresAt = typeof ExpiresAt === 'string' ? Date.parse(ExpiresAt) : NaN;
  if (typeof InvitationUrl !== 'string' || !/^https?:\/\//.test(InvitationUrl)) return undefined;
  if (!Number.isFinite(expiresAt)) return undefined;
  return { kind: 'ready', url: InvitationUrl, expiresAt };
}

export function createInvitationModel(options: InvitationModelOptions): InvitationModel {
  const state = signal<InvitationState>({ kind: 'idle' });
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  let abort: AbortController | undefined;

  return {
    state,
    async create() {
      if (state.peek().kind === 'creating') return;
      abort = new AbortController();
      const { signal: aborted } = abort;
      state.value = { kind: 'creating' };
      let next: InvitationState = { kind: 'failed', reason: 'failed' };
      try {
        const response = await fetchImpl(
          options.url,
          jsonPost({ sessionHandle: options.sessionHandle }, { ...options, signal: aborted }),
        );
        const body: unknown = await response.json().catch(() => undefined);
        const code = (body as { code?: unknown } | undefined)?.code;
        if (response.ok) next = readyState(body) ?? next;
        else if (typeof code === 'string' && KNOWN_FAILURES.has(code))
          next = { kind: 'failed', reason: code as InvitationFailure };
      } catch {
        // Offline or refused by the browser (CORS): "could not be created", try again.
      }
      if (!aborted.aborted) state.value = next;
    },
    dispose() {
      abort?.abort();
    },
  };
}
