import { createCountedRules } from '../shared/counted-rules.js';

/** The Connect operations the emulator serves, which a fault rule may target. */
export const CONNECT_OPERATIONS = [
  'StartWebRTCContact',
  'StartChatContact',
  'StartScreenSharing',
  'DescribeContact',
  'GetContactAttributes',
  'StopContact',
  'CreateParticipant',
] as const;
export type ConnectOperation = (typeof CONNECT_OPERATIONS)[number];

export const FAULT_STATUSES = [500, 429, 503] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export interface FaultRule {
  /** Fail with this status; absent = only delay the answer. */
  status?: FaultStatus;
  /** How many more calls this rule applies to. */
  count: number;
  delayMs?: number;
  /** Only calls of this operation; absent = any Connect operation. */
  operation?: ConnectOperation;
}

export interface FaultSwitch {
  add(rule: FaultRule): void;
  /** Takes one use of the first rule that applies to `operation`, if any. */
  take(operation: ConnectOperation): Omit<FaultRule, 'count'> | undefined;
  list(): FaultRule[];
  clear(): void;
}

/** Rules apply in the order they were added; each call uses up one count of one rule. */
export function createFaultSwitch(): FaultSwitch {
  const rules = createCountedRules<FaultRule>();
  return {
    add: (rule) => rules.add(rule),
    take(operation) {
      const rule = rules.take((r) => r.operation === undefined || r.operation === operation);
      if (!rule) return undefined;
      const { count: _count, ...fault } = rule;
      return fault;
    },
    list: () => rules.list(),
    clear: () => rules.clear(),
  };
}
