import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface Stack {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * The local stack (emulator, token endpoint, built pages) in its own process on a free loopback
 * port, as `npm start` runs it: its CPU is its own, apart from the browser and the load clients.
 */
export async function startStack(): Promise<Stack> {
  const root = resolve(import.meta.dirname, '..');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    // Relayed through a coturn of its own, as production relays every call.
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_NO_WARNINGS: '1',
      EMULATOR_TURN: 'required',
      // The bench measures calls, not the flow: contacts are queued as the customer joins.
      EMULATOR_FLOW: 'server/emulator/flow/straight-to-queue.json',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`the stack did not start:\n${output}`)),
      60_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Customer demo:\s+(http:\/\/\S+?)\/?\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        // The server prints localhost; the bench uses the loopback address it listens on.
        resolveUrl(match[1]!.replace('localhost', '127.0.0.1'));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the stack exited (${code}):\n${output}`)));
  });
  // Request logs are not part of the table.
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url,
    pid: child.pid!,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
