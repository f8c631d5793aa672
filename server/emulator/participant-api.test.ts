import {
  CreateParticipantConnectionCommand,
  DisconnectParticipantCommand,
  SendMessageCommand,
  type ConnectionType,
} from '@aws-sdk/client-connectparticipant';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, startHarness, type Harness } from './testing/emulator-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

// Typed loosely on purpose: the tests also send values the SDK's type would not allow.
const connect = (ParticipantToken: string, Type: string[] = ['CONNECTION_CREDENTIALS']) =>
  h.participant.send(
    new CreateParticipantConnectionCommand({ ParticipantToken, Type: Type as ConnectionType[] }),
  );

const send = (
  ConnectionToken: string,
  ContentType: string,
  Content: string,
  ClientToken?: string,
) =>
  h.participant.send(
    new SendMessageCommand({ ConnectionToken, ContentType, Content, ClientToken }),
  );

async function customerConnection() {
  const out = await h.startContact();
  const { ConnectionCredentials } = await connect(out.ParticipantToken as string);
  return {
    contactId: out.ContactId as string,
    token: ConnectionCredentials?.ConnectionToken as string,
  };
}

describe('CreateParticipantConnection', () => {
  it('gives connection credentials for the ParticipantToken', async () => {
    const out = await h.startContact();
    const before = Date.now();
    const { ConnectionCredentials } = await connect(out.ParticipantToken as string);
    expect(ConnectionCredentials?.ConnectionToken).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(ConnectionCredentials?.ConnectionToken).not.toBe(out.ParticipantToken);
    expect(Date.parse(ConnectionCredentials?.Expiry as string)).toBeGreaterThan(before);
  });

  it('refuses a wrong ParticipantToken with AccessDeniedException', async () => {
    await h.startContact();
    const error = await rejectionOf(connect('not-a-token'));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).not.toContain('not-a-token');
  });

  it('refuses the token of an ended contact', async () => {
    const out = await h.startContact();
    await h.admin('POST', `/emulator/contacts/${out.ContactId}/end`);
    expect((await rejectionOf(connect(out.ParticipantToken as string))).name).toBe(
      'AccessDeniedException',
    );
  });

  it.each([[[]], [['WEBSOCKET']], [['CHAT']]])(
    'refuses Type %j with ValidationException naming Type',
    async (Type) => {
      const out = await h.startContact();
      const error = await rejectionOf(connect(out.ParticipantToken as string, Type));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain('Type');
    },
  );

  it("also serves the agent's ParticipantToken from accept", async () => {
    const out = await h.startContact();
    h.customerJoins(out);
    const agent = await h.admin('POST', `/emulator/contacts/${out.ContactId}/accept`);
    const { ConnectionCredentials } = await connect(agent.body.ParticipantToken as string);
    await send(ConnectionCredentials?.ConnectionToken as string, 'text/plain', 'Hello');
    expect(h.emulator.contacts.get(out.ContactId as string)?.messages).toEqual([
      expect.objectContaining({ participant: 'agent', Content: 'Hello' }),
    ]);
  });
});

