import { expect, it } from 'vitest';
import { inlineVideo } from './inline-video';

it('videos play inline on iPhone (playsinline) and may autoplay there without a gesture (muted)', () => {
  expect(inlineVideo).toEqual({ autoplay: true, muted: true, playsInline: true });
});
