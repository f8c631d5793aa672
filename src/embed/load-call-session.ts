import type { LoadMedia } from '../ui/widget-controller';

/** The media chunk (the Chime SDK, our adapter and the device check), fetched on first use only. */
export const loadCallSession: LoadMedia = () => import('../media/media-module');
