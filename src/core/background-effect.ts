/**
 * The customer's background effect, framework-free: off, blur (two strengths) or a replacement
 * image (built-in or one of the host's `backgroundImages`). Remembered beside the device choice,
 * under a key of its own (BACKGROUND_CHOICE_KEY), so that the next visit starts with it. Whether the browser can do it is
 * decided by the media layer (backgroundSupport), which also turns it off when it is too slow.
 */
import { computed, signal, type ReadonlySignal } from '@preact/signals-core';

/**
 * Beside the devices' DEVICE_CHOICE_KEY, a key of its own: neither overwrites the other, and the
 * panel's device code (in the panel's budget) knows nothing of the effect.
 */
export const BACKGROUND_CHOICE_KEY = 'connect-video:background';

/** Storage may be missing or blocked (private mode, iframes): the choice then lasts one visit. */
function localStorageOrNone(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export type BackgroundEffect = 'off' | 'blur-low' | 'blur-high' | `replace:${string}`;

/** The built-in replacement images, drawn by the widget (src/media/background/backdrops.ts). */
export const BUILT_IN_BACKDROPS = ['dawn', 'sea', 'forest'] as const;

/** Why a chosen effect was turned off during the call: the customer is told in a short notice. */
export type BackgroundProblem = 'too-slow' | 'failed';

export interface Backdrop {
  id: string;
  /** Built-in: its name; host image: its URL. */
  source: { builtIn: string } | { url: string };
}

/** The images on offer: the built-in ones, then the host's (`image-1`, `image-2`, …). */
export function backdropsOf(hostImages: readonly string[] = []): Backdrop[] {
  return [
    ...BUILT_IN_BACKDROPS.map((name) => ({ id: name, source: { builtIn: name } })),
    ...hostImages.map((url, i) => ({ id: `image-${i + 1}`, source: { url } })),
  ];
}

/** A stored or given value as an effect, if it is one the widget offers (else undefined). */
export function parseBackgroundEffect(
  value: unknown,
  backdrops: readonly Backdrop[],
): BackgroundEffect | undefined {
  if (value === 'off' || value === 'blur-low' || value === 'blur-high') return value;
  if (typeof value !== 'string' || !value.startsWith('replace:')) return undefined;
  const id = value.slice('replace:'.length);
  return backdrops.some((b) => b.id === id) ? (value as BackgroundEffect) : undefined;
}

export interface BackgroundModel {
  readonly backdrops: readonly Backdrop[];
  /** What the customer chose (remembered). */
  readonly choice: ReadonlySignal<BackgroundEffect>;
  /** What the camera shows: the choice, unless the browser cannot do it or turned it off. */
  readonly effect: ReadonlySignal<BackgroundEffect>;
  /** Whether the option is offered (the browser can do it: media's canProcessBackground). */
  readonly supported: ReadonlySignal<boolean | undefined>;
  /** Why the effect was turned off, until the customer chooses again. */
  readonly problem: ReadonlySignal<BackgroundProblem | undefined>;
  choose(effect: BackgroundEffect): void;
  setSupported(supported: boolean): void;
  /** The effect could not keep up or failed: the camera goes on plain, and the customer is told. */
  turnOff(problem: BackgroundProblem): void;
}

export function createBackgroundModel(
  hostImages: readonly string[] = [],
  canProcess = true,
  storage: Storage | undefined = localStorageOrNone(),
): BackgroundModel {
  const backdrops = backdropsOf(hostImages);
  let stored: string | null | undefined;
  try {
    stored = storage?.getItem(BACKGROUND_CHOICE_KEY);
  } catch {
    // Blocked storage: nothing remembered.
  }
  const choice = signal<BackgroundEffect>(parseBackgroundEffect(stored, backdrops) ?? 'off');
  const supported = signal<boolean | undefined>(canProcess);
  const problem = signal<BackgroundProblem | undefined>(undefined);
  const effect = computed(() =>
    supported.value === false || problem.value ? 'off' : choice.value,
  );
  return {
    backdrops,
    choice,
    effect,
    supported,
    problem,
    choose(next) {
      problem.value = undefined;
      choice.value = next;
      try {
        storage?.setItem(BACKGROUND_CHOICE_KEY, next);
      } catch {
        // Full or blocked storage: the choice holds for this visit only.
      }
    },
    setSupported(value) {
      supported.value = value;
    },
    turnOff(reason) {
      problem.value = reason;
    },
  };
}
