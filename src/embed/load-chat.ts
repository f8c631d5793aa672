import type { LoadChatChunk } from '../ui/widget-controller';

/** The chat chunk (src/embed/chat-chunk.ts), fetched when a chat starts or resumes. */
export const loadChatChunk: LoadChatChunk = () => import('./chat-chunk');
