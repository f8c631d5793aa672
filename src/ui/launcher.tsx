import { useMessages } from './i18n';
import { Icon } from './icons';
import type { WidgetController } from './widget-controller';

export function Launcher({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  return (
    <button
      type="button"
      class="connect-video-launcher"
      data-control="launcher"
      onClick={() => controller.open()}
      onPointerEnter={() => controller.prefetch()}
      onFocus={() => controller.prefetch()}
    >
      <Icon name="video" />
      <span>{messages.launcherLabel}</span>
    </button>
  );
}
