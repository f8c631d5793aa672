import type { BackgroundMessages } from './background-messages';
import type { ChatMessages } from './chat-messages';

/**
 * Every string the widget shows, in US English: the one language bundled with the panel. The other
 * nine (src/ui/locales/) provide the same keys and are loaded on demand; hosts can override any key.
 * `{name}` placeholders are filled by `format`.
 */
export const enUS = {
  // The launcher's label is also the loader's (src/embed/launcher-labels.ts): keep them equal.
  launcherLabel: 'Video call',
  panelTitle: 'Video call',
  callControls: 'Call controls',
  minimize: 'Minimize',
  restore: 'Show the whole call',
  moveView: 'Move to another corner',
  close: 'Close',
  nameFormIntro: 'Talk face to face with our team. What name should the agent see?',
  callIntro: 'Talk face to face with our team.',
  permissionIntroVideo:
    'When you start, your browser will ask to use your microphone and camera. Choose Allow so that the agent can hear and see you.',
  permissionIntroAudio:
    'When you start, your browser will ask to use your microphone. Choose Allow so that the agent can hear you.',
  nameLabel: 'Your name',
  nameRequired: 'Please enter your name.',
  nameTooLong: 'Please use at most {max} characters.',
  startCall: 'Start video call',
  checkDevices: 'Check my devices first',
  waitingForPermission: 'Waiting for your permission…',
  deviceCheckTitle: 'Check your devices',
  cameraPreview: 'Your camera preview',
  microphoneLevel: 'Microphone level',
  microphoneLevelHint: 'Say something: the bar moves when your microphone hears you.',
  playTestSound: 'Play a test sound',
  back: 'Back',
  joinAudioOnly: 'Join with audio only',
  audioOnlyHint: 'You can still join with audio only.',
  'problem.microphone.media-permission-denied': 'Your browser blocked the microphone.',
  'problem.camera.media-permission-denied': 'Your browser blocked the camera.',
  'problem.microphone.no-device': 'No microphone was found.',
  'problem.camera.no-device': 'No camera was found.',
  'problem.microphone.device-busy': 'Your microphone is being used by another app.',
  'problem.camera.device-busy': 'Your camera is being used by another app.',
  'fix.denied.chromium':
    'Select the site settings icon at the left of the address bar, allow the microphone and camera, then select Try again.',
  'fix.denied.firefox':
    'Select the crossed-out microphone or camera icon in the address bar, remove the block, then select Try again.',
  'fix.denied.safari':
    'In the Safari menu, open Settings for This Website, allow the microphone and camera, then select Try again.',
  'fix.no-device': 'Connect one and check that it is switched on, then select Try again.',
  'fix.device-busy':
    'Close other apps or tabs that may be using it, such as another video call, then select Try again.',
  cancel: 'Cancel',
  connecting: 'Connecting…',
  joining: 'Joining the call…',
  waitingForAgent: 'Waiting for an agent…',
  waitingHint: 'Stay on this page. An agent will join you shortly.',
  waitingConnected: "You're connected.",
  waitingKeypadHint: 'If you are asked to press a key, use the keypad.',
  openKeypad: 'Open the keypad',
  waitingTimer: 'Waiting time {time}',
  agentJoined: 'The agent joined the call.',
  agentLeft: 'The agent left the call.',
  agentVideoLabel: "Agent's video",
  agentScreenLabel: "Agent's screen",
  selfViewLabel: 'Your camera',
  agentName: 'Agent',
  agentNumbered: 'Agent {number}',
  participantName: 'Participant {number}',
  participantUnnamed: 'Participant',
  peopleInCall: '{count} people in the call',
  participantMuted: 'muted',
  participantSpeaking: 'speaking',
  personVideoLabel: 'Video of {name}',
  sharedScreenLabel: 'Shared screen',
  participantJoined: '{name} joined the call.',
  participantLeft: '{name} left the call.',
  invite: 'Invite someone',
  inviteTitle: 'Invite someone to this call',
  inviteHint: 'Send this link to the person you want in the call. It works once, until {time}.',
  inviteCreating: 'Creating a link…',
  inviteLinkLabel: 'Invitation link',
  copyLink: 'Copy link',
  linkCopied: 'Link copied.',
  shareLink: 'Share link',
  newInvite: 'Create another link',
  'invite.CallFull': 'The call is full: no one else can join.',
  'invite.AgentNotConnected': 'You can invite someone once the agent has joined.',
  'invite.failed': 'The link could not be created. Please try again.',
  guestIntro: 'You have been invited to a video call.',
  joinCall: 'Join the call',
  agentMuted: 'The agent is muted.',
  reconnecting: 'Reconnecting…',
  poorConnection: 'Poor connection.',
  turnOffVideo: 'Turn off video?',
  mute: 'Mute',
  unmute: 'Unmute',
  microphone: 'Microphone',
  camera: 'Camera',
  cameraOn: 'Turn camera on',
  cameraOff: 'Turn camera off',
  shareScreen: 'Share my screen',
  stopSharing: 'Stop sharing',
  requestScreenShare: 'Ask to share my screen',
  screenShareRequested: 'Request sent. The agent will start screen sharing.',
  pictureInPicture: 'Picture in picture',
  keypad: 'Keypad',
  keypadTitle: 'Dial pad',
  dtmfSent: 'Sent: {digits}',
  settings: 'Settings',
  settingsTitle: 'Devices',
  speaker: 'Speaker',
  // The background picker's own strings are in background-messages.ts (the media chunk).
  deviceNumbered: '{device} {number}',
  endCall: 'End call',
  callTimer: 'Call time {time}',
  endedByCustomer: 'You ended the call.',
  endedByAgent: 'The agent ended the call.',
  endedBySystem: 'The call has ended.',
  endedByAnotherTab: 'This call continued in another tab or window.',
  endedByRemoved: 'You were removed from the call.',
  callAgain: 'Start a new call',
  tryAgain: 'Try again',
  closePanel: 'Close',
  cameraUnavailable: 'Your camera could not be started. The call continues with audio.',
  videoSendUnavailable: 'The call has too many videos, so yours is off. The call continues.',
  microphoneLost: 'Your microphone stopped. Check that it is connected.',
  cameraLost: 'Your camera stopped. Check that it is connected.',
  microphoneSwitched: 'Your microphone stopped. Now using: {name}.',
  cameraSwitched: 'Your camera stopped. Now using: {name}.',
  screenShareFailed: 'Your screen could not be shared.',
  dtmfFailed: 'The keypad tones could not be sent.',
  screenSharingRequestFailed: 'The screen sharing request could not be sent.',
  'error.timeout': 'The service took too long to answer. Please try again.',
  'error.network': 'We could not reach the service. Check your connection and try again.',
  'error.rate-limited': 'Too many attempts. Please wait a moment and try again.',
  'error.token-endpoint-rejected': 'The video call could not be started.',
  'error.token-endpoint-unavailable':
    'The video call service is unavailable right now. Please try again later.',
  'error.bad-session-response':
    'The video call could not be started because of a technical problem.',
  'error.aborted': 'The call was cancelled.',
  'error.invalid-config': 'The video call is not set up correctly on this page.',
  'error.meeting-ended': 'The call ended before it could start.',
  'error.signaling-failed': 'The connection to the call failed. Please try again.',
  'error.connection-lost': 'The connection was lost. Please try again.',
  'error.capacity': 'The call is full right now. Please try again later.',
  'error.invitation-expired': 'This invitation has expired. Ask for a new link.',
  'error.invitation-used': 'This invitation has already been used. Ask for a new link.',
  'error.invitation-invalid': 'This invitation link is not valid. Ask for a new link.',
  'error.media-permission-denied':
    'The browser blocked your microphone. Allow microphone access in the address bar, then try again.',
  'error.no-device': 'No microphone was found. Connect one and try again.',
  'error.device-busy': 'Your microphone is in use by another application. Close it and try again.',
  'error.unsupported-browser': 'This browser cannot make video calls.',
  'error.load-failed': 'The video call could not be loaded. Please try again.',
  unsupportedHelp:
    'Open this page in an up-to-date Chrome, Edge, Firefox or Safari, or contact us another way.',
  otherChannels: 'Other ways to contact us',
  'error.internal': 'Something went wrong in the video call. Please try again.',
  // Offering the chat (issue 17); the chat's own strings are in chat-messages.ts.
  chatLoadFailed: 'The chat could not be loaded. Please try again.',
  launcherLabelChat: 'Chat',
  launcherLabelBoth: 'Contact us',
  chatTitle: 'Chat',
  chatWithUnread: 'Chat ({count} new)',
  chatIntro: 'Write to our team. What name should the agent see?',
  bothIntro: 'Talk face to face with our team, or write to us. What name should the agent see?',
  startChat: 'Start chat',
  chatIntroNoName: 'Write to our team.',
  bothIntroNoName: 'Talk face to face with our team, or write to us.',
};

/** The panel's strings (English is bundled with it). */
export type Messages = typeof enUS;
/**
 * Every string: the panel's, the chat's and the background picker's (what each language file and
 * a host provide).
 */
export type AllMessages = Messages & ChatMessages & BackgroundMessages;
export type MessageKey = keyof Messages;

/**
 * Fills `{name}` placeholders. Numbers are written the locale's way (`1,234` or `1.234`); a
 * placeholder without a value stays as it is, so a host override with a typo shows, not crashes.
 */
export function format(
  template: string,
  values: Record<string, string | number> = {},
  locale?: string,
): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined) return match;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}
