import { useEffect, useState } from 'preact/hooks';
import { format } from './messages';
import { useMessages } from './i18n';

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${two(minutes)}:${two(seconds)}`;
}

/** Ticks once a second only while it is shown: a quiet call renders nothing else. */
export function CallTimer({ startedAt }: { startedAt: number }) {
  const messages = useMessages();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = formatDuration(now - startedAt);
  return (
    <span
      class="connect-video-timer"
      role="timer"
      aria-label={format(messages.callTimer, { time: text })}
    >
      {text}
    </span>
  );
}