describe('SendMessage', () => {
  it('stores DTMF digits and text with their time', async () => {
    const { contactId, token } = await customerConnection();
    const dtmf = await send(token, 'audio/dtmf', '12#*,9');
    const text = await send(token, 'text/plain', 'Can you hear me?');
    expect(dtmf.Id).not.toBe(text.Id);
    expect(Date.parse(dtmf.AbsoluteTime as string)).not.toBeNaN();
    expect(h.emulator.contacts.get(contactId)?.messages).toEqual([
      {
        Id: dtmf.Id,
        participant: 'customer',
        ContentType: 'audio/dtmf',
        Content: '12#*,9',
        at: dtmf.AbsoluteTime,
      },
      {
        Id: text.Id,
        participant: 'customer',
        ContentType: 'text/plain',
        Content: 'Can you hear me?',
        at: text.AbsoluteTime,
      },
    ]);
  });

  it('stores a message once for one ClientToken', async () => {
    const { contactId, token } = await customerConnection();
    const first = await send(token, 'audio/dtmf', '5', 'same-token');
    const again = await send(token, 'audio/dtmf', '5', 'same-token');
    expect(again.Id).toBe(first.Id);
    expect(h.emulator.contacts.get(contactId)?.messages).toHaveLength(1);
  });

  it.each<[string, string, string, string]>([
    ['an unsupported content type', 'application/json', '{}', 'ContentType'],
    ['a DTMF letter', 'audio/dtmf', '12A', 'audio/dtmf'],
    ['DTMF with a space', 'audio/dtmf', '1 2', 'audio/dtmf'],
    ['empty text', 'text/plain', '', 'Content'],
    ['text over 16,384 characters', 'text/plain', 'x'.repeat(16_385), 'Content'],
  ])('refuses %s with ValidationException', async (_name, type, content, word) => {
    const { contactId, token } = await customerConnection();
    const error = await rejectionOf(send(token, type, content));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toContain(word);
    expect(h.emulator.contacts.get(contactId)?.messages).toEqual([]);
  });

  it('refuses a ParticipantToken where a ConnectionToken is needed', async () => {
    const out = await h.startContact();
    const error = await rejectionOf(send(out.ParticipantToken as string, 'audio/dtmf', '1'));
    expect(error.name).toBe('AccessDeniedException');
  });

  it('refuses messages once the contact has ended', async () => {
    const { contactId, token } = await customerConnection();
    await h.admin('POST', `/emulator/contacts/${contactId}/end`);
    expect((await rejectionOf(send(token, 'audio/dtmf', '1'))).name).toBe('AccessDeniedException');
  });
});

describe('DisconnectParticipant', () => {
  it('ends the contact as a customer disconnect, and succeeds again after that', async () => {
    const { contactId, token } = await customerConnection();
    await h.participant.send(new DisconnectParticipantCommand({ ConnectionToken: token }));
    expect(h.emulator.contacts.get(contactId)).toMatchObject({
      state: 'DISCONNECTED',
      disconnectReason: 'CUSTOMER_DISCONNECT',
    });
    expect(h.mediaPlane.callsTo('endMeeting')).toHaveLength(1);
    // The widget's Chime stop() may already have ended the contact: hanging up twice is fine.
    await h.participant.send(new DisconnectParticipantCommand({ ConnectionToken: token }));
    expect(h.mediaPlane.callsTo('endMeeting')).toHaveLength(1);
  });

  it('refuses an unknown ConnectionToken', async () => {
    const { contactId } = await customerConnection();
    const error = await rejectionOf(
      h.participant.send(new DisconnectParticipantCommand({ ConnectionToken: 'wrong' })),
    );
    expect(error.name).toBe('AccessDeniedException');
    expect(h.emulator.contacts.get(contactId)?.state).toBe('INITIATED');
  });
});

describe('CORS for the browser', () => {
  const origin = 'http://localhost:5173';

  it('answers the preflight with the SDK headers allowed', async () => {
    const res = await fetch(`${h.app.url}/emulator/participant/participant/message`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-amz-bearer,content-type,amz-sdk-request',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = res.headers.get('access-control-allow-headers') ?? '';
    for (const header of [
      'x-amz-bearer',
      'x-amz-user-agent',
      'amz-sdk-invocation-id',
      'amz-sdk-request',
      'content-type',
      'authorization',
      'x-amz-date',
    ]) {
      expect(allowed).toContain(header);
    }
  });

  it('puts CORS headers on errors too, exposing the error type', async () => {
    const res = await fetch(`${h.app.url}/emulator/participant/participant/message`, {
      method: 'POST',
      headers: { origin, 'x-amz-bearer': 'wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ ContentType: 'audio/dtmf', Content: '1' }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe(origin);
    expect(res.headers.get('access-control-expose-headers')).toContain('x-amzn-ErrorType');
    expect(res.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
  });
});
