import { fileURLToPath } from 'node:url';
import { listen, type RunningApp, type UpgradeHandler } from './app.js';
import { createEmulator } from './emulator/emulator.js';
import { ChimeMediaPlane } from './emulator/media/chime-media-plane.js';
import type { MediaPlane } from './emulator/media/media-plane.js';
import type { MeetingTimings } from './emulator/media/meeting.js';
import {
  startTurnServer,
  type TurnServer,
  type TurnTransports,
} from './emulator/media/turn-server.js';
import type { RouteHandler } from './http/route.js';
import { staticFiles } from './http/static-files.js';
import { sendJson } from './http/send-json.js';
import { loadTokenEndpointConfig, type TokenEndpointEnv } from './token/config.js';
import { createConnectClient } from './token/connect-client.js';
import { jsonLogger, type TokenLogger } from './token/logger.js';
import { createTokenEndpoint } from './token/token-endpoint.js';
import { createTokenFaults, tokenFaultRoutes } from './token/token-faults.js';

export interface LocalStackOptions {
  port: number;
  host?: string;
  /** Directory of the built pages; defaults to `dist/` beside this repository's root. */
  staticRoot?: string;
  /** Mount the emulated Amazon Connect and Chime media plane (default true). */
  emulator?: boolean;
  /** Another media plane than the real one (unit tests of the Connect routes). */
  mediaPlane?: MediaPlane;
  mediaTimings?: Partial<MeetingTimings>;
  /** The contact flow definition file (EMULATOR_FLOW); the demo's default flow when absent. */
  flowPath?: string;
  /** Active contacts the emulated instance allows at once (Connect's default quota, 10, if absent). */
  maxConcurrentContacts?: number;
  /** Meetings offer echo reduction (`MeetingFeatures.Audio.EchoReduction: AVAILABLE`). */
  echoReduction?: boolean;
  /**
   * Start coturn with the stack and hand its credentials out in JOIN_ACK, so every call is relayed
   * as in production. `port` 0 picks a free one. Fails when coturn is not installed.
   */
  turn?: { port: number; transports?: TurnTransports };
  /** The origin clients reach this server at; defaults to the address it listens on. */
  publicUrl?: string;
  tokenEndpoint?: {
    /**
     * Where the token endpoint's ConnectClient sends StartWebRTCContact. Defaults to this
     * server's own `/emulator/connect` (known once it listens), or CONNECT_ENDPOINT if set.
     */
    connectEndpoint?: string;
    /** Overrides for local mode (capabilities, origins...); defaults to `process.env`. */
    env?: TokenEndpointEnv;
    logger?: TokenLogger;
  };
}

export interface LocalStack extends RunningApp {
  mediaPlane?: MediaPlane;
  /** The TURN server the stack started, if any. */
  turn?: TurnServer;
}

/**
 * The whole local product in one process: the demo and agent pages, the emulated Amazon Connect and
 * Chime media plane, and the reference token endpoint pointed at the emulator.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const staticRoot = options.staticRoot ?? fileURLToPath(new URL('../dist/', import.meta.url));
  // The listening address is known only once the server is up (port 0 picks one): the parts that
  // need it read it lazily, and the token endpoint is created then.
  let listeningUrl = '';
  const publicUrl = () => options.publicUrl ?? listeningUrl;
  const withEmulator = options.emulator ?? true;
  const turn =
    withEmulator && options.turn && !options.mediaPlane
      ? await startTurnServer(options.turn)
      : undefined;
  const chime =
    withEmulator && !options.mediaPlane
      ? new ChimeMediaPlane({
          publicUrl,
          timings: options.mediaTimings,
          echoReduction: options.echoReduction,
          turn,
        })
      : undefined;
  const mediaPlane = withEmulator ? (options.mediaPlane ?? chime) : undefined;
  const emulator = mediaPlane
    ? createEmulator({
        mediaPlane,
        publicUrl,
        ...(options.flowPath && { defaultFlowPath: options.flowPath }),
        ...(options.maxConcurrentContacts && {
          maxConcurrentContacts: options.maxConcurrentContacts,
        }),
      })
    : undefined;
  const token: { endpoint?: RouteHandler } = {};
  // The token endpoint runs in local mode here, so its test fault switch is mounted too.
  const tokenFaults = createTokenFaults();
  const health: RouteHandler = (_req, res, url) => {
    if (url.pathname !== '/healthz') return false;
    sendJson(res, 200, { status: 'ok' });
    return true;
  };
  const upgrades: UpgradeHandler[] = [
    ...(chime ? [chime.handleUpgrade] : []),
    ...(emulator?.upgrades ?? []),
  ];
  const app = await listen(
    {
      routes: [
        health,
        (req, res, url) => token.endpoint?.(req, res, url) ?? false,
        tokenFaultRoutes(tokenFaults),
        ...(chime ? [chime.handleEvents] : []),
        ...(emulator?.routes ?? []),
        staticFiles(staticRoot),
      ],
      upgrades,
      onClose: async () => {
        emulator?.dispose();
        chime?.close();
        await turn?.close();
      },
    },
    options.port,
    options.host,
  ).catch(async (error: unknown) => {
    await turn?.close();
    throw error;
  });
  listeningUrl = app.url;
  const ownConnect = options.tokenEndpoint?.connectEndpoint === undefined;
  const config = loadTokenEndpointConfig(options.tokenEndpoint?.env ?? process.env, 'local', {
    connectEndpoint: options.tokenEndpoint?.connectEndpoint ?? `${app.url}/emulator/connect`,
    // Guests join through this server's own Participant Service when it also serves Connect.
    ...(ownConnect && { participantEndpoint: `${app.url}/emulator/participant` }),
  });
  token.endpoint = createTokenEndpoint(config, {
    connect: createConnectClient(config),
    logger: options.tokenEndpoint?.logger ?? jsonLogger,
    faults: tokenFaults,
  });
  return { ...app, mediaPlane, turn };
}
