import { describe, expect, it } from 'vitest';
import { CALL_STATES, transition, type CallEvent, type CallState } from './call-state';
import { WidgetError } from './widget-error';

const events: Record<string, CallEvent> = {
  start: { type: 'start' },
  'session-received': { type: 'session-received' },
  'joined (no agent yet)': { type: 'joined', agentPresent: false },
  'joined (agent present)': { type: 'joined', agentPresent: true },
  'agent-joined': { type: 'agent-joined' },
  'agent-left': { type: 'agent-left' },
  reconnecting: { type: 'reconnecting' },
  'reconnected (no agent)': { type: 'reconnected', agentPresent: false },
  'reconnected (agent present)': { type: 'reconnected', agentPresent: true },
  ended: { type: 'ended', by: 'agent' },
  failed: { type: 'failed', error: new WidgetError('connection-lost') },
  reset: { type: 'reset' },
};

// Columns are the states in this order; '=' keeps the state (accepted), '-' is rejected.
const columns: CallState[] = [
  'idle',
  'requesting',
  'joining',
  'waiting-for-agent',
  'in-call',
  'reconnecting',
  'ended',
  'failed',
];
type Cell = CallState | '=' | '-';
// prettier-ignore
const table: Record<keyof typeof events, Cell[]> = {
  //                              idle          requesting  joining              waiting-for-agent    in-call              reconnecting         ended         failed
  'start':                       ['requesting', '-',        '-',                 '-',                 '-',                 '-',                 'requesting', 'requesting'],
  'session-received':            ['-',          'joining',  '-',                 '-',                 '-',                 '-',                 '-',          '-'],
  'joined (no agent yet)':       ['-',          '-',        'waiting-for-agent', '-',                 '-',                 '-',                 '-',          '-'],
  'joined (agent present)':      ['-',          '-',        'in-call',           '-',                 '-',                 '-',                 '-',          '-'],
  'agent-joined':                ['-',          '-',        '=',                 'in-call',           '=',                 '=',                 '-',          '-'],
  'agent-left':                  ['-',          '-',        '=',                 '=',                 'waiting-for-agent', '=',                 '-',          '-'],
  'reconnecting':                ['-',          '-',        '-',                 'reconnecting',      'reconnecting',      '=',                 '-',          '-'],
  'reconnected (no agent)':      ['-',          '-',        '-',                 '-',                 '-',                 'waiting-for-agent', '-',          '-'],
  'reconnected (agent present)': ['-',          '-',        '-',                 '-',                 '-',                 'in-call',           '-',          '-'],
  'ended':                       ['-',          'ended',    'ended',             'ended',             'ended',             'ended',             '-',          '-'],
  'failed':                      ['-',          'failed',   'failed',            'failed',            'failed',            'failed',            '-',          '-'],
  'reset':                       ['-',          '-',        '-',                 '-',                 '-',                 '-',                 'idle',       'idle'],
};

const rows = Object.entries(table).flatMap(([eventName, cells]) =>
  columns.map((state, i) => [state, eventName, cells[i] as Cell] as const),
);

describe('transition', () => {
  it('the table covers every state', () => {
    expect([...columns].sort()).toEqual([...CALL_STATES].sort());
    expect(rows).toHaveLength(CALL_STATES.length * Object.keys(events).length);
  });

  it.each(rows)('%s + %s -> %s', (state, eventName, cell) => {
    const result = transition(state, events[eventName] as CallEvent);
    if (cell === '-') expect(result).toEqual({ state, accepted: false });
    else if (cell === '=') expect(result).toEqual({ state, accepted: true });
    else expect(result).toEqual({ state: cell, accepted: true });
  });
});
