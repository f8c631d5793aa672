import type { LoadCallSession } from '../ui/widget-controller';

/** The media chunk (the Chime SDK and our adapter), fetched on first use only. */
export const loadCallSession: LoadCallSession = () =>
  import('../media/call-session').then((module) => module.createCallSession);
