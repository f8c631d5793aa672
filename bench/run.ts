// `npm run bench`: builds everything, starts the local stack on a free loopback port, measures
// every figure of issue 6 side by side, writes bench/results.json and bench/results.md and prints
// the Markdown table.
//
// BENCH_HOST_RUNS (default 15) page loads with and without the tag, BENCH_RUNS (5) joins,
// BENCH_STEADY_SECONDS (60) per quiet call, BENCH_CYCLES (20), BENCH_SIX_SECONDS (30) of the
// six-party call, BENCH_MIXER_SECONDS (30) of mixed audio per call size, BENCH_LOAD_SECONDS (10) per
// load step, BENCH_LOAD_LADDER (comma-separated call counts);
// BENCH_BACKGROUND_SECONDS (20) of a call with the background effect off, then on;
// BENCH_ONLY=sizes,host,join,steady,cycles,six,background,mixer,load runs a subset.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem, release } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch } from './browser';
import { measureBackground } from './background';
import { measureCycles } from './cycles';
import { measureHostCost } from './host-cost';
import { measureJoin, WIDGET_CUSTOMER } from './join';
import { measureLoad } from './load';
import { measureMixer } from './mixer';
import { markdown } from './report';
import { measureSix } from './six';
import { measureSizes } from './sizes';
import { startStack } from './stack';
import { measureSteady } from './steady';

const root = resolve(import.meta.dirname, '..');
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const only = new Set(
  (process.env.BENCH_ONLY ?? 'sizes,host,join,steady,cycles,six,background,mixer,load').split(','),
);

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

if (!process.env.BENCH_NO_BUILD) {
  run('npm', ['run', '--silent', 'build']);
  run('npx', ['vite', 'build', '-c', 'bench/vite.bench.config.ts']);
  // The profile build: the production widget with a render counter, for the steady state.
  for (const config of ['vite.lib.config.ts', 'vite.loader.config.ts'])
    run('npx', [
      'vite',
      'build',
      '-c',
      config,
      '--mode',
      'profile',
      '--outDir',
      'dist/bench/widget-profile',
      '--logLevel',
      'warn',
    ]);
  writeHostVariants();
}

/**
 * The host page with the script tag, as a business adds it, beside the page without it: the same
 * built file with one more line.
 */
function writeHostVariants(): void {
  const page = readFileSync(resolve(root, 'dist/bench/host.html'), 'utf8');
  for (const [variant, loader] of [
    ['widget', '/widget/connect-video.js'],
    ['widget-profile', '/bench/widget-profile/connect-video.js'],
  ] as const) {
    const tag = `<script src="${loader}" data-token-endpoint="/api/session" data-display-name="${WIDGET_CUSTOMER}" data-participant-service-endpoint="/emulator/participant" async></script>`;
    writeFileSync(
      resolve(root, `dist/bench/host-${variant}.html`),
      page.replace('</body>', `  ${tag}\n  </body>`),
    );
  }
}

const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
const machine = {
  cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  kernel: release(),
  node: process.version,
  chromium: chromium.stdout?.trim() || 'unknown',
  date: new Date().toISOString(),
};

const results: Record<string, unknown> = { machine };
const stack = await startStack();
const browser = await launch();
try {
  const step = async <T>(name: string, measure: () => Promise<T> | T) => {
    if (!only.has(name)) return;
    const started = Date.now();
    console.error(`bench: ${name}…`);
    results[name] = await measure();
    console.error(`bench: ${name} done in ${Math.round((Date.now() - started) / 1000)} s`);
  };
  await step('sizes', () => measureSizes());
  // Paint times come in steps of a few ms: the page-load figures need more runs than the join.
  await step('host', () => measureHostCost(browser, stack.url, env('BENCH_HOST_RUNS', 15)));
  await step('join', () => measureJoin(browser, stack.url, env('BENCH_RUNS', 5)));
  await step('steady', () => measureSteady(browser, stack.url, env('BENCH_STEADY_SECONDS', 60)));
  await step('cycles', () => measureCycles(browser, stack.url, env('BENCH_CYCLES', 20)));
  await step('six', () => measureSix(browser, stack, env('BENCH_SIX_SECONDS', 30)));
  await step('background', () =>
    measureBackground(browser, stack.url, env('BENCH_BACKGROUND_SECONDS', 20)),
  );
  await browser.close();
  await step('mixer', () => measureMixer(env('BENCH_MIXER_SECONDS', 30)));
  // BENCH_LOAD_LADDER=30,40,50 runs only those steps (e.g. to look for the ceiling again).
  const ladder = process.env.BENCH_LOAD_LADDER?.split(',').map(Number);
  await step('load', () => measureLoad(stack, env('BENCH_LOAD_SECONDS', 10), ladder));
} finally {
  await browser.close().catch(() => undefined);
  await stack.close();
}

writeFileSync(resolve(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
const table = markdown(results);
writeFileSync(resolve(root, 'bench/results.md'), `# npm run bench\n\n${table}\n`);
console.log(table);
