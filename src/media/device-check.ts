/**
 * The pre-call device check, on plain `navigator.mediaDevices` (no Chime SDK: it runs before there
 * is a meeting). It asks for the microphone and, when the call may use it, the camera; tells which
 * one failed and why; shows a preview and a live microphone level; switches devices; and plays a
 * test sound on the chosen speaker where the browser can choose one.
 */
import { effect, signal, type ReadonlySignal } from '@preact/signals-core';
import {
  classifyMediaError,
  EMPTY_DEVICE_LISTS,
  type DeviceChoice,
  type DeviceInfo,
  type DeviceKind,
  type DeviceLists,
  type DeviceProblem,
} from '../core/devices';
import { mediaAbilities } from '../core/media-abilities';
import type { BackgroundOption } from './background/background-option';
import type { BackgroundPreview } from './background/background-module';

export interface DeviceProblems {
  microphone?: DeviceProblem;
  camera?: DeviceProblem;
}

export interface DeviceCheck {
  /** The microphone and camera tracks while the check runs. */
  readonly stream: ReadonlySignal<MediaStream | undefined>;
  /** The microphone's level, 0 to 1, a few times a second. */
  readonly level: ReadonlySignal<number>;
  readonly devices: ReadonlySignal<DeviceLists>;
  readonly problems: ReadonlySignal<DeviceProblems>;
  /** The devices actually open (the browser may pick another than asked). */
  readonly inUse: ReadonlySignal<DeviceChoice>;
  /** The camera with the background effect, while one is on (else the preview is `stream`). */
  readonly preview: ReadonlySignal<MediaStream | undefined>;

  /** Asks the browser (the permission prompt, the first time). */
  start(): Promise<DeviceProblems>;
  use(kind: Exclude<DeviceKind, 'speaker'>, deviceId: string): Promise<void>;
  /** Plays a short chime on the speaker (`deviceId`, or the default). */
  playTestSound(speakerId?: string): Promise<void>;
  /** Every track stopped, listeners removed. */
  stop(): void;
}

/** Whether the page can choose the speaker (see MediaAbilities). */
export const canChooseSpeaker = (): boolean => mediaAbilities().chooseSpeaker;

/** Whether the page can ask for media at all (secure context, a browser with getUserMedia). */
export const canUseMedia = (): boolean => !!navigator.mediaDevices?.getUserMedia;

export async function listMediaDevices(): Promise<DeviceLists> {
  if (!navigator.mediaDevices?.enumerateDevices) return EMPTY_DEVICE_LISTS;
  const all = await navigator.mediaDevices.enumerateDevices();
  const of = (kind: MediaDeviceKind): DeviceInfo[] =>
    all
      .filter((d) => d.kind === kind && d.deviceId)
      .map((d) => ({ deviceId: d.deviceId, label: d.label }));
  return {
    microphones: of('audioinput'),
    cameras: of('videoinput'),
    speakers: canChooseSpeaker() ? of('audiooutput') : [],
  };
}

/** Calls `listener` with fresh lists whenever a device is plugged in or out; returns the cleanup. */
export function watchMediaDevices(listener: (lists: DeviceLists) => void): () => void {
  const devices = navigator.mediaDevices;
  if (!devices?.addEventListener) return () => undefined;
  const changed = () => void listMediaDevices().then(listener, () => undefined);
  devices.addEventListener('devicechange', changed);
  return () => devices.removeEventListener('devicechange', changed);
}

// `exact`, not `ideal`: Chromium may ignore an ideal deviceId and open the default device.
const constraint = (deviceId: string | undefined): MediaTrackConstraints | true =>
  deviceId ? { deviceId: { exact: deviceId } } : true;

