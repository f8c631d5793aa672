import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { listen, type RunningApp } from '../../app.js';
import { readJsonBody } from '../../http/read-body.js';

/**
 * A stand-in for Amazon Connect's REST-JSON API, just enough of it for the token endpoint's tests:
 * `PUT /contact/webrtc` (StartWebRTCContact) and `PUT /contact/screen-sharing` (StartScreenSharing),
 * answered the way AWS answers (status, `x-amzn-ErrorType`, `{"message"}`), so the real
 * `@aws-sdk/client-connect` can talk to it. It records every call. Once the emulator lands, the same
 * tests can point at `/emulator/connect` instead.
 */
export type ConnectOperation = 'StartWebRTCContact' | 'StartScreenSharing';

export interface RecordedCall {
  operation: ConnectOperation;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface ScriptedError {
  status: number;
  type: string;
  message?: string;
}

export interface ConnectFixture {
  /** What to give the ConnectClient as `endpoint` (includes the base path). */
  endpoint: string;
  calls: RecordedCall[];
  /** Contacts started, by ContactId. */
  contacts: Map<string, Record<string, unknown>>;
  /** The next calls of `operation` fail with these errors, in order. */
  failNext(operation: ConnectOperation, ...errors: ScriptedError[]): void;
  close(): Promise<void>;
}

const OPERATIONS: Record<string, ConnectOperation> = {
  'PUT /contact/webrtc': 'StartWebRTCContact',
  'PUT /contact/screen-sharing': 'StartScreenSharing',
};

export async function startConnectFixture(options: {
  instanceId: string;
  contactFlowId: string;
  basePath?: string;
}): Promise<ConnectFixture> {
  const basePath = options.basePath ?? '/emulator/connect';
  const calls: RecordedCall[] = [];
  const contacts = new Map<string, Record<string, unknown>>();
  const byClientToken = new Map<string, Record<string, unknown>>();
  const scripted = new Map<ConnectOperation, ScriptedError[]>();

  const app: RunningApp = await listen(
    {
      routes: [
        async (req, res, url) => {
          if (!url.pathname.startsWith(basePath)) return false;
          const operation = OPERATIONS[`${req.method} ${url.pathname.slice(basePath.length)}`];
          const reply = (status: number, body: unknown, errorType?: string) => {
            const text = JSON.stringify(body);
            res.writeHead(status, {
              'content-type': 'application/json',
              'x-amzn-requestid': randomUUID(),
              ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
            });
            res.end(text);
            return true;
          };
          const fail = (error: ScriptedError) =>
            reply(error.status, { message: error.message ?? error.type }, error.type);
          if (operation === undefined) {
            return fail({ status: 404, type: 'UnknownOperationException' });
          }
          const body = (await readJsonBody(req, 1 << 20)) as Record<string, unknown>;
          calls.push({ operation, headers: req.headers, body });
          const next = scripted.get(operation)?.shift();
          if (next) return fail(next);
          if (body.InstanceId !== options.instanceId) {
            return fail({ status: 404, type: 'ResourceNotFoundException', message: 'Instance' });
          }
          if (operation === 'StartWebRTCContact') {
            const problem = serviceLimitProblem(body);
            if (problem) {
              return fail({ status: 400, type: 'InvalidParameterException', message: problem });
            }
            if (body.ContactFlowId !== options.contactFlowId) {
              return fail({ status: 404, type: 'ResourceNotFoundException', message: 'Flow' });
            }
            const token = body.ClientToken as string | undefined;
            // Idempotency as AWS documents it: the same token returns the contact it started.
            const existing = token === undefined ? undefined : byClientToken.get(token);
            if (existing) return reply(200, existing);
            const response = newContact();
            contacts.set(response.ContactId, response);
            if (token !== undefined) byClientToken.set(token, response);
            return reply(200, response);
          }
          if (!contacts.has(body.ContactId as string)) {
            return fail({ status: 404, type: 'ResourceNotFoundException', message: 'Contact' });
          }
          return reply(200, {});
        },
      ],
    },
    0,
  );

  return {
    endpoint: `${app.url}${basePath}`,
    calls,
    contacts,
    failNext(operation, ...errors) {
      scripted.set(operation, [...(scripted.get(operation) ?? []), ...errors]);
    },
    close: () => app.close(),
  };
}

function newContact() {
  const meetingId = randomUUID();
  return {
    ContactId: randomUUID(),
    ParticipantId: randomUUID(),
    ParticipantToken: randomBytes(300).toString('base64'),
    ConnectionData: {
      Attendee: { AttendeeId: randomUUID(), JoinToken: randomBytes(60).toString('base64url') },
      Meeting: {
        MeetingId: meetingId,
        MediaRegion: 'us-east-1',
        MediaPlacement: {
          AudioHostUrl: `audio.example:3478/${meetingId}`,
          AudioFallbackUrl: `wss://audio.example/calls/${meetingId}`,
          SignalingUrl: `wss://signal.example/control/${meetingId}`,
          TurnControlUrl: 'https://turn.example/v2/turn_sessions',
          EventIngestionUrl: 'https://data.example/v1/client-events',
        },
        MeetingFeatures: { Audio: { EchoReduction: 'UNAVAILABLE' } },
      },
    },
  };
}

/**
 * The documented limits, written out again independently of the endpoint's own checker, so that a
 * body the endpoint wrongly lets through is refused here the way AWS would refuse it (and the
 * tests see an AWS call that should not have happened).
 */
function serviceLimitProblem(body: Record<string, unknown>): string | undefined {
  const chars = (value: unknown) => (typeof value === 'string' ? Array.from(value).length : -1);
  const bytes = (value: string) => new TextEncoder().encode(value).length;
  const wellFormed = (value: unknown) =>
    typeof value !== 'string' || !/[\uD800-\uDFFF]/u.test(value);
  const name = (body.ParticipantDetails as { DisplayName?: unknown } | undefined)?.DisplayName;
  if (chars(name) < 1 || chars(name) > 256 || !wellFormed(name)) return 'DisplayName';
  for (const [field, min, max] of [
    ['Description', 0, 4096],
    ['RelatedContactId', 1, 256],
    ['ClientToken', 1, 500],
  ] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (chars(value) < min || chars(value) > max || !wellFormed(value)) return field;
  }
  if (body.Attributes !== undefined) {
    let total = 0;
    for (const [key, value] of Object.entries(body.Attributes as Record<string, unknown>)) {
      if (!/^[A-Za-z0-9_-]+$/.test(key) || typeof value !== 'string' || !wellFormed(value)) {
        return 'Attributes';
      }
      total += bytes(key) + bytes(value);
    }
    if (total > 32_768) return 'Attributes';
  }
  if (body.References !== undefined) {
    let total = 0;
    for (const [key, reference] of Object.entries(body.References as Record<string, unknown>)) {
      const { Value, Type } = (reference ?? {}) as { Value?: unknown; Type?: unknown };
      if (typeof Value !== 'string' || chars(Value) > 4096 || !wellFormed(Value))
        return 'References';
      if (!['URL', 'NUMBER', 'STRING', 'DATE', 'EMAIL'].includes(Type as string))
        return 'References';
      if (chars(key) < 1 || chars(key) > 4096 || !wellFormed(key)) return 'References';
      total += bytes(key) + bytes(Value);
    }
    if (total > 4096) return 'References';
  }
  return undefined;
}
