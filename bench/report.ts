import { BUDGETS, DESCRIPTIONS } from '../scripts/bundle-sizes';
import type { BackgroundResult } from './background';
import type { CyclesResult } from './cycles';
import type { HostCostResult } from './host-cost';
import type { JoinResult } from './join';
import type { LoadResult } from './load';
import type { MixerResult } from './mixer';
import type { SixResult } from './six';
import type { SizeResult } from './sizes';
import type { Spread } from './stats';
import type { SteadyResult } from './steady';

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : '–';
const three = (s: Spread, digits = 0, unit = '') =>
  s.runs
    ? `${fixed(s.min, digits)} / **${fixed(s.median, digits)}** / ${fixed(s.max, digits)}${unit}`
    : '–';
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const mark = (ok: boolean) => (ok ? '✅' : '❌');

type Row = [figure: string, widget: string, comparison: string, result: string, target: string];

/** The Markdown table of `npm run bench` (min / **median** / max over the runs). */
export function markdown(results: Record<string, unknown>): string {
  const rows: Row[] = [];
  const sizes = results.sizes as SizeResult | undefined;
  if (sizes) {
    for (const bundle of sizes.bundles) {
      const budget = BUDGETS[bundle.name];
      rows.push([
        `Size: ${DESCRIPTIONS[bundle.name]}, gzip / brotli`,
        `${kb(bundle.gzip)} / ${kb(bundle.brotli)}`,
        bundle.name === 'media'
          ? `bare SDK (Vite): ${kb(sizes.bareSdk.gzip)} / ${kb(sizes.bareSdk.brotli)}`
          : '',
        budget === undefined ? '' : mark(bundle.gzip <= budget),
        budget === undefined ? '' : `≤ ${kb(budget)} gzip`,
      ]);
    }
  }
  const host = results.host as HostCostResult | undefined;
  if (host) {
    const w = host.with;
    const o = host.without;
    rows.push([
      `Host page LCP, ms (CPU ÷${host.cpuThrottling})`,
      three(w.lcp),
      `without tag: ${three(o.lcp)}`,
      `ratio ${fixed(w.lcp.median / o.lcp.median, 3)} ${mark(w.lcp.median / o.lcp.median <= 1.02)}`,
      '≤ 1.02',
    ]);
    rows.push([
      'Host page CLS',
      three(w.cls, 3),
      `without tag: ${three(o.cls, 3)}`,
      `added ${fixed(w.cls.max - o.cls.max, 3)} ${mark(w.cls.max - o.cls.max <= 0)}`,
      'added 0',
    ]);
    rows.push([
      'Host page INP (a click on the page; 0 = under 16 ms), ms',
      three(w.inp),
      `without tag: ${three(o.inp)}`,
      `added ${fixed(w.inp.median - o.inp.median, 0)} ms`,
      '',
    ]);
    rows.push([
      'Host page total blocking time, ms',
      three(w.tbt),
      `without tag: ${three(o.tbt)}`,
      `added ${fixed(w.tbt.median - o.tbt.median, 0)} ms ${mark(w.tbt.median - o.tbt.median <= 5)}`,
      '≤ 5 ms added',
    ]);
  }
  const join = results.join as JoinResult | undefined;
  if (join) {
    const labels = {
      token: 'token response',
      chunk: 'media chunk ready',
      signaling: 'signaling joined (JOIN_ACK)',
      ice: 'ICE connected',
      firstFrame: "agent's first frame",
    };
    for (const stage of Object.keys(labels) as (keyof typeof labels)[]) {
      const ratio = join.widget[stage].median / join.bareSdk[stage].median;
      rows.push([
        `Join: click → ${labels[stage]}, ms`,
        three(join.widget[stage]),
        `bare SDK: ${three(join.bareSdk[stage])}`,
        stage === 'firstFrame' ? `ratio ${fixed(ratio, 2)} ${mark(ratio <= 1.1)}` : '',
        stage === 'firstFrame' ? '≤ 1.10' : '',
      ]);
    }
  }
  const steady = results.steady as SteadyResult | undefined;
  if (steady) {
    rows.push([
      `Quiet ${steady.seconds} s call: Preact renders/s (${steady.windowSeconds} s windows)`,
      three(steady.widget.renders, 2),
      'bare SDK: no Preact',
      mark(steady.widget.renders.median <= 1),
      '≤ 1',
    ]);
    const ratio = steady.widget.busy.median / steady.bareSdk.busy.median;
    rows.push([
      'Quiet call: main-thread busy, ms per s',
      three(steady.widget.busy, 1),
      `bare SDK: ${three(steady.bareSdk.busy, 1)}`,
      `ratio ${fixed(ratio, 2)} ${mark(ratio <= 1.2)}`,
      '≤ 1.2',
    ]);
  }
  const background = results.background as BackgroundResult | undefined;
  if (background) {
    for (const run of background.capacity)
      rows.push([
        `Background ${run.effect}: processed frames/s at 640×360 (its worker alone, ${run.seconds} s)`,
        fixed(run.framesPerSecond, 1),
        `worker ms per frame: ${three(run.renderMs, 1)}`,
        mark(run.framesPerSecond >= 24),
        '≥ 24',
      ]);
    const { call } = background;
    rows.push(
      [
        `Background blur-high in a quiet call: main-thread CPU, ms per s (${call.seconds} s)`,
        three(call.busyOn, 1),
        `off: ${three(call.busyOff, 1)}; added ${fixed(call.busyOn.median - call.busyOff.median, 1)}`,
        '',
        '',
      ],
      [
        'Background in the call: processed frames/s (the camera sends 15)',
        fixed(call.processedPerSecond, 1),
        '',
        '',
        '',
      ],
      [
        'Background: toggle → first processed frame, ms',
        fixed(call.toggleToFirstFrameMs, 0),
        `fetched ${kb(call.fetchedBytes)} uncompressed (${call.fetchedFiles.length} files)`,
        '',
        '',
      ],
    );
  }
  const cycles = results.cycles as CyclesResult | undefined;
  if (cycles) {
    const codeGrowth = cycles.last.codeBytes - cycles.first.codeBytes;
    const retainedGrowth = cycles.last.retainedBytes - cycles.first.retainedBytes;
    rows.push([
      `${cycles.cycles} start/end cycles: JS heap after GC, MB`,
      three(
        {
          ...cycles.heap,
          min: cycles.heap.min / 1e6,
          median: cycles.heap.median / 1e6,
          max: cycles.heap.max / 1e6,
        },
        2,
      ),
      '',
      `growth ${fixed(cycles.heapGrowthBytes / 1e6, 2)} MB, of which compiled code ${fixed(codeGrowth / 1e6, 2)} MB`,
      '',
    ]);
    rows.push([
      'Cycles: heap snapshot after the first and the last call, all but compiled code (JS and Blink objects, ArrayBuffer contents), MB',
      `${fixed(cycles.first.retainedBytes / 1e6, 2)} → ${fixed(cycles.last.retainedBytes / 1e6, 2)}`,
      '',
      `growth ${fixed(retainedGrowth / 1e6, 2)} MB ${mark(retainedGrowth <= 1e6)}`,
      '≤ 1 MB growth',
    ]);
    rows.push([
      'Cycles: live MediaStreamTracks after each end',
      three(cycles.liveTracks),
      '',
      mark(cycles.liveTracks.max === 0),
      '0',
    ]);
    rows.push([
      'Cycles: open RTCPeerConnections after each end',
      three(cycles.openPcs),
      '',
      mark(cycles.openPcs.max === 0),
      '0',
    ]);
  }
  const six = results.six as SixResult | undefined;
  if (six) {
    const ratio = six.widget.busy.median / six.bareSdk.busy.median;
    rows.push([
      `Six-party call (${six.seconds} s, ${six.windowSeconds} s windows; all ${six.parties} send camera and microphone, ${six.relayedParties} of ${six.parties} relayed through TURN, mixed audio): main-thread CPU time, ms per s`,
      three(six.widget.busy, 1),
      `bare SDK, in the same call: ${three(six.bareSdk.busy, 1)}`,
      `ratio ${fixed(ratio, 2)} ${mark(ratio <= 1.2)}`,
      '≤ 1.2',
    ]);
    rows.push([
      'Six-party call: remote video frames decoded per s (five videos)',
      three(six.widget.framesPerSecond, 0),
      `bare SDK: ${three(six.bareSdk.framesPerSecond, 0)}`,
      '',
      '',
    ]);
    rows.push([
      'Six-party call: Preact renders/s',
      three(six.widget.renders, 2),
      'bare SDK: no Preact',
      '',
      '',
    ]);
    if (six.widget.speakerMoves)
      rows.push([
        'Six-party call: speaker mark moves/s (six fake microphones)',
        three(six.widget.speakerMoves, 2),
        '',
        '',
        '',
      ]);
    rows.push([
      'Six-party call: emulator CPU, % of one core',
      three(six.emulatorCpuPercent, 0),
      `TURN: ${three(six.turnCpuPercent, 0)}`,
      '',
      '',
    ]);
  }
  const mixer = results.mixer as MixerResult | undefined;
  if (mixer) {
    const six = mixer.cpuMsPerSecond['6'] ?? Infinity;
    rows.push([
      `Audio mixer: CPU ms per second of call, everyone talking at once (${mixer.seconds} s of audio per size)`,
      Object.entries(mixer.cpuMsPerSecond)
        .map(([parties, ms]) => `${parties} parties: ${fixed(ms, 1)}`)
        .join('; '),
      `one core mixes ${fixed(1000 / six, 0)} six-party calls`,
      mark(six < 100),
      '6 parties < 100 (a tenth of a core)',
    ]);
  }
  const load = results.load as LoadResult | undefined;
  if (load) {
    rows.push([
      `Emulator under load, every party relayed through TURN: concurrent two-party video calls with < 1% frames lost (${load.stepSeconds} s steps)`,
      `${load.maxCalls}${load.stoppedBy === 'limit' ? '+' : ''}`,
      load.steps
        .map(
          (s) =>
            `${s.calls}: ${fixed(s.lostPercent, 2)}% lost (CPU emulator ${fixed(s.emulatorCpuPercent, 0)}%, TURN ${fixed(s.turnCpuPercent ?? 0, 0)}%, clients ${fixed(s.clientsCpuPercent, 0)}%)`,
        )
        .join('; '),
      mark(load.maxCalls >= 10),
      '≥ 10',
    ]);
  }
  const machine = results.machine as Record<string, unknown>;
  const header = [
    `Measured ${String(machine.date)} on ${String(machine.cpu)}, ${String(machine.memoryGb)} GB, Linux ${String(machine.kernel)}, Node ${String(machine.node)}, ${String(machine.chromium)}.`,
    'Figures are min / **median** / max over the runs.',
    '',
    '| Figure | Widget | Comparison | Result | Target |',
    '| --- | --- | --- | --- | --- |',
  ];
  return [...header, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
