import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after';

const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');

describe('parseRetryAfter', () => {
  it.each<[string | null | undefined, number | undefined]>([
    ['0', 0],
    ['7', 7000],
    [' 120 ', 120_000],
    ['Wed, 21 Oct 2015 07:28:05 GMT', 5000],
    ['Wed, 21 Oct 2015 07:30:00 GMT', 120_000],
    // A date in the past means "now".
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    [null, undefined],
    [undefined, undefined],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ])('%j -> %s', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
