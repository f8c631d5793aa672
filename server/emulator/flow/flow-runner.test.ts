import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingAudioPlayer, type RecordedPlay } from '../testing/recording-media-plane.js';
import { parseFlowDefinition } from './flow-definition.js';
import { FlowRun } from './flow-runner.js';

/** Prompts of known lengths (the runner never decodes them): 50 packets = 1 s. */
const seconds = (s: number, tag: number) =>
  Array.from({ length: s * 50 }, () => Buffer.from([tag]));
const prompts = new Map([
  ['greeting', seconds(1, 1)],
  ['menu', seconds(2, 2)],
  ['retry', seconds(2, 3)],
  ['music', seconds(1, 4)],
  ['hold-on', seconds(1, 5)],
  ['bye', seconds(1, 6)],
]);
const nameOf = (play: RecordedPlay) =>
  [...prompts].find(([, packets]) => packets === play.packets)?.[0];

const flow = parseFlowDefinition(
  {
    name: 'test menu',
    start: 'greeting',
    queues: {
      Sales: { music: 'music', prompt: 'hold-on', promptEverySeconds: 5 },
      Support: {},
    },
    blocks: {
      greeting: { type: 'playPrompt', prompt: 'greeting', next: 'menu' },
      menu: {
        type: 'getCustomerInput',
        prompt: 'menu',
        retryPrompt: 'retry',
        timeoutSeconds: 3,
        maxRetries: 1,
        digits: { '1': 'sales', '2': 'support' },
        noInput: 'bye',
        invalid: 'support-queue',
      },
      sales: { type: 'setContactAttributes', attributes: { topic: 'sales' }, next: 'sales-queue' },
      'sales-queue': { type: 'setWorkingQueue', queue: 'Sales', next: 'transfer' },
      support: { type: 'setContactAttributes', attributes: { topic: 'support' }, next: 'x' },
      x: { type: 'setWorkingQueue', queue: 'Support', next: 'transfer' },
      'support-queue': { type: 'transferToQueue', queue: 'Support' },
      transfer: { type: 'transferToQueue' },
      bye: { type: 'playPrompt', prompt: 'bye', next: 'hang-up' },
      'hang-up': { type: 'disconnect' },
    },
  },
  prompts,
);

let plays: RecordedPlay[];
let player: RecordingAudioPlayer;
let attributes: Record<string, string>;
let queued: { id: string; name: string }[];
let disconnects: number;
let run: FlowRun;

beforeEach(() => {
  vi.useFakeTimers();
  plays = [];
  player = new RecordingAudioPlayer('meeting', 'customer', (play) => plays.push(play));
  attributes = {};
  queued = [];
  disconnects = 0;
  run = new FlowRun(flow, prompts, {
    audio: player,
    setAttributes: (set) => Object.assign(attributes, set),
    enqueue: (queue) => queued.push(queue),
    disconnect: () => disconnects++,
  });
  void run.start();
});
afterEach(() => {
  run.stop();
  vi.useRealTimers();
});

