import { describe, expect, it } from 'vitest';
import { formatDuration } from './call-timer';

describe('formatDuration', () => {
  it.each([
    [0, 'en-US', '00:00'],
    [65_000, 'en-US', '01:05'],
    [3_725_000, 'en-US', '1:02:05'],
    [-5, 'en-US', '00:00'],
    [65_000, 'de-DE', '01:05'],
    [36_000_000, 'ja-JP', '10:00:00'],
    // Locales with their own digits get them (the widget's ten use Latin digits).
    [65_000, 'ar-EG', '٠١:٠٥'],
  ])('%i ms in %s is %s', (ms, locale, expected) => {
    expect(formatDuration(ms, locale)).toBe(expected);
  });
});
