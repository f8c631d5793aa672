import { useEffect, useState } from 'preact/hooks';
import { format } from './messages';
import { useLocale, useMessages } from './i18n';

/** `05:09` or `1:05:09`, with the locale's digits. */
export function formatDuration(ms: number, locale?: string): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const one = new Intl.NumberFormat(locale, { useGrouping: false });
  return hours > 0
    ? `${one.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${two.format(minutes)}:${two.format(seconds)}`;
}

/**
 * Ticks once a second only while it is shown: a quiet call renders nothing else. `label` is the
 * accessible name's template (`{time}`), the call time's by default.
 */
export function CallTimer({ startedAt, label }: { startedAt: number; label?: string }) {
  const messages = useMessages();
  const locale = useLocale();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = formatDuration(now - startedAt, locale);
  return (
    <span
      class="connect-video-timer"
      role="timer"
      aria-label={format(label ?? messages.callTimer, { time: text })}
    >
      {text}
    </span>
  );
}
