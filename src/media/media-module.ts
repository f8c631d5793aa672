/**
 * The media half of the widget, loaded when the customer shows intent (the launcher, the panel): the
 * Chime SDK adapter for the call, and the browser and device checks that come before it.
 */
export { createCallSession } from './call-session';
export { browserSupport } from './chime-media-session';
export {
  canChooseSpeaker,
  createDeviceCheck,
  listMediaDevices,
  watchMediaDevices,
} from './device-check';
export { createBackgroundOption } from './background/background-option';
