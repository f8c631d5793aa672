import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../server/emulator/testing/emulator-harness';
import { ParticipantConnection } from './participant-connection';

let h: Harness;
let proxy: Server;
/** What reached the participant service through the proxy, in order, and whether another was in flight. */
let messages: { content: string; overlapping: boolean }[];

/**
 * The emulator behind a proxy that holds the answer to the first SendMessage for a while, as a
 * slow network path would: what the widget sends next must still arrive after it.
 */
beforeEach(async () => {
  h = await startHarness();
  messages = [];
  let inFlight = 0;
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const isMessage = request.url?.endsWith('/participant/message') ?? false;
      if (isMessage) {
        const { Content } = JSON.parse(body.toString()) as { Content: string };
        messages.push({ content: Content, overlapping: inFlight > 0 });
        inFlight++;
        if (messages.length === 1) await new Promise((resolve) => setTimeout(resolve, 150));
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
        ),
      );
      const answer = await fetch(`${h.app.url}${request.url}`, {
        method: request.method,
        headers,
        body: request.method === 'GET' ? undefined : body,
      });
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(Buffer.from(await answer.arrayBuffer()));
      if (isMessage) inFlight--;
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  // The widget resolves a relative endpoint against the page's address.
  vi.stubGlobal('location', new URL('http://127.0.0.1/'));
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await new Promise((resolve) => proxy.close(resolve));
  await h.close();
});

it('sends DTMF keys in the order they were pressed, one request at a time', async () => {
  const contact = await h.startContact();
  const { port } = proxy.address() as AddressInfo;
  const connection = new ParticipantConnection(contact.ParticipantToken as string, {
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}/emulator/participant`,
  });
  await Promise.all([connection.sendDtmf('4'), connection.sendDtmf('2')]);
  expect(messages).toEqual([
    { content: '4', overlapping: false },
    { content: '2', overlapping: false },
  ]);
  await connection.disconnect();
});
