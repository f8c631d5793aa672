import { describe, expect, it } from 'vitest';
import { MAX_DTMF_LENGTH, normalizeDtmf, type DtmfResult } from './dtmf';

describe('normalizeDtmf', () => {
  it.each<[string, DtmfResult]>([
    ['1', { ok: true, digits: '1' }],
    ['0123456789*#', { ok: true, digits: '0123456789*#' }],
    ['1,,2', { ok: true, digits: '1,,2' }],
    [' 12 34 ', { ok: true, digits: '1234' }],
    ['(555) 123-4567', { ok: true, digits: '5551234567' }],
    ['1.2\t3\n', { ok: true, digits: '123' }],
    ['', { ok: false, reason: 'empty' }],
    ['  - ', { ok: false, reason: 'empty' }],
    ['12a', { ok: false, reason: 'invalid-character', character: 'a' }],
    ['+44', { ok: false, reason: 'invalid-character', character: '+' }],
    ['1;2', { ok: false, reason: 'invalid-character', character: ';' }],
    ['١٢', { ok: false, reason: 'invalid-character', character: '١' }],
    ['😀', { ok: false, reason: 'invalid-character', character: '😀' }],
    ['1'.repeat(MAX_DTMF_LENGTH), { ok: true, digits: '1'.repeat(MAX_DTMF_LENGTH) }],
    ['1'.repeat(MAX_DTMF_LENGTH + 1), { ok: false, reason: 'too-long' }],
    // Separators do not count against the limit.
    [`${'1'.repeat(MAX_DTMF_LENGTH)}  `, { ok: true, digits: '1'.repeat(MAX_DTMF_LENGTH) }],
  ])('%j', (input, expected) => {
    expect(normalizeDtmf(input)).toEqual(expected);
  });
});
