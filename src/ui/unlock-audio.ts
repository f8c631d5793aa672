/**
 * Safari, and every browser on iOS, plays a media element's sound only when that element was first
 * played inside a user gesture, and the call's stream arrives seconds after the click, once the
 * call has joined. So the element starts on an empty stream inside the customer's click; the SDK's
 * `bindAudioElement` later swaps in the call's stream, and the contact flow's greeting is heard as
 * soon as it plays. Chrome and Firefox would let a clicked page play it anyway.
 */
export function unlockAudio(
  element: HTMLMediaElement,
  createStream: (() => MediaStream) | undefined = typeof MediaStream === 'undefined'
    ? undefined
    : () => new MediaStream(),
): void {
  if (element.srcObject || !createStream) return;
  element.srcObject = createStream();
  // Refused outside a gesture (a rejoin after a reload): the SDK's own play() tries again later.
  element.play().catch(() => undefined);
}
