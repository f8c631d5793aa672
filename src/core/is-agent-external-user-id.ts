/**
 * Whether a Chime attendee is the Connect agent: its `externalUserId` ends with `agent`.
 * This is how Amazon's own in-app calling samples decide it; Connect does not document it, so it is
 * inferred (connect-webrtc.md step 3) and kept here, in one place, to be easy to change.
 */
export function isAgentExternalUserId(externalUserId: string): boolean {
  return externalUserId.endsWith('agent');
}
