/**
 * A few lines at the very end of the run: the machine (processor, cores, vector extensions, load),
 * a short single-core pace figure, the run's wall time, and the slowest tests. A CI log is often
 * read from its end only; when a run is slower than here or fails on time limits, these lines say
 * whether the machine was slow and where the time went.
 */
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { deflateSync } from 'node:zlib';

const SLOWEST = 8;

/**
 * Milliseconds to compress 8 MiB of pseudo-random six-bit bytes, the best of three: 170 to 185 on
 * the machine these tests were tuned on.
 */
function paceMs(): number {
  const data = Buffer.alloc(1 << 20);
  let x = 2463534242;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = (x >>> 0) % 64;
  }
  const times = [0, 1, 2].map(() => {
    const started = performance.now();
    for (let i = 0; i < 8; i++) deflateSync(data, { level: 6 });
    return performance.now() - started;
  });
  return Math.round(Math.min(...times));
}

function vectorExtensions(): string {
  try {
    const flags = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(' ');
    return ['avx2', 'avx512f'].filter((flag) => flags?.includes(flag)).join(' ') || 'no avx2';
  } catch {
    return 'unknown';
  }
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

export default class RunSummaryReporter implements Reporter {
  private started = Date.now();
  private startLoad = load();
  private pace = 0;
  private results: { title: string; ms: number; status: string }[] = [];

  onBegin(): void {
    this.started = Date.now();
    this.startLoad = load();
    this.pace = paceMs();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const project = test.parent.project()?.name ?? '';
    const retry = result.retry ? ` (retry ${result.retry})` : '';
    this.results.push({
      title: `[${project}] ${test.location.file.split('/').pop()}:${test.location.line} ${test.title.slice(0, 60)}${retry}`,
      ms: result.duration,
      status: result.status,
    });
  }

  onEnd(result: FullResult): void {
    const minutes = ((Date.now() - this.started) / 60_000).toFixed(1);
    const testMinutes = (this.results.reduce((sum, r) => sum + r.ms, 0) / 60_000).toFixed(1);
    const slowest = [...this.results].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST);
    const lines = [
      `Run summary: ${result.status} in ${minutes} min (${testMinutes} min of tests, ${this.results.length} runs)`,
      `  machine: ${cpus()[0]?.model ?? 'unknown'}, ${availableParallelism()} cores, ${vectorExtensions()}, ` +
        `${Math.round(totalmem() / 2 ** 30)} GiB; pace ${this.pace} ms (about 175 where tuned); ` +
        `load ${this.startLoad} at the start, ${load()} at the end`,
      '  slowest:',
      ...slowest.map((r) => `    ${(r.ms / 1000).toFixed(1)} s ${r.status} ${r.title}`),
    ];
    console.log(lines.join('\n'));
  }

  printsToStdio(): boolean {
    return true;
  }
}