export function createDeviceCheck(options: {
  /** Ask for the camera too (the call may send video). */
  video: boolean;
  preferred: DeviceChoice;
  /** The customer's background effect, shown in `preview`. */
  background?: BackgroundOption | undefined;
}): DeviceCheck {
  const stream = signal<MediaStream | undefined>(undefined);
  const level = signal(0);
  const devices = signal<DeviceLists>(EMPTY_DEVICE_LISTS);
  const problems = signal<DeviceProblems>({});
  const inUse = signal<DeviceChoice>({});
  const preview = signal<MediaStream | undefined>(undefined);
  const cleanups: (() => void)[] = [];
  let previewing:
    { track: MediaStreamTrack; preview: Promise<BackgroundPreview | undefined> } | undefined;

  /** The preview follows the camera track and the effect; off, it is the camera itself. */
  const updatePreview = async () => {
    const model = options.background?.model;
    const chosen = model?.effect.peek() ?? 'off';
    const track = stream.peek()?.getVideoTracks()[0];
    const current = previewing;
    if (current && (chosen === 'off' || current.track !== track || stopped)) {
      previewing = undefined;
      preview.value = undefined;
      (await current.preview)?.stop();
    }
    if (!model || chosen === 'off' || !track || stopped) return;
    if (previewing) return void (await previewing.preview)?.setEffect(chosen);
    const onProblem = model.turnOff;
    const started = import('./background/background-module')
      .then(({ createBackgroundPreview }) =>
        createBackgroundPreview(track, {
          effect: chosen,
          backdrops: model.backdrops,
          onProblem,
        }),
      )
      .catch((error: unknown) => {
        console.error('[connect-video] the background effect could not start:', error);
        onProblem('failed');
        return undefined;
      });
    previewing = { track, preview: started };
    const ready = await started;
    if (previewing?.preview === started) preview.value = ready?.stream;
    else ready?.stop();
  };
  let stopped = false;
  let meter:
    { context: AudioContext; source?: MediaStreamAudioSourceNode; frame: number } | undefined;

  const refreshDevices = async () => {
    devices.value = await listMediaDevices().catch(() => EMPTY_DEVICE_LISTS);
  };

  const trackDevice = (track: MediaStreamTrack | undefined) => track?.getSettings().deviceId;

  const publish = (next: MediaStream) => {
    stream.value = next;
    inUse.value = {
      microphone: trackDevice(next.getAudioTracks()[0]),
      camera: trackDevice(next.getVideoTracks()[0]),
    };
    measure(next.getAudioTracks()[0]);
    void updatePreview();
  };

  // The level meter: the loudest sample of each frame, smoothed, published ten times a second so
  // that the UI re-renders rarely.
  const measure = (track: MediaStreamTrack | undefined) => {
    if (meter) {
      meter.source?.disconnect();
      cancelAnimationFrame(meter.frame);
    }
    if (!track || typeof AudioContext === 'undefined') return;
    const context = meter?.context ?? new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let smoothed = 0;
    let lastPublished = 0;
    const tick = (time: number) => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      smoothed = Math.max(peak, smoothed * 0.85);
      if (time - lastPublished > 100) {
        lastPublished = time;
        level.value = Math.min(1, Math.round(smoothed * 20) / 20);
      }
      if (meter) meter.frame = requestAnimationFrame(tick);
    };
    meter = { context, source, frame: requestAnimationFrame(tick) };
    // Autoplay rules may start the context suspended; the customer has just clicked, so resume.
    void context.resume().catch(() => undefined);
  };

  const stopTracks = (s: MediaStream | undefined, kind?: 'audio' | 'video') => {
    for (const track of s?.getTracks() ?? []) if (!kind || track.kind === kind) track.stop();
  };

  const check: DeviceCheck = {
    stream,
    level,
    devices,
    problems,
    inUse,
    preview,
    async start() {
      const gum = (c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c);
      const audio = constraint(options.preferred.microphone);
      const video = constraint(options.preferred.camera);
      const found: DeviceProblems = {};
      let result: MediaStream | undefined;
      if (!canUseMedia()) {
        found.microphone = 'no-device';
        if (options.video) found.camera = 'no-device';
      } else {
        try {
          // One prompt for both when the call may use the camera.
          result = await gum(options.video ? { audio, video } : { audio });
        } catch (both) {
          // Tell which device failed by asking for each on its own; a remembered device that is
          // gone gives way to the default one.
          const one = async (kind: 'audio' | 'video', preferred: MediaTrackConstraints | true) =>
            gum({ [kind]: preferred }).catch((error: unknown) =>
              preferred === true ? Promise.reject(error) : gum({ [kind]: true }),
            );
          result = await one('audio', audio).catch((error: unknown) => {
            found.microphone = classifyMediaError(error);
            return undefined;
          });
          if (options.video) {
            const camera = await one('video', video).catch((error: unknown) => {
              found.camera = classifyMediaError(error);
              return undefined;
            });
            if (camera && result) camera.getVideoTracks().forEach((t) => result!.addTrack(t));
            else if (camera) result = camera;
          }
          if (!found.microphone && !found.camera && !result) {
            found.microphone = classifyMediaError(both);
          }
        }
      }
      if (stopped) {
        stopTracks(result);
        return found;
      }
      problems.value = found;
      if (result) publish(result);
      // Labels are only readable once a permission was granted: list after asking.
      await refreshDevices();
      cleanups.push(watchMediaDevices((lists) => (devices.value = lists)));
      const background = options.background?.model;
      if (background)
        cleanups.push(
          effect(() => {
            void background.effect.value;
            void updatePreview();
          }),
        );
      return found;
    },
    async use(kind, deviceId) {
      const current = stream.peek();
      const trackKind = kind === 'microphone' ? 'audio' : 'video';
      const fresh = await navigator.mediaDevices.getUserMedia({
        [trackKind]: { deviceId: { exact: deviceId } },
      });
      if (stopped) return stopTracks(fresh);
      const next = new MediaStream([
        ...(current?.getTracks().filter((t) => t.kind !== trackKind) ?? []),
        ...fresh.getTracks(),
      ]);
      stopTracks(current, trackKind);
      problems.value = { ...problems.peek(), [kind]: undefined };
      publish(next);
    },
    async playTestSound(speakerId) {
      const context = new AudioContext();
      const destination = context.createMediaStreamDestination();
      const now = context.currentTime;
      // Two soft notes, like a doorbell: audible on small speakers, never harsh.
      for (const [frequency, at] of [
        [660, 0],
        [880, 0.35],
      ] as const) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0, now + at);
        gain.gain.linearRampToValueAtTime(0.3, now + at + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.001, now + at + 0.6);
        oscillator.connect(gain).connect(destination);
        oscillator.start(now + at);
        oscillator.stop(now + at + 0.65);
      }
      const element = new Audio();
      element.srcObject = destination.stream;
      if (speakerId && canChooseSpeaker()) {
        await (element as HTMLAudioElement & { setSinkId(id: string): Promise<void> })
          .setSinkId(speakerId)
          .catch(() => undefined);
      }
      await element.play().catch(() => undefined);
      setTimeout(() => {
        element.pause();
        element.srcObject = null;
        void context.close();
      }, 1200);
    },
    stop() {
      stopped = true;
      stopTracks(stream.peek());
      stream.value = undefined;
      void updatePreview();
      if (meter) {
        cancelAnimationFrame(meter.frame);
        meter.source?.disconnect();
        void meter.context.close().catch(() => undefined);
        meter = undefined;
      }
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
  return check;
}
