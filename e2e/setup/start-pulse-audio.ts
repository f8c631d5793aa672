import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PulseAudio daemon of its own with two null sinks (Debian's `pulseaudio`): without a sound server
 * Firefox's AudioContext stays suspended and `resume()` never settles, and Firefox has no speaker
 * to list. Its own runtime directory keeps it apart from any other
 * sound server on the machine. Resolves with the address for PULSE_SERVER and its stop function.
 */
export async function startPulseAudio(): Promise<{ server: string; stop: () => Promise<void> }> {
  const runtime = await mkdtemp(join(tmpdir(), 'connect-video-pulse-'));
  const env = { ...process.env, PULSE_RUNTIME_PATH: runtime };
  await run(
    'pulseaudio',
    [
      '--daemonize=yes',
      '--exit-idle-time=-1',
      // No default.pa: only what is loaded here (no hardware, no network, no X11 bell).
      '-n',
      '--load=module-native-protocol-unix auth-anonymous=1',
      // Two speakers, so that the tests can choose one (Firefox lists them once the microphone is
      // allowed).
      '--load=module-null-sink sink_name=e2e sink_properties=device.description=E2E',
      '--load=module-null-sink sink_name=e2e-2 sink_properties=device.description=E2E-2',
      '--log-target=stderr',
      '--log-level=error',
    ],
    { env },
  );
  return {
    server: `unix:${join(runtime, 'native')}`,
    stop: async () => {
      await run('pulseaudio', ['--kill'], { env }).catch(() => undefined);
      await rm(runtime, { recursive: true, force: true });
    },
  };
}
