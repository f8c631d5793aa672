/**
 * What an effect means for the compositor (pure, beside it in the effect's chunk: the panel, which
 * holds the choice, needs none of it).
 */
import type { Backdrop, BackgroundEffect } from '../../core/background-effect';

/** The replacement image of an effect, if it is a replacement. */
export function backdropOf(
  effect: BackgroundEffect,
  backdrops: readonly Backdrop[],
): Backdrop | undefined {
  return effect.startsWith('replace:')
    ? backdrops.find((b) => `replace:${b.id}` === effect)
    : undefined;
}

/** The blur radius, in pixels, for a picture `height` pixels high (about 1/60 and 1/24 of it). */
export function blurRadius(effect: BackgroundEffect, height: number): number {
  if (effect === 'blur-low') return Math.max(2, Math.round(height / 60));
  if (effect === 'blur-high') return Math.max(4, Math.round(height / 24));
  return 0;
}
