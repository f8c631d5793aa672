import { useEffect, useRef } from 'preact/hooks';
import { inlineVideo } from './inline-video';
import { DevicePickers } from './device-pickers';
import { DeviceProblem } from './device-problem';
import { useLocale, useMessages } from './i18n';
import type { WidgetController } from './widget-controller';

/** Camera preview, microphone level, pickers and a test sound, before the call. */
export function DeviceCheckView({ controller }: { controller: WidgetController }) {
  const messages = useMessages();
  const locale = useLocale();
  const check = controller.deviceCheck.value;
  const video = useRef<HTMLVideoElement>(null);
  // With a background effect on, the preview shows the camera as the agent will see it.
  const camera = check?.stream.value;
  const stream = check?.preview.value ?? camera;
  const problems = check?.problems.value ?? {};
  const level = check?.level.value ?? 0;
  const showCamera = controller.config.customerVideo;
  const hasVideo = !!camera?.getVideoTracks().length;
  useEffect(() => {
    if (video.current && video.current.srcObject !== (stream ?? null)) {
      video.current.srcObject = stream ?? null;
    }
  }, [stream, hasVideo]);
  const retry = () => controller.checkDevices();
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).format(level);
  return (
    <div class="connect-video-check">
      <h3 class="connect-video-subtitle" tabIndex={-1} data-autofocus>
        {messages.deviceCheckTitle}
      </h3>
      {problems.microphone || problems.camera ? (
        <div role="alert" class="connect-video-problems">
          {problems.microphone ? (
            <DeviceProblem device="microphone" problem={problems.microphone} />
          ) : null}
          {/* One prompt blocked both: one message, whose remedy names both devices. */}
          {problems.camera &&
          !(
            problems.camera === 'media-permission-denied' && problems.microphone === problems.camera
          ) ? (
            <DeviceProblem
              device="camera"
              problem={problems.camera}
              audioOnly={!problems.microphone}
            />
          ) : null}
        </div>
      ) : null}
      {showCamera && hasVideo ? (
        <video
          ref={video}
          class="connect-video-preview"
          {...inlineVideo}
          aria-label={messages.cameraPreview}
        />
      ) : null}
      {!problems.microphone ? (
        <div class="connect-video-field">
          <span id="connect-video-level-label">{messages.microphoneLevel}</span>
          <div
            class="connect-video-meter"
            role="meter"
            aria-labelledby="connect-video-level-label"
            aria-describedby="connect-video-level-hint"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(level * 100)}
            aria-valuetext={percent}
          >
            <div class="connect-video-meter-bar" style={{ width: `${level * 100}%` }} />
          </div>
          <span id="connect-video-level-hint" class="connect-video-hint-text">
            {messages.microphoneLevelHint}
          </span>
        </div>
      ) : null}
      {check ? (
        <DevicePickers
          idPrefix="connect-video-check"
          lists={controller.devices.lists.value}
          selected={{ ...controller.devices.selected.value, ...definedOnly(check.inUse.value) }}
          showCamera={showCamera}
          onChoose={(kind, id) => void controller.chooseDevice(kind, id).catch(() => undefined)}
          background={hasVideo ? controller.background.value : undefined}
        />
      ) : null}
      {problems.microphone ? null : (
        <button
          type="button"
          data-control="test-sound"
          onClick={() => void check?.playTestSound(controller.devices.selected.peek().speaker)}
        >
          {messages.playTestSound}
        </button>
      )}
      <div class="connect-video-actions">
        {problems.microphone ? (
          <button type="button" class="connect-video-primary" onClick={retry}>
            {messages.tryAgain}
          </button>
        ) : problems.camera ? (
          <>
            <button
              type="button"
              class="connect-video-primary"
              data-control="join-audio-only"
              onClick={() => controller.join({ audioOnly: true })}
            >
              {messages.joinAudioOnly}
            </button>
            <button type="button" onClick={retry}>
              {messages.tryAgain}
            </button>
          </>
        ) : (
          <button
            type="button"
            class="connect-video-primary"
            data-control="start"
            onClick={() => controller.join()}
          >
            {messages.startCall}
          </button>
        )}
        <button type="button" onClick={controller.back}>
          {messages.back}
        </button>
      </div>
    </div>
  );
}

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
