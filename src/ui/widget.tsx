// Installs the Preact integration: components re-render when a signal they read changes.
import '@preact/signals';
import { Launcher } from './launcher';
import { LiveRegion } from './live-region';
import { MessagesProvider } from './i18n';
import type { Messages } from './messages';
import { Panel } from './panel';
import type { WidgetController } from './widget-controller';

export interface WidgetProps {
  controller: WidgetController;
  messages: Messages;
  /** The host shows its own launcher button and calls open()/start(). */
  hideLauncher?: boolean;
}

/** The whole widget: the launcher, the panel and the live region, for one controller. */
export function Widget({ controller, messages, hideLauncher }: WidgetProps) {
  const { config } = controller;
  return (
    <MessagesProvider value={messages}>
      <div class="connect-video-root" data-position={config.position} data-theme={config.theme}>
        {controller.isOpen.value ? (
          <Panel controller={controller} />
        ) : hideLauncher ? null : (
          <Launcher controller={controller} />
        )}
        <LiveRegion controller={controller} />
      </div>
    </MessagesProvider>
  );
}
