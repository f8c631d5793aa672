import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { childrenOf, cpuSeconds, sumCpuSeconds } from './process-cpu';
import type { Stack } from './stack';

export interface LoadStep {
  calls: number;
  connected: number;
  framesSent: number;
  framesWhole: number;
  lostPercent: number;
  /** The emulator process's CPU use during the step (100 = one core). */
  emulatorCpuPercent: number;
  /** The load clients' process (all the parties), likewise. */
  clientsCpuPercent: number;
  /** The stack's TURN server (coturn, a child of the stack), which relays every party's media. */
  turnCpuPercent: number;
}

export interface LoadResult {
  stepSeconds: number;
  steps: LoadStep[];
  /** The most calls of a step with less than 1% of frames lost. */
  maxCalls: number;
  /** Why the ramp stopped: a step lost 1% or more, or the largest step passed. */
  stoppedBy: 'loss' | 'limit';
}

function runStep(stack: Stack, calls: number, seconds: number): Promise<LoadStep> {
  return new Promise((done, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(import.meta.dirname, 'load-client.ts'),
        stack.url,
        String(calls),
        String(seconds),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    );
    let output = '';
    let cpu = 0;
    let clientsCpu = 0;
    const turnPids = childrenOf(stack.pid);
    let turnCpu = 0;
    // The clients say when they start and stop counting: CPU is sampled over exactly that span.
    const sample = () => ({
      at: Date.now(),
      stack: cpuSeconds(stack.pid),
      clients: cpuSeconds(child.pid!),
      turn: sumCpuSeconds(turnPids),
    });
    let first: ReturnType<typeof sample> | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!first && /^counting$/m.test(output)) first = sample();
      if (first && !cpu && /^counted$/m.test(output)) {
        const last = sample();
        const span = (last.at - first.at) / 1000;
        cpu = ((last.stack - first.stack) / span) * 100;
        clientsCpu = ((last.clients - first.clients) / span) * 100;
        turnCpu = ((last.turn - first.turn) / span) * 100;
      }
    });
    child.once('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      try {
        const r = JSON.parse(line) as { connected: number; sent: number; whole: number };
        done({
          calls,
          connected: r.connected,
          framesSent: r.sent,
          framesWhole: r.whole,
          lostPercent: r.sent ? (1 - r.whole / r.sent) * 100 : 100,
          emulatorCpuPercent: cpu,
          clientsCpuPercent: clientsCpu,
          turnCpuPercent: turnCpu,
        });
      } catch {
        reject(new Error(`load step of ${calls} calls failed (exit ${code}): ${output}`));
      }
    });
  });
}

/**
 * Two-party video calls, every party relayed through the stack's TURN server as the SDK is, added
 * step by step until a step loses 1% of frames or more, or the largest step passes. The clients run in one process beside the emulator's: on a 2-core machine, each has
 * a core.
 */
export async function measureLoad(
  stack: Stack,
  stepSeconds: number,
  // Past Connect's default quota (10) until a step loses frames: the ceiling, not just the quota.
  ladder = [1, 2, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100],
): Promise<LoadResult> {
  const steps: LoadStep[] = [];
  let maxCalls = 0;
  for (const calls of ladder) {
    const step = await runStep(stack, calls, stepSeconds);
    steps.push(step);
    console.error(
      `bench: load ${calls} calls: ${step.lostPercent.toFixed(2)}% lost, emulator CPU ${step.emulatorCpuPercent.toFixed(0)}%, TURN ${step.turnCpuPercent.toFixed(0)}%, clients ${step.clientsCpuPercent.toFixed(0)}%`,
    );
    if (step.lostPercent >= 1 || step.connected < calls * 2) {
      return { stepSeconds, steps, maxCalls, stoppedBy: 'loss' };
    }
    maxCalls = calls;
    // Let the emulator close the previous step's meetings.
    await new Promise((r) => setTimeout(r, 2_000));
  }
  return { stepSeconds, steps, maxCalls, stoppedBy: 'limit' };
}
