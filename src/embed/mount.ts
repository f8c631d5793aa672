import { h, render } from 'preact';
import { resolveWidgetConfig, type WidgetConfig, type WidgetOptions } from '../core/config';
import { loadMessages, resolveLocale } from '../ui/locale';
import { enUS, type AllMessages, type Messages } from '../ui/messages';
import { Widget } from '../ui/widget';
import {
  createWidgetController,
  type WidgetControllerApi,
  type WidgetEventName,
  type WidgetEvents,
} from '../ui/widget-controller';
import { applyStyles } from './apply-styles';
import { loadCallSession } from './load-call-session';
import { loadChatChunk } from './load-chat';
import { countRenders } from './render-count';

export interface MountOptions extends WidgetOptions {
  /** Do not render the launcher: the host page opens the widget with its own button. */
  hideLauncher?: boolean;
  /** Replace any of the widget's texts (over the chosen language's). */
  messages?: Partial<AllMessages>;
}

export interface MountedWidget extends WidgetControllerApi {
  /** The resolved configuration. */
  readonly config: WidgetConfig;
}

declare const __CONNECT_VIDEO_PROFILE__: boolean | undefined;

/** Every host-visible DOM event carries the widget's prefix. */
export const EVENT_PREFIX = 'connect-video:';
const FORWARDED: WidgetEventName[] = ['state', 'agent-joined', 'ended', 'error', 'open', 'close'];

/**
 * Mounts the widget into `element`'s shadow root (created if needed) and returns its controller.
 * Host CSS cannot reach inside, and the widget's CSS never leaks out. Events are also dispatched on
 * `element` as `connect-video:<name>` CustomEvents.
 */
export function mount(
  element: HTMLElement,
  options: MountOptions | (WidgetConfig & Pick<MountOptions, 'hideLauncher' | 'messages'>),
): MountedWidget {
  const config =
    'session' in options && 'fields' in options ? options : resolveWidgetConfig(options);
  const { hideLauncher, messages } = options as MountOptions;
  // The benchmark's profile build counts renders; the other builds define the flag false.
  if (typeof __CONNECT_VIDEO_PROFILE__ !== 'undefined' && __CONNECT_VIDEO_PROFILE__) countRenders();
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  applyStyles(root);
  const container = document.createElement('div');
  root.append(container);
  const controller = createWidgetController(config, loadCallSession, loadChatChunk);
  const unsubscribes = FORWARDED.map((name) =>
    controller.on(name, (detail: WidgetEvents[typeof name]) => {
      element.dispatchEvent(
        new CustomEvent(EVENT_PREFIX + name, { detail, bubbles: true, composed: true }),
      );
    }),
  );
  // The host's locale if we have it, else the browser's; English is bundled, the others are fetched.
  const locale = resolveLocale(config.locale, navigator.languages ?? [navigator.language]);
  let destroyed = false;
  const show = (strings: Messages) => {
    if (destroyed) return;
    render(
      h(Widget, {
        controller,
        messages: { ...strings, ...messages },
        locale,
        hideLauncher: hideLauncher ?? false,
      }),
      container,
    );
  };
  if (locale === 'en-US') show(enUS);
  else void loadMessages(locale).then(show);
  return {
    config,
    open: controller.open,
    close: controller.close,
    start: controller.start,
    end: controller.end,
    on: controller.on,
    async destroy() {
      destroyed = true;
      unsubscribes.forEach((unsubscribe) => unsubscribe());
      await controller.destroy();
      render(null, container);
      container.remove();
    },
  };
}
