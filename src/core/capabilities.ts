/**
 * StartWebRTCContact's `AllowedCapabilities`, as the token endpoint returns it beside the response
 * (the response itself does not echo it; see connect-webrtc.md, step 2). The only value Connect
 * defines is `SEND`; any other string is kept but allows nothing.
 */
export interface ParticipantCapabilities {
  Video?: string;
  ScreenShare?: string;
}

export interface AllowedCapabilities {
  Customer?: ParticipantCapabilities;
  Agent?: ParticipantCapabilities;
}

/** What the UI gates on: which controls the customer gets and which remote tiles are shown. */
export interface Capabilities {
  /** Customer camera control and self view. */
  customerVideo: boolean;
  /** Customer screen share, once the contact's screen-sharing session is also active. */
  customerScreenShare: boolean;
  /** The agent's video tile. */
  agentVideo: boolean;
  /** The agent's screen-share (content) tile. */
  agentScreenShare: boolean;
}

// Absent means not allowed, and only SEND allows: Connect's API reference for AllowedCapabilities.
const allows = (value: string | undefined): boolean => value === 'SEND';

export function deriveCapabilities(allowed: AllowedCapabilities | undefined): Capabilities {
  return {
    customerVideo: allows(allowed?.Customer?.Video),
    customerScreenShare: allows(allowed?.Customer?.ScreenShare),
    agentVideo: allows(allowed?.Agent?.Video),
    agentScreenShare: allows(allowed?.Agent?.ScreenShare),
  };
}

/**
 * The customer's share control is live only when the contact allows it AND Connect has started the
 * contact's screen-sharing session (between the ScreenSharingStarted and ScreenSharingStopped data
 * messages, see screen-sharing-message.ts).
 */
export function canShareScreen(caps: Capabilities, screenSharingActive: boolean): boolean {
  return caps.customerScreenShare && screenSharingActive;
}
