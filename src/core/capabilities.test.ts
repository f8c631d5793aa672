import { describe, expect, it } from 'vitest';
import { canShareScreen, deriveCapabilities, type AllowedCapabilities } from './capabilities';

type Flag = 'SEND' | undefined;
const flags: Flag[] = [undefined, 'SEND'];

// All 16 combinations of Customer/Agent x Video/ScreenShare, each SEND or absent.
const combinations = flags.flatMap((customerVideo) =>
  flags.flatMap((customerScreenShare) =>
    flags.flatMap((agentVideo) =>
      flags.map((agentScreenShare) => ({
        customerVideo,
        customerScreenShare,
        agentVideo,
        agentScreenShare,
      })),
    ),
  ),
);

function allowedFrom(c: (typeof combinations)[number]): AllowedCapabilities {
  // Build the sparse shape Connect uses: absent keys, not keys set to undefined.
  const customer: AllowedCapabilities['Customer'] = {};
  const agent: AllowedCapabilities['Agent'] = {};
  if (c.customerVideo) customer.Video = c.customerVideo;
  if (c.customerScreenShare) customer.ScreenShare = c.customerScreenShare;
  if (c.agentVideo) agent.Video = c.agentVideo;
  if (c.agentScreenShare) agent.ScreenShare = c.agentScreenShare;
  return { Customer: customer, Agent: agent };
}

describe('deriveCapabilities', () => {
  it('has 16 combinations', () => {
    expect(combinations).toHaveLength(16);
  });

  it.each(combinations)('%o', (c) => {
    const caps = deriveCapabilities(allowedFrom(c));
    expect(caps).toEqual({
      customerVideo: c.customerVideo === 'SEND',
      customerScreenShare: c.customerScreenShare === 'SEND',
      agentVideo: c.agentVideo === 'SEND',
      agentScreenShare: c.agentScreenShare === 'SEND',
    });
    // Screen share needs the capability AND an active screen-sharing session.
    expect(canShareScreen(caps, false)).toBe(false);
    expect(canShareScreen(caps, true)).toBe(c.customerScreenShare === 'SEND');
  });

  const none = {
    customerVideo: false,
    customerScreenShare: false,
    agentVideo: false,
    agentScreenShare: false,
  };

  it.each<[string, AllowedCapabilities | undefined]>([
    ['absent AllowedCapabilities', undefined],
    ['empty object', {}],
    ['empty participants', { Customer: {}, Agent: {} }],
    ['values other than SEND', { Customer: { Video: 'RECEIVE', ScreenShare: 'send' } }],
  ])('allows nothing for %s', (_name, allowed) => {
    expect(deriveCapabilities(allowed)).toEqual(none);
  });
});
