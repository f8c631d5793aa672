import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChatStore } from './chat-store.js';

export const CHAT_WEBSOCKET_PATH = '/emulator/chat/websocket';
export const CHAT_TOPIC = 'aws/chat';
/** How long a socket stays open after its chat ended, so the chat.ended event gets through. */
const CLOSE_AFTER_END_MS = 1_000;

/**
 * The websocket URL CreateParticipantConnection hands out. amazon-connect-chatjs accepts only
 * `wss://` or `ws://127.0.0.1:` (its WebSocket manager's validWSUrl), so a plain-HTTP emulator
 * reached as `localhost` is named by its loopback address.
 */
export function chatWebsocketUrl(publicUrl: string, token: string): string {
  const url = new URL(CHAT_WEBSOCKET_PATH, publicUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  if (url.protocol === 'ws:' && url.hostname === 'localhost') url.hostname = '127.0.0.1';
  url.searchParams.set('token', token);
  return url.toString();
}

const send = (ws: WebSocket, message: unknown) => {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
};

/**
 * The Participant Service's websocket, as the WebSocket manager of amazon-connect-chatjs speaks
 * it: `{topic, content}` frames; `aws/subscribe` answered with the topics subscribed;
 * `aws/heartbeat` and `aws/ping` (its deep heartbeat) answered at once; each chat item as
 * `{topic: "aws/chat", contentType: "application/json", content: "<the item as JSON>"}`.
 */
export function chatWebsocket(store: ChatStore) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const serve = (ws: WebSocket, contactId: string, participantId: string) => {
    const connectionId = randomUUID();
    let stopListening: (() => void) | undefined;
    let closeTimer: NodeJS.Timeout | undefined;
    const subscribe = () => {
      if (stopListening) return;
      stopListening = store.listen(contactId, (item) => {
        send(ws, {
          topic: CHAT_TOPIC,
          contentType: 'application/json',
          content: JSON.stringify(item),
        });
        if (item.ContentType === 'application/vnd.amazonaws.connect.event.chat.ended') {
          closeTimer = setTimeout(() => ws.close(1000, 'The chat has ended.'), CLOSE_AFTER_END_MS);
          closeTimer.unref?.();
        }
      });
      store.subscribed(contactId, participantId);
    };
    ws.on('message', (data) => {
      let frame: { topic?: unknown; content?: { topics?: unknown } };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        send(ws, { message: 'The message is not JSON.', connectionId, requestId: randomUUID() });
        return;
      }
      switch (frame.topic) {
        case 'aws/subscribe':
        case 'aws/unsubscribe': {
          const topics = Array.isArray(frame.content?.topics) ? frame.content.topics : [];
          const known = topics.length > 0 && topics.every((topic) => topic === CHAT_TOPIC);
          if (known && frame.topic === 'aws/subscribe') subscribe();
          if (known && frame.topic === 'aws/unsubscribe') {
            stopListening?.();
            stopListening = undefined;
          }
          send(ws, {
            topic: frame.topic,
            content: { status: known ? 'success' : 'failure', topics },
          });
          return;
        }
        case 'aws/heartbeat':
          send(ws, { topic: 'aws/heartbeat' });
          return;
        case 'aws/ping':
          send(ws, { topic: 'aws/ping', statusCode: 200, statusContent: 'OK' });
          return;
        default:
          send(ws, { message: 'Unknown topic.', connectionId, requestId: randomUUID() });
      }
    });
    ws.on('close', () => {
      stopListening?.();
      clearTimeout(closeTimer);
    });
  };

  return {
    /** Takes the upgrade for the chat websocket path; false for other paths. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const url = new URL(req.url ?? '/', 'http://emulator');
      if (url.pathname !== CHAT_WEBSOCKET_PATH) return false;
      const owner = store.websocketOwner(url.searchParams.get('token') ?? '');
      if (!owner) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => serve(ws, owner.contactId, owner.participantId));
      return true;
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
