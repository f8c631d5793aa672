/**
 * Whether this browser can run the background effect fast enough to offer it: WebAssembly SIMD
 * (the segmenter ships only that build; without it, it runs at a fraction of the speed), a canvas
 * `filter` (the blur) and OffscreenCanvas (the segmenter's image conversions), and canvas
 * `captureStream` (the processed camera). Checked (in the media chunk) before the option is shown.
 */
// (module (func (result v128) v128.const i64x2 0 0))
const SIMD_MODULE = new Uint8Array([
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  5,
  1,
  96,
  0,
  1,
  123,
  3,
  2,
  1,
  0,
  10,
  22,
  1,
  20,
  0,
  253,
  12,
  ...new Array<number>(16).fill(0),
  11,
]);

export function canProcessBackground(): boolean {
  try {
    return (
      typeof WebAssembly === 'object' &&
      WebAssembly.validate(SIMD_MODULE) &&
      typeof OffscreenCanvas === 'function' &&
      typeof CanvasRenderingContext2D === 'function' &&
      'filter' in CanvasRenderingContext2D.prototype &&
      typeof HTMLCanvasElement.prototype.captureStream === 'function'
    );
  } catch {
    return false;
  }
}
