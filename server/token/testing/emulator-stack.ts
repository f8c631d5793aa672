import { ConnectClient } from '@aws-sdk/client-connect';
import { listen, type RunningApp } from '../../app.js';
import { createEmulator, type Emulator, type EmulatorOptions } from '../../emulator/emulator.js';
import type { MediaPlane } from '../../emulator/media/media-plane.js';
import type { RouteHandler } from '../../http/route.js';

export interface EmulatorStack {
  app: RunningApp;
  emulator: Emulator;
  /** The real ConnectClient a token endpoint of that region uses, pointed at the emulator. */
  connectClient(region: string): ConnectClient;
  close(): Promise<void>;
}

/**
 * A token endpoint's tests against the emulated Amazon Connect: one loopback server that tries
 * `routes` (the endpoint under test) before the emulator's. `mediaPlane` is made once the server's
 * address, which it reports to browsers, is known.
 */
export async function startEmulatorStack({
  routes,
  mediaPlane,
  ...options
}: {
  routes: RouteHandler[];
  mediaPlane: (publicUrl: () => string) => MediaPlane;
} & Omit<EmulatorOptions, 'mediaPlane' | 'publicUrl'>): Promise<EmulatorStack> {
  let base = '';
  const publicUrl = () => base;
  const emulator = createEmulator({ ...options, mediaPlane: mediaPlane(publicUrl), publicUrl });
  const app = await listen(
    { routes: [...routes, ...emulator.routes], upgrades: emulator.upgrades },
    0,
  );
  base = app.url;
  return {
    app,
    emulator,
    connectClient: (region) =>
      new ConnectClient({
        endpoint: `${app.url}/emulator/connect`,
        region,
        credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
        maxAttempts: 1,
      }),
    async close() {
      emulator.dispose();
      await app.close();
    },
  };
}
