import { describe, expect, it } from 'vitest';
import type { CallParticipant } from '../server/emulator/call-participants';
import { participantStatus, ParticipantTracker } from './participant-tracker';

const person = (overrides: Partial<CallParticipant>): CallParticipant => ({
  ParticipantId: 'p-guest',
  ContactId: 'c-guest',
  AttendeeId: 'a-guest',
  DisplayName: 'Grace',
  ParticipantRole: 'CUSTOMER',
  kind: 'added',
  capabilities: {},
  state: 'INITIATED',
  present: false,
  muted: null,
  ...overrides,
});

describe('participantStatus', () => {
  it.each<[string, Partial<CallParticipant>, boolean, string]>([
    ['present', { present: true, state: 'CONNECTED' }, false, 'in-call'],
    ['never joined', {}, false, 'invited'],
    ['its contact ended before it joined', { state: 'DISCONNECTED' }, false, 'left'],
    ['gone after it was seen', { state: 'CONNECTED' }, true, 'left'],
    // Joined and dropped before this console saw it: its own contact says it was there.
    ['an added one connected but absent', { state: 'CONNECTED' }, false, 'left'],
    ['the agent not in the meeting yet', { kind: 'agent', state: 'CONNECTED' }, false, 'invited'],
  ])('%s', (_name, overrides, seen, status) => {
    expect(participantStatus(person(overrides), seen)).toBe(status);
  });
});

describe('ParticipantTracker', () => {
  const customer = person({
    ParticipantId: 'p-customer',
    DisplayName: 'Ada',
    kind: 'customer',
    state: 'CONNECTED',
    present: true,
  });
  const agent = person({ ParticipantId: 'p-agent', DisplayName: 'Agent', kind: 'agent' });

  it('announces invitations, joins and leaves after the first poll, never the agent itself', () => {
    const tracker = new ParticipantTracker();
    expect(tracker.update('c1', [customer, agent]).announcements).toEqual([]);
    const agentIn = { ...agent, state: 'CONNECTED' as const, present: true };
    expect(tracker.update('c1', [customer, agentIn]).announcements).toEqual([]);

    const invited = person({});
    const afterAdd = tracker.update('c1', [customer, agentIn, invited]);
    expect(afterAdd.announcements).toEqual(['Grace was invited.']);
    expect(afterAdd.rows.map((r) => r.status)).toEqual(['in-call', 'in-call', 'invited']);

    const joined = { ...invited, state: 'CONNECTED' as const, present: true, muted: false };
    expect(tracker.update('c1', [customer, agentIn, joined]).announcements).toEqual([
      'Grace joined the call.',
    ]);
    expect(tracker.update('c1', [customer, agentIn, joined]).announcements).toEqual([]);

    // Its page closed: absent from the roster while its contact is still connected.
    const gone = { ...joined, present: false, muted: null };
    const afterLeave = tracker.update('c1', [customer, agentIn, gone]);
    expect(afterLeave.announcements).toEqual(['Grace left the call.']);
    expect(afterLeave.rows[2]?.status).toBe('left');
  });

  it('starts again for another contact, without announcing who is already there', () => {
    const tracker = new ParticipantTracker();
    tracker.update('c1', [customer]);
    const other = { ...customer, ParticipantId: 'p-other', DisplayName: 'Bob' };
    expect(tracker.update('c2', [other]).announcements).toEqual([]);
    expect(tracker.update('c2', [{ ...other, present: false }]).announcements).toEqual([
      'Bob left the call.',
    ]);
  });
});
