import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES, samplesIn } from '../media/audio-mixer.js';
import {
  FlowDefinitionError,
  loadFlowDefinition,
  parseFlowDefinition,
  queueIdFor,
} from './flow-definition.js';
import {
  decodePromptFile,
  DEFAULT_PROMPT_DIR,
  encodePromptFile,
  loadPromptLibrary,
} from './prompt-files.js';

const prompts = new Map([
  ['hello', [Buffer.from([1])]],
  ['music', [Buffer.from([2])]],
]);

const valid = () => ({
  name: 'ok',
  start: 'hello',
  queues: { Sales: { music: 'music', prompt: 'hello', promptEverySeconds: 10 } },
  blocks: {
    hello: { type: 'playPrompt', prompt: 'hello', next: 'menu' },
    menu: {
      type: 'getCustomerInput',
      prompt: 'hello',
      timeoutSeconds: 5,
      maxRetries: 2,
      digits: { '1': 'sales' },
      noInput: 'bye',
      invalid: 'bye',
    },
    sales: { type: 'setWorkingQueue', queue: 'Sales', next: 'enqueue' },
    enqueue: { type: 'transferToQueue' },
    bye: { type: 'disconnect' },
  },
});

/** The problems a definition has, as `path: message` lines. */
function problemsOf(definition: unknown): string[] {
  try {
    parseFlowDefinition(definition, prompts);
  } catch (error) {
    expect(error).toBeInstanceOf(FlowDefinitionError);
    return (error as FlowDefinitionError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

function withBlock(id: string, block: unknown) {
  const definition = valid() as { blocks: Record<string, unknown> };
  definition.blocks[id] = block;
  return definition;
}

describe('parseFlowDefinition', () => {
  it('accepts a valid definition, deriving stable queue ids', () => {
    const flow = parseFlowDefinition(valid(), prompts);
    expect(flow.queues.Sales).toEqual({
      id: queueIdFor('Sales'),
      music: 'music',
      prompt: 'hello',
      promptEverySeconds: 10,
    });
    expect(queueIdFor('Sales')).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
    expect(queueIdFor('Sales')).not.toBe(queueIdFor('Support'));
    expect(flow.blocks.menu).toMatchObject({ type: 'getCustomerInput', maxRetries: 2 });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], '(root): must be a JSON object'],
    ['no start', { ...valid(), start: undefined }, 'start: is required'],
    ['start naming no block', { ...valid(), start: 'nope' }, 'start: names no block'],
    ['unknown top-level member', { ...valid(), extra: 1 }, 'extra: is not a member'],
    [
      'unknown block type',
      withBlock('x', { type: 'playMusic' }),
      'blocks.x.type: must be one of playPrompt',
    ],
    [
      'missing next',
      withBlock('x', { type: 'playPrompt', prompt: 'hello' }),
      'blocks.x.next: is required',
    ],
    [
      'next naming no block',
      withBlock('x', { type: 'playPrompt', prompt: 'hello', next: 'gone' }),
      'blocks.x.next: names no block',
    ],
    [
      'unknown prompt',
      withBlock('x', { type: 'playPrompt', prompt: 'missing', next: 'bye' }),
      'blocks.x.prompt: names no prompt (known: hello, music)',
    ],
    [
      'unknown block member',
      withBlock('x', { type: 'disconnect', next: 'bye' }),
      'blocks.x.next: is not a member of this block (allowed: type)',
    ],
    [
      'timeout of 0',
      withBlock('menu', { ...valid().blocks.menu, timeoutSeconds: 0 }),
      'blocks.menu.timeoutSeconds: must be a number of seconds above 0 and at most 180',
    ],
    [
      'timeout over 180',
      withBlock('menu', { ...valid().blocks.menu, timeoutSeconds: 181 }),
      'blocks.menu.timeoutSeconds: must be a number',
    ],
    [
      'timeout as a string',
      withBlock('menu', { ...valid().blocks.menu, timeoutSeconds: '5' }),
      'blocks.menu.timeoutSeconds: must be a number',
    ],
    [
      'retries over 10',
      withBlock('menu', { ...valid().blocks.menu, maxRetries: 11 }),
      'blocks.menu.maxRetries: must be an integer from 0 to 10',
    ],
    [
      'a two-digit key',
      withBlock('menu', { ...valid().blocks.menu, digits: { '12': 'bye' } }),
      'blocks.menu.digits.12: a key must be one digit: 0-9, * or #',
    ],
    [
      'no digits',
      withBlock('menu', { ...valid().blocks.menu, digits: {} }),
      'blocks.menu.digits: must offer at least one digit',
    ],
    [
      'digit branch naming no block',
      withBlock('menu', { ...valid().blocks.menu, digits: { '1': 'nowhere' } }),
      'blocks.menu.digits.1: names no block',
    ],
    [
      'missing noInput',
      withBlock('menu', { ...valid().blocks.menu, noInput: undefined }),
      'blocks.menu.noInput: is required',
    ],
    [
      'attribute key with a space',
      withBlock('x', { type: 'setContactAttributes', attributes: { 'a b': '1' }, next: 'bye' }),
      'blocks.x.attributes.a b: a key may hold only A-Z a-z 0-9 - _',
    ],
    [
      'attribute value not a string',
      withBlock('x', { type: 'setContactAttributes', attributes: { topic: 1 }, next: 'bye' }),
      'blocks.x.attributes.topic: must be a string',
    ],
    [
      'undeclared queue',
      withBlock('x', { type: 'transferToQueue', queue: 'Billing' }),
      'blocks.x.queue: names no queue in queues (known: Sales)',
    ],
    [
      'queue prompt without its period',
      { ...valid(), queues: { Sales: { prompt: 'hello' } } },
      'queues.Sales: give prompt and promptEverySeconds together, or neither',
    ],
    [
      'queue music that does not exist',
      { ...valid(), queues: { Sales: { music: 'jazz' } } },
      'queues.Sales.music: names no prompt',
    ],
  ])('refuses %s, naming the member', (_, definition, expected) => {
    const problems = problemsOf(definition);
    expect(
      problems.some((p) => p.startsWith(expected)),
      problems.join('\n'),
    ).toBe(true);
  });

  it('lists every problem at once, in one message', () => {
    const definition = withBlock('x', { type: 'playPrompt', prompt: 'missing', next: 'gone' });
    const error = (() => {
      try {
        parseFlowDefinition(definition, prompts, 'my-flow.json');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('my-flow.json is not valid');
    expect(error?.message).toContain('blocks.x.prompt');
    expect(error?.message).toContain('blocks.x.next');
  });

  it('names the file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flow-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "name": ');
    expect(() => loadFlowDefinition(file, prompts)).toThrow(/broken\.json is not valid/);
  });
});

describe('the shipped flows and prompts', () => {
  const library = loadPromptLibrary();

  it('the default flow and the straight-to-queue flow are valid against the committed prompts', () => {
    const flow = loadFlowDefinition(join(import.meta.dirname, 'default-flow.json'), library);
    expect(Object.keys(flow.queues)).toEqual(['Sales', 'Support']);
    expect(flow.blocks.menu).toMatchObject({
      digits: { '1': 'topic-sales', '2': 'topic-support' },
    });
    loadFlowDefinition(join(import.meta.dirname, 'straight-to-queue.json'), library);
  });

  it('every committed prompt is whole 20 ms Opus packets, and all of them stay small', () => {
    expect([...library.keys()]).toEqual(
      expect.arrayContaining(['greeting', 'menu', 'menu-retry', 'queue-music', 'call-important']),
    );
    let bytes = 0;
    for (const [name, packets] of library) {
      expect(packets.length, name).toBeGreaterThan(10);
      // The mixer passes a lone source's packets through only when each holds 20 ms.
      for (const packet of packets) expect(samplesIn(packet)).toBe(FRAME_SAMPLES);
      bytes += encodePromptFile(packets).length;
    }
    expect(bytes).toBeLessThan(120_000);
    expect(DEFAULT_PROMPT_DIR).toMatch(/audio\/?$/);
  });

  it('refuses a prompt file that is not one or is cut short', () => {
    const file = encodePromptFile([Buffer.from([1, 2, 3]), Buffer.from([4])]);
    expect(decodePromptFile(file)).toEqual([Buffer.from([1, 2, 3]), Buffer.from([4])]);
    expect(() => decodePromptFile(file.subarray(0, file.length - 1), 'x.opk')).toThrow(
      'x.opk is cut short',
    );
    expect(() => decodePromptFile(Buffer.from('RIFF'), 'y.opk')).toThrow('no OPK1 header');
  });
});
