/**
 * Devices, framework-free: the lists the pickers show, the customer's choice (remembered in
 * localStorage for the next visit), the fallback when a device goes away, and what a getUserMedia
 * failure means for the customer. The media layer feeds it; the UI reads it.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals-core';

export type DeviceKind = 'microphone' | 'camera' | 'speaker';

/** The part of MediaDeviceInfo the widget uses. */
export interface DeviceInfo {
  deviceId: string;
  label: string;
}

export interface DeviceLists {
  microphones: DeviceInfo[];
  cameras: DeviceInfo[];
  speakers: DeviceInfo[];
}

export type DeviceChoice = Partial<Record<DeviceKind, string>>;

/** Why a microphone or camera could not be opened; each has its own message and remedy. */
export type DeviceProblem = 'media-permission-denied' | 'no-device' | 'device-busy';

export const EMPTY_DEVICE_LISTS: DeviceLists = { microphones: [], cameras: [], speakers: [] };

const LIST: Record<DeviceKind, keyof DeviceLists> = {
  microphone: 'microphones',
  camera: 'cameras',
  speaker: 'speakers',
};

export const listOf = (lists: DeviceLists, kind: DeviceKind): DeviceInfo[] => lists[LIST[kind]];

/**
 * getUserMedia's DOMException names, as what the customer can do about them
 * (https://w3c.github.io/mediacapture-main/#dom-mediadevices-getusermedia). The Chime SDK wraps
 * them in errors of the same meaning (PermissionDeniedError, NotFoundError, NotReadableError).
 */
export function classifyMediaError(error: unknown): DeviceProblem {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'media-permission-denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no-device';
    default:
      // NotReadableError, AbortError and the rest: the device exists but could not be opened.
      return 'device-busy';
  }
}

/**
 * The device to use: the preferred one while it is present, else the first other than `avoid`
 * (the one that just stopped), else `avoid` itself if it is still listed (it may have been taken
 * by another app for a moment), else none.
 */
export function pickDevice(
  available: readonly DeviceInfo[],
  preferred?: string,
  avoid?: string,
): string | undefined {
  if (preferred && preferred !== avoid && available.some((d) => d.deviceId === preferred)) {
    return preferred;
  }
  return (available.find((d) => d.deviceId !== avoid) ?? available[0])?.deviceId;
}

export const DEVICE_CHOICE_KEY = 'connect-video:devices';

/** The choice from the last visit. Storage may be missing or blocked (private mode, iframes). */
export function readDeviceChoice(storage: Storage | undefined = safeLocalStorage()): DeviceChoice {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(DEVICE_CHOICE_KEY) ?? '{}');
    const choice: DeviceChoice = {};
    if (typeof parsed !== 'object' || parsed === null) return choice;
    for (const kind of ['microphone', 'camera', 'speaker'] as const) {
      const id = (parsed as Record<string, unknown>)[kind];
      if (typeof id === 'string' && id) choice[kind] = id;
    }
    return choice;
  } catch {
    return {};
  }
}

export function writeDeviceChoice(
  choice: DeviceChoice,
  storage: Storage | undefined = safeLocalStorage(),
): void {
  try {
    storage?.setItem(DEVICE_CHOICE_KEY, JSON.stringify(choice));
  } catch {
    // Full or blocked storage: the choice holds for this visit only.
  }
}

function safeLocalStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export interface DeviceModel {
  readonly lists: ReadonlySignal<DeviceLists>;
  /** What the customer chose (remembered); a chosen device may be absent right now. */
  readonly choice: ReadonlySignal<DeviceChoice>;
  /**
   * The device to use and show: the choice while it is present, else the first; with no list yet
   * (before the browser was asked), the choice as it is.
   */
  readonly selected: ReadonlySignal<DeviceChoice>;
  /** The customer picked a device: used now and remembered. */
  choose(kind: DeviceKind, deviceId: string): void;
  /** Devices were plugged in or out. */
  setLists(lists: DeviceLists): void;
}

export function createDeviceModel(storage?: Storage): DeviceModel {
  const lists = signal<DeviceLists>(EMPTY_DEVICE_LISTS);
  const choice = signal<DeviceChoice>(readDeviceChoice(storage));
  const selected = computed(() => {
    const result: DeviceChoice = {};
    for (const kind of ['microphone', 'camera', 'speaker'] as const) {
      const available = listOf(lists.value, kind);
      const id = available.length ? pickDevice(available, choice.value[kind]) : choice.value[kind];
      if (id !== undefined) result[kind] = id;
    }
    return result;
  });
  return {
    lists,
    choice,
    selected,
    choose(kind, deviceId) {
      choice.value = { ...choice.value, [kind]: deviceId };
      writeDeviceChoice(choice.value, storage);
    },
    setLists(next) {
      lists.value = next;
    },
  };
}
