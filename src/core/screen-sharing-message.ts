/** The Chime data-message topic Connect uses for the contact's screen-sharing session. */
export const SCREEN_SHARING_TOPIC = 'AMAZON_CONNECT_SCREEN_SHARING';

export type ScreenSharingEvent = 'started' | 'stopped';

/**
 * Reads a message on `AMAZON_CONNECT_SCREEN_SHARING` (`{"message":"ScreenSharingStarted"}` or
 * `"ScreenSharingStopped"`, connect-webrtc.md step 6) from the Chime `DataMessage.data` bytes or
 * its text. Anything else is `undefined`: a data message comes from the network and must never
 * throw inside the SDK's observer.
 */
export function parseScreenSharingMessage(
  data: Uint8Array | ArrayBuffer | string | unknown,
): ScreenSharingEvent | undefined {
  let text: string;
  if (typeof data === 'string') text = data;
  else if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    text = new TextDecoder().decode(data);
  } else return undefined;

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const message = (json as { message?: unknown }).message;
  if (message === 'ScreenSharingStarted') return 'started';
  if (message === 'ScreenSharingStopped') return 'stopped';
  return undefined;
}
