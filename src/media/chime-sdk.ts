/**
 * The parts of amazon-chime-sdk-js the widget uses, imported from the SDK's own modules rather than
 * its index. The SDK ships CommonJS, so importing the index bundles every module it has (the
 * messaging session with its AWS client, transcription, background filters...): about 84 KB gzip
 * more in the media chunk. Type-only imports may still come from the index.
 *
 * One SDK module, `task/PromoteToPrimaryMeetingTask`, requires the index itself; the build points
 * that one require at `chime-sdk-status.ts` (see scripts/vite-plugin-chime-slim.ts).
 */
import { sdkExport } from './sdk-export';
import * as consoleLoggerModule from 'amazon-chime-sdk-js/build/logger/ConsoleLogger';
import * as defaultBrowserBehaviorModule from 'amazon-chime-sdk-js/build/browserbehavior/DefaultBrowserBehavior';
import * as defaultDeviceControllerModule from 'amazon-chime-sdk-js/build/devicecontroller/DefaultDeviceController';
import * as defaultMeetingSessionModule from 'amazon-chime-sdk-js/build/meetingsession/DefaultMeetingSession';
import * as logLevelModule from 'amazon-chime-sdk-js/build/logger/LogLevel';
import * as meetingSessionConfigurationModule from 'amazon-chime-sdk-js/build/meetingsession/MeetingSessionConfiguration';
import * as meetingSessionStatusCodeModule from 'amazon-chime-sdk-js/build/meetingsession/MeetingSessionStatusCode';
import * as notFoundErrorModule from 'amazon-chime-sdk-js/build/devicecontroller/NotFoundError';
import * as notReadableErrorModule from 'amazon-chime-sdk-js/build/devicecontroller/NotReadableError';
import * as overconstrainedErrorModule from 'amazon-chime-sdk-js/build/devicecontroller/OverconstrainedError';
import * as permissionDeniedErrorModule from 'amazon-chime-sdk-js/build/devicecontroller/PermissionDeniedError';
import * as voiceFocusDeviceTransformerModule from 'amazon-chime-sdk-js/build/voicefocus/VoiceFocusDeviceTransformer';

export const ConsoleLogger = sdkExport(consoleLoggerModule);
export type ConsoleLogger = consoleLoggerModule.default;
export const DefaultBrowserBehavior = sdkExport(defaultBrowserBehaviorModule);
export type DefaultBrowserBehavior = defaultBrowserBehaviorModule.default;
export const DefaultDeviceController = sdkExport(defaultDeviceControllerModule);
export type DefaultDeviceController = defaultDeviceControllerModule.default;
export const DefaultMeetingSession = sdkExport(defaultMeetingSessionModule);
export type DefaultMeetingSession = defaultMeetingSessionModule.default;
export const LogLevel = sdkExport(logLevelModule);
export type LogLevel = logLevelModule.default;
export const MeetingSessionConfiguration = sdkExport(meetingSessionConfigurationModule);
export type MeetingSessionConfiguration = meetingSessionConfigurationModule.default;
export const MeetingSessionStatusCode = sdkExport(meetingSessionStatusCodeModule);
export type MeetingSessionStatusCode = meetingSessionStatusCodeModule.default;
export const NotFoundError = sdkExport(notFoundErrorModule);
export type NotFoundError = notFoundErrorModule.default;
export const NotReadableError = sdkExport(notReadableErrorModule);
export type NotReadableError = notReadableErrorModule.default;
export const OverconstrainedError = sdkExport(overconstrainedErrorModule);
export type OverconstrainedError = overconstrainedErrorModule.default;
export const PermissionDeniedError = sdkExport(permissionDeniedErrorModule);
export type PermissionDeniedError = permissionDeniedErrorModule.default;
export const VoiceFocusDeviceTransformer = sdkExport(voiceFocusDeviceTransformerModule);
export type VoiceFocusDeviceTransformer = voiceFocusDeviceTransformerModule.default;
