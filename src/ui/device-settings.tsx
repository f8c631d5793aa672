import { useMessages } from './i18n';
import type { CallSession } from '../media/call-session';

/** Microphone, camera and speaker pickers for the call in progress. */
export function DeviceSettings({
  session,
  showCamera,
  onClose,
}: {
  session: CallSession;
  showCamera: boolean;
  onClose: () => void;
}) {
  const messages = useMessages();
  const { microphones, cameras, speakers } = session.devices.value;
  const picker = (
    id: string,
    label: string,
    devices: MediaDeviceInfo[],
    choose: (deviceId: string) => Promise<void>,
  ) =>
    devices.length ? (
      <div class="connect-video-field">
        <label for={id}>{label}</label>
        <select id={id} onChange={(e) => void choose((e.target as HTMLSelectElement).value)}>
          {devices.map((d, i) => (
            <option value={d.deviceId} key={d.deviceId || i}>
              {d.label || `${label} ${i + 1}`}
            </option>
          ))}
        </select>
      </div>
    ) : null;
  return (
    <div
      class="connect-video-popover"
      role="dialog"
      aria-label={messages.settingsTitle}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {picker('connect-video-mic', messages.microphone, microphones, session.chooseMicrophone)}
      {showCamera
        ? picker('connect-video-camera', messages.camera, cameras, session.chooseCamera)
        : null}
      {picker('connect-video-speaker', messages.speaker, speakers, session.chooseSpeaker)}
    </div>
  );
}
