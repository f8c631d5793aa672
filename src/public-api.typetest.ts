// Locks the public types: `npm run typecheck` fails when an expected error disappears or a valid
// use stops compiling.
import { mount, defineConnectVideoElement, type MountedWidget, type WidgetEvents } from './index';

declare const element: HTMLElement;

const widget: MountedWidget = mount(element, { tokenEndpoint: '/api/session', theme: 'dark' });
widget.on('ended', (detail: WidgetEvents['ended']) => detail.by satisfies string);
widget.on(
  'state',
  ({ state }) =>
    state satisfies
      | 'idle'
      | 'requesting'
      | 'joining'
      | 'waiting-for-agent'
      | 'in-call'
      | 'reconnecting'
      | 'ended'
      | 'failed',
);
widget.start({ displayName: 'Ada' });
defineConnectVideoElement();
document.createElement('connect-video-call').start();

// @ts-expect-error: an unknown event name
widget.on('agent-left', () => undefined);
// @ts-expect-error: the theme is one of light, dark, auto
mount(element, { tokenEndpoint: '/api/session', theme: 'blue' });
// @ts-expect-error: attributes are strings
mount(element, { tokenEndpoint: '/api/session', attributes: { tier: 3 } });
