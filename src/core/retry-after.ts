/**
 * Milliseconds to wait according to an HTTP `Retry-After` header: either delay-seconds or an
 * HTTP-date (RFC 9110 §10.2.3). `undefined` when absent or unreadable; never negative.
 */
export function parseRetryAfter(
  header: string | null | undefined,
  now: number,
): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Date.parse also reads things that are not HTTP-dates (e.g. "2"), so only try it on text that
  // contains a letter, as every IMF-fixdate and obsolete date format does.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
