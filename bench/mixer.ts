// The audio mixer's cost: one meeting of N parties, every one talking at once (the worst case: each
// listener's downlink is decoded, summed and encoded), run for `seconds` of audio as fast as it
// goes. Reported as CPU milliseconds per second of call, so 1000 / figure is how many such calls
// one core could mix.
import { cpuUsage } from 'node:process';
import { AudioMixer, FRAME_MS, type MixListener } from '../server/emulator/media/audio-mixer';
import { opusTone } from '../server/emulator/testing/opus-tone';

export interface MixerResult {
  seconds: number;
  /** Parties in the call → CPU ms spent mixing per second of call. */
  cpuMsPerSecond: Record<string, number>;
}

export function measureMixer(seconds: number, parties = [2, 3, 6]): MixerResult {
  const cpuMsPerSecond: Record<string, number> = {};
  for (const count of parties) {
    const keys = Array.from({ length: count }, (_, i) => i);
    // Distinct tones, so no two talkers' packets are alike.
    const talk = keys.map((i) => opusTone(300 + 150 * i, 50));
    const listeners: MixListener<number>[] = keys.map((key) => ({
      key,
      hears: (source) => source !== key,
      send: () => undefined,
    }));
    const mixer = new AudioMixer(() => listeners);
    const frames = (seconds * 1000) / FRAME_MS;
    const warmUp = 50;
    let before = cpuUsage();
    for (let frame = 0; frame < warmUp + frames; frame++) {
      if (frame === warmUp) before = cpuUsage();
      for (const key of keys) mixer.push(key, talk[key]![frame % 50]!);
      mixer.mixFrame();
    }
    const used = cpuUsage(before);
    mixer.stop();
    cpuMsPerSecond[count] = (used.user + used.system) / 1000 / seconds;
  }
  return { seconds, cpuMsPerSecond };
}
