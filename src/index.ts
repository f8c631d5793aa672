/**
 * The npm entry: the widget for single-page apps.
 *
 * - `mount(element, options)`: framework-free, returns the controller.
 * - `ConnectVideoCall`: a Preact component.
 * - `<connect-video-call>`: a custom element, registered by `defineConnectVideoElement()`.
 */
export { mount, EVENT_PREFIX, type MountOptions, type MountedWidget } from './embed/mount';
export { ConnectVideoCall, type ConnectVideoCallProps } from './embed/connect-video-call';
export {
  ConnectVideoCallElement,
  defineConnectVideoElement,
  ELEMENT_NAME,
} from './embed/custom-element';
export type { WidgetOptions, Theme, Position, Channel, ChatOnVideo } from './core/config';
export type { SessionResponse } from './core/session-response';
export type { SessionRequestBody, SessionReference, GetSession } from './core/session-request';
export type { AllowedCapabilities } from './core/capabilities';
export type { CallState, EndedBy } from './core/call-state';
export type { WidgetErrorCode } from './core/widget-error';
export type { WidgetControllerApi, WidgetEvents, WidgetEventName } from './ui/widget-controller';
export type { Messages, AllMessages } from './ui/messages';
