import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  MEETING_STATUS_CODES,
  isMeetingStatusCode,
  meetingStatusOutcome,
  type MeetingOutcome,
  type MeetingStatusCode,
} from './meeting-status';

const sdkFile = (path: string) =>
  readFileSync(
    new URL(`../../node_modules/amazon-chime-sdk-js/build/${path}`, import.meta.url),
    'utf8',
  );

/** The enum member names, read from the installed SDK's declaration file. */
function sdkEnumNames(): string[] {
  const source = sdkFile('meetingsession/MeetingSessionStatusCode.d.ts');
  const body = /enum MeetingSessionStatusCode \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/^\s*(\w+) = \d+,?$/gm)].map((match) => match[1] as string);
}

/** The codes for which the installed SDK's `MeetingSessionStatus.isTerminal()` returns true. */
function sdkTerminalNames(): string[] {
  const source = sdkFile('meetingsession/MeetingSessionStatus.js');
  const body = /isTerminal\(\) \{([\s\S]*?)return true;/.exec(source)?.[1] ?? '';
  return [...body.matchAll(/MeetingSessionStatusCode_1\.default\.(\w+):/g)].map(
    (match) => match[1] as string,
  );
}

/** 'ended:<by>' or 'failed:<WidgetError code>' when stopped, in three situations. */
type Expected = string;
interface Row {
  code: MeetingStatusCode;
  /** What the SDK's isTerminal() says (checked against the installed SDK below). */
  terminal: boolean;
  /** Stopped after the call started, right after the agent left it (the agent hung up). */
  inCall: Expected;
  /** Stopped after the call started, before any agent joined. */
  waiting: Expected;
  /** Stopped before the call ever started (during join). */
  joining: Expected;
}

const lost = {
  inCall: 'failed:connection-lost',
  waiting: 'failed:connection-lost',
  joining: 'failed:signaling-failed',
};
const contactEnded = {
  inCall: 'ended:agent',
  waiting: 'ended:system',
  joining: 'failed:meeting-ended',
};
const same = (e: Expected) => ({ inCall: e, waiting: e, joining: e });

const table: Row[] = [
  { code: 'OK', terminal: false, ...same('ended:system') },
  { code: 'Left', terminal: true, ...same('ended:customer') },
  { code: 'AudioJoinedFromAnotherDevice', terminal: true, ...same('ended:another-tab') },
  { code: 'AudioAuthenticationRejected', terminal: true, ...same('ended:removed') },
  { code: 'AudioCallAtCapacity', terminal: true, ...same('failed:capacity') },
  { code: 'MeetingEnded', terminal: true, ...contactEnded },
  { code: 'AudioInternalServerError', terminal: false, ...lost },
  { code: 'AudioServiceUnavailable', terminal: false, ...lost },
  { code: 'AudioDisconnected', terminal: true, ...lost },
  { code: 'VideoCallSwitchToViewOnly', terminal: false, ...lost },
  { code: 'VideoCallAtSourceCapacity', terminal: true, ...same('failed:capacity') },
  {
    code: 'SignalingBadRequest',
    terminal: true,
    ...contactEnded,
    joining: 'failed:signaling-failed',
  },
  { code: 'SignalingInternalServerError', terminal: false, ...lost },
  { code: 'SignalingRequestFailed', terminal: true, ...same('failed:signaling-failed') },
  { code: 'SignalingChannelClosedUnexpectedly', terminal: false, ...lost },
  { code: 'ICEGatheringTimeoutWorkaround', terminal: false, ...lost },
  { code: 'ConnectionHealthReconnect', terminal: false, ...lost },
  { code: 'RealtimeApiFailed', terminal: true, ...same('failed:internal') },
  { code: 'TaskFailed', terminal: false, ...lost },
  { code: 'IncompatibleSDP', terminal: false, ...lost },
  { code: 'TURNCredentialsForbidden', terminal: true, ...contactEnded },
  { code: 'NoAttendeePresent', terminal: false, ...lost },
  { code: 'AudioAttendeeRemoved', terminal: true, ...same('ended:removed') },
  { code: 'AudioVideoWasRemovedFromPrimaryMeeting', terminal: false, ...lost },
  { code: 'AudioVideoDisconnectedWhilePromoted', terminal: false, ...lost },
  { code: 'AudioDisconnectAudio', terminal: false, ...lost },
  { code: 'EncodedTransformManagerFailed', terminal: false, ...lost },
];

function summary(outcome: MeetingOutcome): string {
  if (outcome.kind === 'ended') return `ended:${outcome.by}`;
  if (outcome.kind === 'failed') return `failed:${outcome.error.code}`;
  return 'transient';
}

describe('meetingStatusOutcome', () => {
  it('knows exactly the codes of the installed amazon-chime-sdk-js', () => {
    const names = sdkEnumNames();
    expect(names.length).toBeGreaterThan(20); // the parser still understands the file
    expect([...MEETING_STATUS_CODES].sort()).toEqual([...names].sort());
  });

  it('has one row per code, and its terminal column matches the SDK isTerminal()', () => {
    expect(table.map((row) => row.code).sort()).toEqual([...MEETING_STATUS_CODES].sort());
    const terminal = sdkTerminalNames();
    expect(terminal.length).toBeGreaterThan(5);
    expect(
      table
        .filter((row) => row.terminal)
        .map((row) => row.code)
        .sort(),
    ).toEqual(terminal.sort());
  });

  describe.each(table)('$code', (row) => {
    it('while the SDK reports it without stopping: transient unless terminal', () => {
      const outcome = meetingStatusOutcome(row.code, {
        terminal: row.terminal,
        stopped: false,
        joined: true,
        agentJustLeft: true,
      });
      expect(summary(outcome)).toBe(row.terminal ? row.inCall : 'transient');
    });

    it.each([
      ['inCall', true, true],
      ['waiting', true, false],
      ['joining', false, false],
    ] as const)('stopped (%s)', (situation, joined, agentJustLeft) => {
      const outcome = meetingStatusOutcome(row.code, {
        terminal: row.terminal,
        stopped: true,
        joined,
        agentJustLeft,
      });
      expect(summary(outcome)).toBe(row[situation]);
      if (outcome.kind === 'failed') expect(outcome.error.message).toContain(row.code);
    });
  });

  it.each<[string, boolean]>([
    ['MeetingEnded', true],
    ['EncodedTransformManagerFailed', true],
    ['AudioCallEnded', false], // Chime SDK v1/v2 only; v3 reports MeetingEnded
    ['meetingended', false],
    ['', false],
  ])('isMeetingStatusCode(%j) is %s', (name, expected) => {
    expect(isMeetingStatusCode(name)).toBe(expected);
  });
});
