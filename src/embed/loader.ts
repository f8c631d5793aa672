/**
 * `connect-video.js`, the one file a host page includes with a classic <script> tag:
 *
 *   <script src="https://cdn.example/connect-video.js" data-token-endpoint="/api/session" async></script>
 *
 * Every page of a site loads it and most visitors never call, so it does only this: it exposes
 * `window.ConnectVideo` at once (calls are queued), draws the launcher button in a shadow root, and
 * loads the panel (`connect-video-embed.js`, beside it) when the customer clicks, or ahead of that
 * when they show intent (hover, focus) or when the page is idle after `load`. Hover and focus also
 * fetch the media chunk. Before any of that it makes no request.
 *
 * When the panel cannot be fetched (offline, blocked, a server without CORS headers, no answer) and
 * the customer or the page asked for it, the loader says so beside the launcher and emits `error`
 * (`load-failed`) to the handlers the page registered; pressing the launcher tries again.
 */
import type { QueuedCall } from './script-tag-embed';
import type { WidgetControllerApi, WidgetEventName, WidgetEvents } from '../ui/widget-controller';
import { LOAD_TIMEOUT_MS, withTimeout } from '../core/with-timeout';
import {
  bothLauncherLabels,
  chatLauncherLabels,
  launcherLabels,
  launcherLocale,
} from './launcher-labels';
import { STORED_CHAT_KEY } from '../core/chat-details';
import { STORED_SESSION_KEY } from '../core/stored-session';
import { launcherStyles } from './launcher-styles';
import { loadFailedMessages } from './load-failed-messages';

type Api = WidgetControllerApi & { ready: Promise<WidgetControllerApi> };
type Embed = typeof import('./script-tag-embed');

declare global {
  interface Window {
    ConnectVideo?: Api;
  }
}

// The icon of src/ui/icons.tsx ("video").
const VIDEO_ICON =
  'M15 8.5V7a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h9a2 2 0 0 0 2-2v-1.5l5 3.5V5l-5 3.5Z';
