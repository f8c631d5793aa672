import type { DeviceProblem as Problem } from '../core/devices';
import { browserFamily } from './browser-family';
import { useMessages } from './i18n';
import type { MessageKey } from './messages';

/** What went wrong with the microphone or camera, and what to do about it in this browser. */
export function DeviceProblem({
  device,
  problem,
  audioOnly,
}: {
  device: 'microphone' | 'camera';
  problem: Problem;
  /** The camera failed but the microphone works: say the call can go on without video. */
  audioOnly?: boolean;
}) {
  const messages = useMessages();
  const fix: MessageKey =
    problem === 'media-permission-denied'
      ? `fix.denied.${browserFamily(navigator.userAgent)}`
      : `fix.${problem}`;
  return (
    <div class="connect-video-problem-box" data-problem={problem} data-device={device}>
      <p class="connect-video-problem-title">{messages[`problem.${device}.${problem}`]}</p>
      <p>{messages[fix]}</p>
      {audioOnly ? <p>{messages.audioOnlyHint}</p> : null}
    </div>
  );
}
