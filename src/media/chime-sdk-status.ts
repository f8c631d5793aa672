/**
 * What `amazon-chime-sdk-js/build/task/PromoteToPrimaryMeetingTask` takes from the SDK's index
 * (`require("..")`), so that the widget's build can leave the rest of the index out.
 */
import { sdkExport } from './sdk-export';
import * as meetingSessionStatusModule from 'amazon-chime-sdk-js/build/meetingsession/MeetingSessionStatus';
import * as meetingSessionStatusCodeModule from 'amazon-chime-sdk-js/build/meetingsession/MeetingSessionStatusCode';

export const MeetingSessionStatus = sdkExport(meetingSessionStatusModule);
export type MeetingSessionStatus = meetingSessionStatusModule.default;
export const MeetingSessionStatusCode = sdkExport(meetingSessionStatusCodeModule);
export type MeetingSessionStatusCode = meetingSessionStatusCodeModule.default;