/** Advances the fake clock in steps, letting the runner's promises settle between them. */
const after = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('FlowRun', () => {
  it('plays the greeting to its end, then the menu; a valid digit sets the attribute and queues', async () => {
    await after(999);
    expect(plays.map(nameOf)).toEqual(['greeting']);
    await after(1);
    expect(plays.map(nameOf)).toEqual(['greeting', 'menu']);
    expect(plays[0]!.finished).toBe(true);
    await after(2_500); // the menu has ended; within the timeout
    run.dtmf('1');
    await after(0);
    expect(attributes).toEqual({ topic: 'sales' });
    expect(queued).toEqual([{ id: flow.queues.Sales!.id, name: 'Sales' }]);
    expect(run.phase).toBe('queued');
    expect(run.path.map((s) => [s.block, s.outcome])).toEqual([
      ['greeting', undefined],
      ['menu', 'digit 1'],
      ['sales', 'topic=sales'],
      ['sales-queue', 'Sales'],
      ['transfer', 'Sales'],
    ]);
    // Queue music loops.
    expect(nameOf(plays.at(-1)!)).toBe('music');
    expect(plays.at(-1)!.loop).toBe(true);
  });

  it('an invalid digit gets the retry prompt; a second invalid one takes the invalid branch', async () => {
    await after(3_000);
    run.dtmf('9');
    await after(0);
    expect(plays.map(nameOf)).toEqual(['greeting', 'menu', 'retry']);
    expect(queued).toEqual([]);
    await after(2_000);
    run.dtmf('7');
    await after(0);
    expect(run.path.find((s) => s.block === 'menu')?.outcome).toBe('invalid 9, invalid 7');
    expect(queued.map((q) => q.name)).toEqual(['Support']);
    expect(attributes).toEqual({});
  });

  it('no input: the retry prompt after the timeout, then the no-input branch (goodbye, disconnect)', async () => {
    await after(1_000 + 2_000 + 2_999);
    expect(plays.map(nameOf)).toEqual(['greeting', 'menu']);
    await after(1);
    expect(plays.map(nameOf)).toEqual(['greeting', 'menu', 'retry']);
    await after(2_000 + 3_000);
    expect(plays.map(nameOf)).toEqual(['greeting', 'menu', 'retry', 'bye']);
    expect(disconnects).toBe(0);
    await after(1_000);
    expect(disconnects).toBe(1);
    expect(run.phase).toBe('ended');
    expect(run.path.find((s) => s.block === 'menu')?.outcome).toBe('no input, no input');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a digit pressed during the greeting in the touch-tone buffer for the menu, which then plays no prompt', async () => {
    await after(300);
    run.dtmf('2');
    await after(0);
    // The greeting is not cut short: a play prompt block does not listen.
    expect(plays.map(nameOf)).toEqual(['greeting']);
    await after(700);
    expect(plays[0]!.finished).toBe(true);
    expect(plays.map(nameOf)).toEqual(['greeting']);
    expect(attributes).toEqual({ topic: 'support' });
    expect(queued.map((q) => q.name)).toEqual(['Support']);
  });

  it('a digit during the menu prompt cuts it short', async () => {
    await after(1_500);
    run.dtmf('1');
    await after(0);
    expect(plays[1]!.finished).toBe(false);
    expect(queued.map((q) => q.name)).toEqual(['Sales']);
  });

  it('in the queue: music loops, paused every promptEverySeconds for the prompt, then resumes', async () => {
    run.dtmf('1');
    await after(1_000);
    expect(plays.map(nameOf)).toEqual(['greeting', 'music']);
    await after(4_999);
    expect(plays.map(nameOf)).toEqual(['greeting', 'music']);
    await after(1);
    expect(plays.map(nameOf)).toEqual(['greeting', 'music', 'hold-on']);
    expect(plays[1]!.finished).toBe(false);
    await after(1_000);
    expect(plays.map(nameOf)).toEqual(['greeting', 'music', 'hold-on', 'music']);
    // Digits mean nothing in the queue.
    run.dtmf('2');
    await after(0);
    expect(attributes).toEqual({ topic: 'sales' });
  });

  it('stop() during the menu silences the player and leaves no timer behind', async () => {
    await after(3_500); // waiting for input
    expect(vi.getTimerCount()).toBe(1);
    run.stop();
    await after(0);
    expect(player.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await after(60_000);
    expect(plays.map(nameOf)).toEqual(['greeting', 'menu']);
    expect(queued).toEqual([]);
    expect(disconnects).toBe(0);
  });

  it('stop() in the queue stops the music and the periodic prompt', async () => {
    run.dtmf('1');
    await after(1_000);
    run.stop();
    await after(0);
    expect(plays.at(-1)!.finished).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    await after(30_000);
    expect(plays.map(nameOf)).toEqual(['greeting', 'music']);
  });
});

describe('FlowRun guards', () => {
  it('disconnects a flow that loops without a prompt instead of spinning', async () => {
    const looping = parseFlowDefinition(
      {
        name: 'loop',
        start: 'a',
        blocks: {
          a: { type: 'setContactAttributes', attributes: { n: '1' }, next: 'b' },
          b: { type: 'setContactAttributes', attributes: { n: '2' }, next: 'a' },
        },
      },
      prompts,
    );
    let disconnected = 0;
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const loop = new FlowRun(looping, prompts, {
      audio: new RecordingAudioPlayer('m', 'c', () => undefined),
      setAttributes: () => undefined,
      enqueue: () => undefined,
      disconnect: () => disconnected++,
    });
    await loop.start();
    expect(disconnected).toBe(1);
    expect(loop.phase).toBe('ended');
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
