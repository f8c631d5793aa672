/**
 * `connect-video.js`, the one file a host page includes with a classic <script> tag:
 *
 *   <script src="https://cdn.example/connect-video.js" data-token-endpoint="/api/session" async></script>
 *
 * It exposes `window.ConnectVideo` at once (calls are queued) and loads the widget module next to
 * itself. Kept free of imports so that it stays tiny.
 */
import type { QueuedCall } from './script-tag-embed';
import type { WidgetControllerApi } from '../ui/widget-controller';

type Api = WidgetControllerApi & { ready: Promise<WidgetControllerApi> };

declare global {
  interface Window {
    ConnectVideo?: Api;
  }
}

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script || window.ConnectVideo) return;
  const queued: QueuedCall[] = [];
  let widget: WidgetControllerApi | undefined;
  const later =
    (method: QueuedCall['method']) =>
    (...args: unknown[]): never => {
      if (widget) return (widget[method] as (...a: unknown[]) => never)(...args);
      queued.push({ method, args });
      return undefined as never;
    };
  const dataset = { ...script.dataset };
  const moduleUrl = new URL('connect-video-embed.js', script.src).href;
  const ready = import(/* @vite-ignore */ moduleUrl).then(
    (module: typeof import('./script-tag-embed')) => {
      return new Promise<WidgetControllerApi>((resolve) => {
        const start = () => resolve((widget = module.init(dataset, queued.splice(0))));
        if (document.body) start();
        else document.addEventListener('DOMContentLoaded', start, { once: true });
      });
    },
  );
  ready.catch((error: Error) =>
    console.error('[connect-video] the widget could not be loaded:', error.message),
  );
  window.ConnectVideo = {
    ready,
    open: later('open'),
    close: later('close'),
    start: later('start'),
    end: later('end') as never,
    destroy: later('destroy') as never,
    on(event, handler) {
      if (widget) return widget.on(event, handler);
      let off: (() => void) | undefined;
      let cancelled = false;
      void ready.then((w) => {
        if (!cancelled) off = w.on(event, handler);
      });
      return () => {
        cancelled = true;
        off?.();
      };
    },
  };
})();
