// Installs the Preact integration: components re-render when a signal they read changes.
import '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Launcher } from './launcher';
import { LiveRegion } from './live-region';
import { MessagesProvider } from './i18n';
import type { Messages } from './messages';
import { Panel } from './panel';
import type { WidgetController } from './widget-controller';

export interface WidgetProps {
  controller: WidgetController;
  messages: Messages;
  /** A BCP 47 tag: the `lang` of the widget's content and the format of its numbers. */
  locale?: string;
  /** The host shows its own launcher button and calls open()/start(). */
  hideLauncher?: boolean;
}

/** The whole widget: the launcher, the panel and the live region, for one controller. */
export function Widget({ controller, messages, locale = 'en-US', hideLauncher }: WidgetProps) {
  const { config } = controller;
  const open = controller.isOpen.value;
  const root = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    // Closing the panel puts focus back on the launcher, not on the page's <body>.
    if (wasOpen.current && !open) {
      root.current?.querySelector<HTMLElement>('[data-control="launcher"]')?.focus();
    }
    wasOpen.current = open;
  }, [open]);
  return (
    <MessagesProvider value={{ messages, locale }}>
      <div
        ref={root}
        class="connect-video-root"
        lang={locale}
        data-position={config.position}
        data-theme={config.theme}
        data-open={open}
        data-minimized={controller.minimized.value}
      >
        {open ? (
          <Panel controller={controller} />
        ) : hideLauncher ? null : (
          <Launcher controller={controller} />
        )}
        <LiveRegion controller={controller} />
      </div>
    </MessagesProvider>
  );
}
