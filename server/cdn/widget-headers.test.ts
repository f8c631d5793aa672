import { describe, expect, it } from 'vitest';
import { CHUNK_CACHE_CONTROL, ENTRY_CACHE_CONTROL, widgetHeaders } from './widget-headers.js';

describe('widgetHeaders', () => {
  it.each([
    ['/connect-video.js', ENTRY_CACHE_CONTROL],
    ['/connect-video-embed.js', ENTRY_CACHE_CONTROL],
    ['/chunks/media-module-DDhR9NxH.js', CHUNK_CACHE_CONTROL],
    ['/v2/chunks/ja-JP-x5J266ic.js', CHUNK_CACHE_CONTROL],
    ['/v2/connect-video.js', ENTRY_CACHE_CONTROL],
  ])('%s: JavaScript, CORS for any page, cached as %s', (path, cacheControl) => {
    expect(widgetHeaders(path)).toEqual({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
      'access-control-allow-origin': '*',
    });
  });

  it("serves the background effect's WebAssembly and model, among the chunks, for good", () => {
    expect(widgetHeaders('/chunks/vision_wasm_internal-782eda3e.wasm')).toMatchObject({
      'content-type': 'application/wasm',
      'cache-control': CHUNK_CACHE_CONTROL,
      'access-control-allow-origin': '*',
    });
    expect(
      widgetHeaders('/chunks/selfie_segmentation_landscape-2db13828.tflite')['content-type'],
    ).toBe('application/octet-stream');
  });

  it('sends no CORS header when asked for the broken setup of issue 11', () => {
    expect(widgetHeaders('/connect-video-embed.js', { cors: false })).not.toHaveProperty(
      'access-control-allow-origin',
    );
  });

  it('keeps an entry file for five minutes and a chunk for good', () => {
    expect(ENTRY_CACHE_CONTROL).toBe('public, max-age=300');
    expect(CHUNK_CACHE_CONTROL).toBe('public, max-age=31536000, immutable');
  });
});
