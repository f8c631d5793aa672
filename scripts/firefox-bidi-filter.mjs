#!/usr/bin/env node
// Starts Debian's Firefox for Playwright (the Firefox project's executablePath) and stands between
// the two on the WebDriver BiDi socket, so that stock Firefox can be driven by Playwright 1.65.
//
// Why: Playwright sends `emulation.setMediaFeaturesOverride` (for `colorScheme`) for every new
// browser context, and this Firefox ESR does not implement that command: it answers "unknown
// command", and the context, so every test, fails. No launch option avoids it. The command is new
// in WebDriver BiDi (https://github.com/w3c/webdriver-bidi/pull/1076, for the open issue
// https://github.com/w3c/webdriver-bidi/issues/750); Firefox has not shipped it yet.
//
// What: every message passes unchanged, except an "unknown command" error answering that one
// command, which becomes an empty success (the tests never emulate a colour scheme). When Firefox
// implements the command or Playwright stops sending it, nothing is rewritten any more, and
// e2e/firefox-bidi-filter.spec.ts fails to say that this file can go.
import { spawn } from 'node:child_process';
import { WebSocket, WebSocketServer } from 'ws';

const COMMAND = 'emulation.setMediaFeaturesOverride';
const firefox = spawn(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', process.argv.slice(2), {
  stdio: ['inherit', 'pipe', 'pipe'],
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => firefox.kill(signal));
}
firefox.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 0);
});
firefox.on('error', (error) => {
  process.stderr.write(`firefox-bidi-filter: ${error.message}\n`);
  process.exit(1);
});

/** Relays Firefox's output line by line; the line with the BiDi address names the proxy's. */
function relay(from, to) {
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk) => {
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const match = /^(.*WebDriver BiDi listening on )(ws:\/\/\S+)\s*$/.exec(line);
      if (!match) {
        to.write(`${line}\n`);
        continue;
      }
      void listen(match[2]).then((address) => to.write(`${match[1]}${address}\n`));
    }
  });
  from.on('end', () => pending && to.write(pending));
}
relay(firefox.stdout, process.stdout);
relay(firefox.stderr, process.stderr);

/** A loopback WebSocket server that forwards each connection to the same path on Firefox. */
async function listen(upstreamBase) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (client, request) => {
    const upstream = new WebSocket(`${upstreamBase}${request.url ?? ''}`, {
      perMessageDeflate: false,
    });
    const queued = [];
    // Ids of the command's requests on this connection, until Firefox answers them.
    const asked = new Set();
    client.on('message', (data) => {
      const text = String(data);
      if (text.includes(COMMAND)) {
        const message = JSON.parse(text);
        if (message.method === COMMAND) asked.add(message.id);
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else queued.push(text);
    });
    upstream.on('open', () => {
      for (const text of queued.splice(0)) upstream.send(text);
    });
    upstream.on('message', (data) => {
      let text = String(data);
      if (asked.size && text.includes('"unknown command"')) {
        const message = JSON.parse(text);
        if (asked.delete(message.id) && message.error === 'unknown command') {
          process.stderr.write(`firefox-bidi-filter: answered ${COMMAND} (unknown command)\n`);
          text = JSON.stringify({ type: 'success', id: message.id, result: {} });
        }
      }
      if (client.readyState === WebSocket.OPEN) client.send(text);
    });
    const closeBoth = () => {
      client.close();
      upstream.close();
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  });
  return `ws://127.0.0.1:${server.address().port}`;
}
