import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const root = resolve(import.meta.dirname, '..');

/**
 * The widget imports the Chime SDK module by module (src/media/chime-sdk.ts) so that the bundle
 * leaves out what the widget never uses. One SDK module, PromoteToPrimaryMeetingTask, requires the
 * SDK's whole index for two names: this points that require at a module with just those two.
 */
export function chimeSlim(): Plugin {
  return {
    name: 'connect-video:chime-slim',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '..' && importer?.endsWith('/task/PromoteToPrimaryMeetingTask.js'))
        return resolve(root, 'src/media/chime-sdk-status.ts');
      return undefined;
    },
  };
}
