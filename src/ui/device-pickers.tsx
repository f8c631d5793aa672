import type { DeviceChoice, DeviceInfo, DeviceKind, DeviceLists } from '../core/devices';
import type { BackgroundOption } from '../media/background/background-option';
import { mediaAbilities } from '../core/media-abilities';
import { useMessages } from './i18n';
import { format } from './messages';

/**
 * Microphone, camera and speaker pickers, for the device check and the call's settings. A picker
 * shows only when there is something to pick; the speaker only where the browser can choose one
 * (the lists leave speakers empty otherwise). Firefox, too, lists its speakers once the microphone
 * is allowed, which the widget asks for before any picker shows.
 */
export function DevicePickers({
  lists,
  selected,
  showCamera,
  onChoose,
  idPrefix,
  background,
}: {
  lists: DeviceLists;
  selected: DeviceChoice;
  showCamera: boolean;
  onChoose: (kind: DeviceKind, deviceId: string) => void;
  idPrefix: string;
  /** The background effect's picker (from the media chunk), shown with the camera's. */
  background?: BackgroundOption | undefined;
}) {
  const messages = useMessages();
  const picker = (kind: DeviceKind, label: string, devices: DeviceInfo[]) =>
    devices.length ? (
      <div class="connect-video-field">
        <label for={`${idPrefix}-${kind}`}>{label}</label>
        <select
          id={`${idPrefix}-${kind}`}
          data-device={kind}
          value={selected[kind] ?? devices[0]?.deviceId}
          onChange={(e) => onChoose(kind, (e.target as HTMLSelectElement).value)}
        >
          {devices.map((d, i) => (
            <option value={d.deviceId} key={d.deviceId}>
              {d.label || format(messages.deviceNumbered, { device: label, number: i + 1 })}
            </option>
          ))}
        </select>
      </div>
    ) : null;
  return (
    <>
      {picker('microphone', messages.microphone, lists.microphones)}
      {showCamera ? picker('camera', messages.camera, lists.cameras) : null}
      {mediaAbilities().chooseSpeaker ? picker('speaker', messages.speaker, lists.speakers) : null}
      {showCamera && background && (
        <background.Picker model={background.model} idPrefix={idPrefix} />
      )}
    </>
  );
}
