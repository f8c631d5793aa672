import type { AllowedCapabilities } from './config.js';
import { invalidField } from './api-error.js';
import {
  CAPABILITY_SWITCHES,
  SWITCH_NAMES,
  type CapabilitySwitch,
} from '../shared/capability-switches.js';

/**
 * Local mode only: the demo page's switches (and the capability tests) choose the contact's
 * AllowedCapabilities with `?capabilities=customerVideo,agentVideo` on the session URL. A deployed
 * endpoint never reads it: there the capabilities come from its configuration alone.
 */
export function localCapabilities(list: string): AllowedCapabilities {
  const chosen = list.split(',').filter(Boolean);
  const allowed: AllowedCapabilities = { Customer: {}, Agent: {} };
  for (const name of chosen) {
    const target = CAPABILITY_SWITCHES[name as CapabilitySwitch];
    if (!target) {
      throw invalidField('capabilities', `has an unknown switch; use ${SWITCH_NAMES.join(', ')}.`);
    }
    const [party, capability] = target;
    allowed[party][capability] = 'SEND';
  }
  return allowed;
}
