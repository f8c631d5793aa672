import type { AllowedCapabilities } from './config.js';
import { invalidField } from './api-error.js';

const SWITCHES = {
  customerVideo: ['Customer', 'Video'],
  customerScreenShare: ['Customer', 'ScreenShare'],
  agentVideo: ['Agent', 'Video'],
  agentScreenShare: ['Agent', 'ScreenShare'],
} as const;

/**
 * Local mode only: the demo page's switches (and the capability tests) choose the contact's
 * AllowedCapabilities with `?capabilities=customerVideo,agentVideo` on the session URL. A deployed
 * endpoint never reads it: there the capabilities come from its configuration alone.
 */
export function localCapabilities(list: string): AllowedCapabilities {
  const chosen = list.split(',').filter(Boolean);
  const allowed: AllowedCapabilities = { Customer: {}, Agent: {} };
  for (const name of chosen) {
    const target = SWITCHES[name as keyof typeof SWITCHES];
    if (!target) {
      throw invalidField(
        'capabilities',
        `has an unknown switch; use ${Object.keys(SWITCHES).join(', ')}.`,
      );
    }
    const [party, capability] = target;
    allowed[party][capability] = 'SEND';
  }
  return allowed;
}
