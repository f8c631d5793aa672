/**
 * The local demo's capability switches. Each names one `AllowedCapabilities` entry that the token
 * endpoint in local mode sets to `SEND` when the switch is on (`?capabilities=customerVideo,...`).
 * The demo page, that endpoint and the capability tests all read this one list.
 */
export const CAPABILITY_SWITCHES = {
  customerVideo: ['Customer', 'Video'],
  customerScreenShare: ['Customer', 'ScreenShare'],
  agentVideo: ['Agent', 'Video'],
  agentScreenShare: ['Agent', 'ScreenShare'],
} as const;

export type CapabilitySwitch = keyof typeof CAPABILITY_SWITCHES;

export const SWITCH_NAMES = Object.keys(CAPABILITY_SWITCHES) as CapabilitySwitch[];
