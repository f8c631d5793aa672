/**
 * The chat chunk, loaded when the customer starts a chat or comes back to one: the chat's view,
 * its controller and strings, and the amazon-connect-chatjs adapter. The panel holds none of it.
 */
import * as chatModule from '../chat/chat-module';
import { createChatController } from '../ui/chat-controller';
import type { ChatChunk } from '../ui/widget-controller';

export { ChatView } from '../ui/chat-view';

export const createChat: ChatChunk['createChat'] = (options) =>
  createChatController({ ...options, loadChat: () => Promise.resolve(chatModule) });
