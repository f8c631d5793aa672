import type { UpgradeHandler } from '../app.js';
import type { RouteHandler } from '../http/route.js';
import { createChatStore, type ChatStore } from './chat/chat-store.js';
import { chatWebsocket, chatWebsocketUrl } from './chat/chat-websocket.js';
import { adminRoutes } from './admin-routes.js';
import { connectApi } from './connect-api.js';
import { createContactStore, type ContactStore } from './contact-store.js';
import { createFaultSwitch, type FaultSwitch } from './fault-switch.js';
import { createFlowCatalog, type FlowCatalog } from './flow/flow-catalog.js';
import type { PromptLibrary } from './flow/prompt-files.js';
import type { MediaPlane } from './media/media-plane.js';
import { participantApi } from './participant-api.js';

export interface EmulatorOptions {
  mediaPlane: MediaPlane;
  /** The origin the browser and SDK clients reach this server at, e.g. `http://localhost:8080`. */
  publicUrl: () => string;
  /** Active contacts allowed per instance at once (Amazon Connect's default quota is 10). */
  maxConcurrentContacts?: number;
  /** Active chats allowed per instance at once (Connect's concurrent active chats quota). */
  maxConcurrentChats?: number;
  /** Clock in epoch milliseconds, for tests. */
  now?: () => number;
  /**
   * The definition file of the flow that contacts run when their ContactFlowId has none
   * registered (`PUT /emulator/flows/{id}`); the demo's flow/default-flow.json when absent.
   */
  defaultFlowPath?: string;
  /** The prompts flows may name; the committed flow/audio/*.opk when absent. */
  prompts?: PromptLibrary;
}

export interface Emulator {
  /** Mount these on the server: Connect API, Participant API, then the admin and fault routes. */
  routes: RouteHandler[];
  /** Mount these on the server too: the Participant Service's chat websocket. */
  upgrades: UpgradeHandler[];
  contacts: ContactStore;
  chats: ChatStore;
  faults: FaultSwitch;
  flows: FlowCatalog;
  /** Stops listening to the media plane. */
  dispose(): void;
}

/** The emulated Amazon Connect control plane over a media plane. */
export function createEmulator({
  mediaPlane,
  publicUrl,
  maxConcurrentContacts = 10,
  maxConcurrentChats = 100,
  now,
  defaultFlowPath,
  prompts,
}: EmulatorOptions): Emulator {
  const flows = createFlowCatalog({
    ...(defaultFlowPath && { defaultFlowPath }),
    ...(prompts && { prompts }),
  });
  const contacts = createContactStore({
    mediaPlane,
    flows,
    maxConcurrentContacts,
    ...(now && { now }),
  });
  const chats = createChatStore({
    flows,
    maxConcurrentChats,
    websocketUrl: (token) => chatWebsocketUrl(publicUrl(), token),
    ...(now && { now }),
  });
  const websocket = chatWebsocket(chats);
  const faults = createFaultSwitch();
  return {
    routes: [
      connectApi(contacts, faults, chats),
      participantApi(contacts, chats),
      adminRoutes({ store: contacts, chats, faults, flows, mediaPlane, publicUrl }),
    ],
    upgrades: [websocket.handleUpgrade],
    contacts,
    chats,
    faults,
    flows,
    dispose: () => {
      contacts.dispose();
      chats.dispose();
      websocket.close();
    },
  };
}
