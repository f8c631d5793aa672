import { useRef } from 'preact/hooks';
import { DevicePickers } from './device-pickers';
import { useMessages } from './i18n';
import { useFocusOnMount } from './use-focus-on-mount';
import type { WidgetController } from './widget-controller';
import type { CallSession } from '../media/call-session';

/** Microphone, camera and speaker pickers for the call in progress. */
export function DeviceSettings({
  controller,
  session,
  showCamera,
  onClose,
}: {
  controller: WidgetController;
  session: CallSession;
  showCamera: boolean;
  onClose: () => void;
}) {
  const messages = useMessages();
  const root = useRef<HTMLDivElement>(null);
  useFocusOnMount(root);
  const inUse = session.inUse.value;
  const selected = { ...controller.devices.selected.value };
  for (const kind of ['microphone', 'camera', 'speaker'] as const) {
    if (inUse[kind]) selected[kind] = inUse[kind];
  }
  return (
    <div
      ref={root}
      class="connect-video-popover"
      role="dialog"
      aria-label={messages.settingsTitle}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <DevicePickers
        idPrefix="connect-video-settings"
        lists={session.devices.value}
        selected={selected}
        showCamera={showCamera}
        onChoose={(kind, id) => void controller.chooseDevice(kind, id).catch(() => undefined)}
        background={controller.background.value}
      />
    </div>
  );
}
