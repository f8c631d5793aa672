import { configFromDataAttributes } from '../core/config';
import type { WidgetControllerApi } from '../ui/widget-controller';
import { loadCallSession } from './load-call-session';
import { mount } from './mount';

/** A call the page made on `window.ConnectVideo` before the widget finished loading. */
export type QueuedCall = { method: keyof WidgetControllerApi; args: unknown[] };

/** Fetches the media chunk ahead of need: the customer showed intent on the loader's launcher. */
export function prefetchCall(): void {
  loadCallSession().catch(() => {
    // Tried again when the call starts.
  });
}

/**
 * The script-tag embed, loaded by the tiny loader (`connect-video.js`): mounts the widget on the
 * loader's host element (or a new one at the end of <body>) with the script's `data-*` options,
 * replays calls the page queued, and returns the controller the loader exposes as
 * `window.ConnectVideo`.
 *
 * The loader draws the launcher itself, so the panel's own launcher is never rendered here: the
 * loader's button hides while the panel is open and takes the focus back when the customer closes
 * the panel from inside it.
 *
 * A browser may still hold the previous release's loader when this panel is deployed (both keep
 * their file names; README, "Hosting the script tag"): keep `init` and `prefetchCall` callable as
 * that loader calls them.
 */
export function init(
  dataset: Record<string, string | undefined>,
  queued: QueuedCall[] = [],
  existingHost?: HTMLElement,
): WidgetControllerApi {
  const host = existingHost ?? document.createElement('div');
  if (!existingHost) {
    host.setAttribute('data-connect-video-host', '');
    document.body.append(host);
  }
  const launcher = host.shadowRoot?.querySelector<HTMLElement>('[data-launcher-root]');
  const widget = mount(host, { ...configFromDataAttributes(dataset), hideLauncher: true });
  const offs = [
    widget.on('open', () => {
      if (launcher) launcher.hidden = true;
    }),
    widget.on('close', () => {
      if (!launcher) return;
      // Still inside the panel (its close button, Escape): focus returns to the launcher.
      const focusInWidget = !!host.shadowRoot?.activeElement;
      launcher.hidden = false;
      if (focusInWidget) launcher.querySelector('button')?.focus();
    }),
  ];
  for (const call of queued) {
    (widget[call.method] as (...args: unknown[]) => unknown)(...call.args);
  }
  return {
    open: () => widget.open(),
    close: () => widget.close(),
    start: (fields) => widget.start(fields),
    end: () => widget.end(),
    on: (event, handler) => widget.on(event, handler),
    async destroy() {
      offs.forEach((off) => off());
      await widget.destroy();
      host.remove();
    },
  };
}
