/**
 * What went wrong, in AWS's words: the SDK error's name (AccessDeniedException...), or for a socket
 * failure, which arrives as a plain Error, its `code` (ECONNREFUSED...). Never the message, which
 * can carry the account's ARNs.
 */
export function awsErrorName(error: unknown): string | undefined {
  const e = error as { name?: unknown; code?: unknown } | null | undefined;
  if (typeof e?.name === 'string' && e.name !== 'Error') return e.name;
  return typeof e?.code === 'string' ? e.code : undefined;
}