// The icon of src/ui/icons.tsx ("chat").
const CHAT_ICON =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2Zm3 6v2h10V9H7Zm0 4v2h7v-2H7Z';
const SVG = 'http://www.w3.org/2000/svg';

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  if (!script || window.ConnectVideo) return;
  const dataset = { ...script.dataset };
  const locale = launcherLocale(dataset['locale'] ?? navigator.language);
  const moduleUrl = new URL('connect-video-embed.js', script.src).href;
  // What the launcher offers (data-channels, checked by the panel): its label and icon follow.
  const channels = dataset['channels'] ?? '';
  const chat = /\bchat\b/.test(channels);
  const chatOnly = chat && !/\bvideo\b/.test(channels);
  // Browsers keep a failed import() in the page's module map, and importing the same URL again
  // fails at once without a request (https://github.com/whatwg/html/issues/6768; changed by
  // whatwg/html#10327, not yet shipped: https://issues.chromium.org/issues/534781954). So after a
  // failure the panel is imported under a fresh URL. Its chunks resolve without the query, and
  // retry the same way (scripts/vite-plugin-retryable-imports.ts).
  let retryQuery = '';
  const queued: QueuedCall[] = [];
  type Listener = { event: WidgetEventName; handler: (detail: never) => void; off?: () => void };
  const listeners: Listener[] = [];
  let embed: Embed | undefined;
  let widget: WidgetControllerApi | undefined;
  let loading: Promise<WidgetControllerApi> | undefined;
  let host: HTMLElement | undefined;
  let wrapper: HTMLElement | undefined;
  let button: HTMLButtonElement | undefined;
  let alert: HTMLElement | undefined;
  let destroyed = false;
  let resolveReady!: (widget: WidgetControllerApi) => void;
  // Resolves once the panel is loaded (idle after load, or the first interaction); waiting on it
  // loads nothing by itself.
  const ready = new Promise<WidgetControllerApi>((resolve) => (resolveReady = resolve));

  const whenBody = (run: () => void) => {
    if (document.body) run();
    else document.addEventListener('DOMContentLoaded', run, { once: true });
  };

  const importPanel = (): Promise<Embed> =>
    import(/* @vite-ignore */ moduleUrl + retryQuery).catch((error: unknown) => {
      // The time, not a counter: an answer of an earlier visit may be cached under `?retry=1`.
      retryQuery = `?retry=${Date.now()}`;
      throw error;
    });

  const load = (): Promise<WidgetControllerApi> =>
    // Bounded: a server that never answers would keep the launcher busy for minutes. The import
    // goes on, and the next attempt waits for it again rather than start a second download.
    (loading ??= withTimeout(importPanel(), LOAD_TIMEOUT_MS).then(
      (module: Embed) =>
        new Promise<WidgetControllerApi>((resolve) =>
          whenBody(() => {
            embed = module;
            alert?.remove();
            if (destroyed) return;
            drawLauncher();
            const created = module.init(dataset, [], host);
            // Handlers first, so that they hear what the queued calls do.
            for (const listener of listeners.splice(0))
              listener.off = created.on(listener.event, listener.handler as never);
            for (const call of queued.splice(0))
              (created[call.method] as (...args: unknown[]) => unknown)(...call.args);
            widget = created;
            resolve(created);
            resolveReady(created);
          }),
        ),
    ));

  /**
   * The panel did not load; the next interaction tries again (a flaky network, or a deploy
   * replaced the files). `tell`: the customer or the page asked for the widget (not a prefetch).
   */
  const fail = (tell: boolean) => (error: Error) => {
    loading = undefined;
    button?.removeAttribute('aria-busy');
    console.error('[connect-video] the widget could not be loaded:', error.message);
    // `embed` is there when the panel loaded and init() threw (a bad data- attribute): logged only.
    if (!tell || destroyed || embed) return;
    const detail: WidgetEvents['error'] = {
      code: 'load-failed',
      message: `connect-video-embed.js could not be loaded: ${error.message}`,
    };
    for (const listener of listeners) {
      if (listener.event !== 'error') continue;
      try {
        (listener.handler as (d: typeof detail) => void)(detail);
      } catch (thrown) {
        console.error('[connect-video] an event handler threw', thrown);
      }
    }
    // No host yet: the page called open() before its own load event.
    if (!host) return;
    alert?.remove();
    alert = document.createElement('p');
    alert.className = 'connect-video-load-error';
    alert.setAttribute('role', 'alert');
    alert.lang = locale;
    alert.textContent = loadFailedMessages[locale];
    (wrapper ?? drawWrapper()).prepend(alert);
    host.dispatchEvent(
      new CustomEvent('connect-video:error', { detail, bubbles: true, composed: true }),
    );
  };

  /** The customer or the page asked for the panel: a message from an earlier failure goes. */
  const attempt = () => {
    alert?.remove();
    return load();
  };

  /** Intent: the panel and the media chunk are fetched while the customer decides. */
  const prefetch = () => {
    load().then(() => chatOnly || embed?.prefetchCall(), fail(false));
  };

  const later =
    (method: QueuedCall['method']) =>
    (...args: unknown[]): never => {
      if (widget) return (widget[method] as (...a: unknown[]) => never)(...args);
      if (method === 'destroy') {
        destroyed = true;
        host?.remove();
        return Promise.resolve() as never;
      }
      queued.push({ method, args });
      if (method === 'open' || method === 'start') attempt().catch(fail(true));
      return (method === 'end' ? Promise.resolve() : undefined) as never;
    };

  /** Where the launcher and the load failure message go (the panel hides it while it is open). */
  const drawWrapper = () => {
    wrapper = document.createElement('div');
    wrapper.className = 'connect-video-root';
    wrapper.setAttribute('data-launcher-root', '');
    wrapper.dataset.position = dataset['position'] ?? 'bottom-right';
    wrapper.dataset.theme = dataset['theme'] ?? 'auto';
    host!.shadowRoot!.append(wrapper);
    return wrapper;
  };

  const drawLauncher = () => {
    if (destroyed || host) return;
    host = document.createElement('div');
    host.setAttribute('data-connect-video-host', '');
    const root = host.attachShadow({ mode: 'open' });
    // A constructed sheet needs no 'unsafe-inline' in the page's Content Security Policy.
    if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherStyles);
      root.adoptedStyleSheets = [sheet];
    } else {
      const style = document.createElement('style');
      style.textContent = launcherStyles;
      root.append(style);
    }
    document.body.append(host);
    if (dataset['hideLauncher'] === undefined || dataset['hideLauncher'] === 'false') {
      button = document.createElement('button');
      button.type = 'button';
      button.className = 'connect-video-launcher';
      button.dataset.control = 'launcher';
      button.lang = locale;
      const svg = document.createElementNS(SVG, 'svg');
      const path = document.createElementNS(SVG, 'path');
      for (const [name, value] of Object.entries({
        class: 'connect-video-icon',
        viewBox: '0 0 24 24',
        width: '20',
        height: '20',
        'aria-hidden': 'true',
        focusable: 'false',
      }))
        svg.setAttribute(name, value);
      path.setAttribute('d', chatOnly ? CHAT_ICON : VIDEO_ICON);
      path.setAttribute('fill', 'currentColor');
      svg.append(path);
      const label = document.createElement('span');
      label.textContent = (
        chatOnly ? chatLauncherLabels : chat ? bothLauncherLabels : launcherLabels
      )[locale];
      button.append(svg, label);
      button.addEventListener('pointerenter', prefetch);
      button.addEventListener('focus', prefetch);
      button.addEventListener('click', () => {
        if (widget) return widget.open();
        button!.setAttribute('aria-busy', 'true');
        attempt().then((w) => {
          button!.removeAttribute('aria-busy');
          w.open();
        }, fail(true));
      });
      drawWrapper().append(button);
    }
  };

  // The launcher is drawn once the page has loaded, so that it never competes with the page's own
  // first paint (largest contentful paint); the panel is fetched when the page is idle after that
  // (not the media chunk), so the first click opens at once.
  const whenIdle = () => {
    if (dataset['tokenEndpoint'] === undefined)
      return console.error('[connect-video] data-token-endpoint is required');
    drawLauncher();
    // A call or a chat this tab had before a reload or a navigation: the panel now, not when the
    // page is next idle (up to 5 s later), so that the customer is back in it sooner. Still after
    // the load event: the host page's own load does not wait for the widget's chunks.
    if (hadSession()) load().catch(fail(false));
    else if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => load().catch(fail(false)), { timeout: 5_000 });
    else setTimeout(() => load().catch(fail(false)), 1_000);
  };
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });

  window.ConnectVideo = {
    ready,
    open: later('open'),
    close: later('close'),
    start: later('start'),
    end: later('end') as never,
    destroy: later('destroy') as never,
    on(event, handler) {
      if (widget) return widget.on(event, handler);
      const listener: Listener = { event, handler: handler as Listener['handler'] };
      listeners.push(listener);
      return () => {
        if (listeners.includes(listener)) listeners.splice(listeners.indexOf(listener), 1);
        listener.off?.();
      };
    },
  };
})();

/** Whether this tab kept a call or a chat to come back to (sessionStorage may be forbidden). */
function hadSession(): boolean {
  try {
    return [STORED_SESSION_KEY, STORED_CHAT_KEY].some(
      (key) => sessionStorage.getItem(key) !== null,
    );
  } catch {
    return false;
  }
}
