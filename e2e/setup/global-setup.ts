import type { FullConfig } from '@playwright/test';
import { startPulseAudio } from './start-pulse-audio';
import { startXvfb } from './start-xvfb';

/**
 * Once per run, before any worker starts: virtual displays and a sound server for headed Firefox,
 * handed to the browsers through the environment, which workers inherit: one display per worker
 * (E2E_DISPLAYS, picked by playwright.config.ts), since two Firefox windows on one display take
 * each other's focus and a test that checks focus then fails; PULSE_SERVER for all. A run that
 * already has them (DISPLAY or PULSE_SERVER set, as under `xvfb-run` or on a desktop) uses those
 * and starts nothing. Returns the teardown, which stops only what it started.
 */
export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
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
    const displays: string[] = [];
    for (let worker = 0; worker < Math.max(1, config.workers); worker++) {
      const xvfb = await start('Xvfb', startXvfb);
      displays.push(xvfb.display);
      stops.push(xvfb.stop);
    }
    process.env.E2E_DISPLAYS = displays.join(' ');
    process.env.DISPLAY = displays[0];
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
