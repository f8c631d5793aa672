import { configFromDataAttributes } from '../core/config';
import type { WidgetControllerApi } from '../ui/widget-controller';
import { mount } from './mount';

/** A call the page made on `window.ConnectVideo` before the widget finished loading. */
export type QueuedCall = { method: keyof WidgetControllerApi; args: unknown[] };

/**
 * The script-tag embed, loaded by the tiny loader (`connect-video.js`): mounts the widget on a host
 * element at the end of <body> with the script's `data-*` options, replays calls the page queued,
 * and returns the controller the loader exposes as `window.ConnectVideo`.
 */
export function init(
  dataset: Record<string, string | undefined>,
  queued: QueuedCall[] = [],
): WidgetControllerApi {
  const host = document.createElement('div');
  host.setAttribute('data-connect-video-host', '');
  document.body.append(host);
  // data-hide-launcher is the embed's own option, beside the call options.
  const hideLauncher = dataset['hideLauncher'] !== undefined && dataset['hideLauncher'] !== 'false';
  const widget = mount(host, { ...configFromDataAttributes(dataset), hideLauncher });
  for (const call of queued) {
    (widget[call.method] as (...args: unknown[]) => unknown)(...call.args);
  }
  const api: WidgetControllerApi = {
    open: () => widget.open(),
    close: () => widget.close(),
    start: (fields) => widget.start(fields),
    end: () => widget.end(),
    on: (event, handler) => widget.on(event, handler),
    async destroy() {
      await widget.destroy();
      host.remove();
    },
  };
  return api;
}
