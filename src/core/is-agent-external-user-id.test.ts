import { describe, expect, it } from 'vitest';
import { isAgentExternalUserId } from './is-agent-external-user-id';

describe('isAgentExternalUserId', () => {
  it.each<[string, boolean]>([
    ['agent', true],
    ['b3f1c2d4-agent', true],
    ['contact-1#agent', true],
    ['customer', false],
    ['b3f1c2d4-customer', false],
    ['agent-customer', false],
    ['', false],
    // The rule is inferred from Amazon's samples, which compare case-sensitively.
    ['b3f1c2d4-AGENT', false],
  ])('%j -> %s', (id, expected) => {
    expect(isAgentExternalUserId(id)).toBe(expected);
  });
});
