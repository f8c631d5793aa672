import { startPulseAudio } from './start-pulse-audio';
import { startXvfb } from './start-xvfb';

/**
 * Once per run, before any worker starts: a virtual display and a sound server for headed Firefox,
 * handed to the browsers through DISPLAY and PULSE_SERVER (workers inherit the runner's
 * environment). A run that already has one (DISPLAY or PULSE_SERVER set, as under `xvfb-run` or on
 * a desktop) uses it and starts nothing. Returns the teardown, which stops only what it started.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const start = async <T>(what: string, starter: () => Promise<T>): Promise<T> => {
    try {
      return await starter();
    } catch (error) {
      throw new Error(
        `Could not start ${what} for Firefox (${(error as Error).message}). Install it with: node scripts/ensure-browsers.mjs`,
        { cause: error },
      );
    }
  };
  if (!process.env.DISPLAY) {
    const xvfb = await start('Xvfb', startXvfb);
    process.env.DISPLAY = xvfb.display;
    stops.push(xvfb.stop);
  }
  if (!process.env.PULSE_SERVER) {
    const pulse = await start('PulseAudio', startPulseAudio);
    process.env.PULSE_SERVER = pulse.server;
    stops.push(pulse.stop);
  }
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
