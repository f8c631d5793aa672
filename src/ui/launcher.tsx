import { useMessages } from './i18n';
import { Icon } from './icons';
import type { WidgetController } from './widget-controller';

export function Launcher({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const { channels } = controller.config;
  const chatOnly = !channels.includes('video');
  const label =
    channels.length > 1
      ? messages.launcherLabelBoth
      : chatOnly
        ? messages.launcherLabelChat
        : messages.launcherLabel;
  return (
    <button
      type="button"
      class="connect-video-launcher"
      data-control="launcher"
      onClick={() => controller.open()}
      onPointerEnter={() => chatOnly || controller.prefetch()}
      onFocus={() => chatOnly || controller.prefetch()}
    >
      <Icon name={chatOnly ? 'chat' : 'video'} />
      <span>{label}</span>
    </button>
  );
}
