import { spawn, type ChildProcess } from 'node:child_process';

/** A stack of its own, so that killing it harms no other test. Resolves with its base URL. */
export async function startOwnStack(
  env: Record<string, string> = {},
): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    // Relayed through a coturn of its own, as the shared stack is (EMULATOR_TURN=required).
    // Straight to a queue as on the shared stack: these specs are not about the flow.
    env: {
      ...process.env,
      EMULATOR_TURN: 'required',
      EMULATOR_FLOW: 'server/emulator/flow/straight-to-queue.json',
      ...env,
      PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Read stdout for as long as the process lives: a closed pipe would kill it on its next log line.
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      output += String(chunk);
      const match = /Customer demo:\s+(http:\/\/\S+?)\/\s/.exec(output);
      if (match) resolve({ url: match[1]!, process: child });
    });
    child.once('exit', () => reject(new Error(`the stack did not start: ${output}`)));
  });
}
