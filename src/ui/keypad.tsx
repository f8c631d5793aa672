import { useRef } from 'preact/hooks';
import { format } from './messages';
import { useMessages } from './i18n';
import { useFocusOnMount } from './use-focus-on-mount';
import type { CallSession } from '../media/call-session';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** A DTMF keypad: each press sends one tone through Connect's participant service. */
export function Keypad({ session, onClose }: { session: CallSession; onClose: () => void }) {
  const messages = useMessages();
  const sent = session.dtmfSent.value;
  const root = useRef<HTMLDivElement>(null);
  useFocusOnMount(root);
  return (
    <div
      ref={root}
      class="connect-video-popover connect-video-keypad"
      role="dialog"
      aria-label={messages.keypadTitle}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        } else if (
          KEYS.includes(e.key) &&
          !(e.target instanceof HTMLButtonElement && e.key === ' ')
        ) {
          void session.sendDtmf(e.key);
        }
      }}
    >
      <output class="connect-video-dtmf" aria-live="polite">
        {sent ? format(messages.dtmfSent, { digits: sent }) : ''}
      </output>
      <div class="connect-video-keys">
        {KEYS.map((key, index) => (
          <button
            type="button"
            key={key}
            data-key={key}
            data-autofocus={index === 0 ? true : undefined}
            onClick={() => void session.sendDtmf(key)}
          >
            {key}
          </button>
        ))}
      </div>
    </div>
  );
}
