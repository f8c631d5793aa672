import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { PromptLibrary } from './prompt-files.js';

/**
 * The emulator's contact flows: a small declarative stand-in for an Amazon Connect flow, with the
 * voice blocks a web call meets before an agent (server/emulator/README.md, "Contact flows").
 */
export interface FlowDefinition {
  name: string;
  /** The block the contact enters first. */
  start: string;
  queues: Record<string, QueueDefinition>;
  blocks: Record<string, FlowBlock>;
}

export interface QueueDefinition {
  /** QueueInfo.Id in DescribeContact; derived from the name when absent. */
  id: string;
  /** Looped while the contact waits; silence when absent. */
  music?: string;
  /** Played every `promptEverySeconds` while waiting, the music paused meanwhile. */
  prompt?: string;
  promptEverySeconds?: number;
}

export type FlowBlock =
  | { type: 'playPrompt'; prompt: string; next: string }
  | {
      type: 'getCustomerInput';
      prompt: string;
      /** How long to wait for a digit once the prompt has ended. */
      timeoutSeconds: number;
      /** Played instead of `prompt` on each retry; `prompt` again when absent. */
      retryPrompt?: string;
      /** Attempts after the first, on no input or an invalid digit. */
      maxRetries: number;
      /** Digit → next block. */
      digits: Record<string, string>;
      noInput: string;
      invalid: string;
    }
  | { type: 'setContactAttributes'; attributes: Record<string, string>; next: string }
  | { type: 'setWorkingQueue'; queue: string; next: string }
  /** Into the queue (`queue`, else the working queue) until an agent accepts. */
  | { type: 'transferToQueue'; queue?: string; error?: string }
  | { type: 'disconnect' };

export type FlowBlockType = FlowBlock['type'];

export class FlowDefinitionError extends Error {
  constructor(
    readonly problems: { path: string; message: string }[],
    source = 'The flow definition',
  ) {
    super(
      `${source} is not valid:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
    );
    this.name = 'FlowDefinitionError';
  }
}

/** Connect's longest "Get customer input" timeout. */
export const MAX_INPUT_TIMEOUT_SECONDS = 180;
export const MAX_RETRIES = 10;
const MAX_PROMPT_EVERY_SECONDS = 3_600;
/** Connect's rules for contact attribute keys and values (as StartWebRTCContact checks them). */
const ATTRIBUTE_KEY = /^[A-Za-z0-9_-]{1,32767}$/;
const ATTRIBUTE_VALUE_MAX = 32_767;
const DIGIT = /^[0-9*#]$/;
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an untrusted definition (parsed JSON) against the format and itself: every block a
 * transition names exists, every prompt exists in `prompts`, every queue is declared. Throws a
 * FlowDefinitionError listing every problem with the path of the member at fault.
 */
export function parseFlowDefinition(
  input: unknown,
  prompts: PromptLibrary,
  source?: string,
): FlowDefinition {
  const problems: { path: string; message: string }[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  const members = (value: Json, path: string, required: string[], optional: string[] = []) => {
    for (const key of required) {
      if (value[key] === undefined) problem(path ? `${path}.${key}` : key, 'is required');
    }
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key)) {
        problem(
          path ? `${path}.${key}` : key,
          `is not a member of this ${path ? 'block' : 'definition'} (allowed: ${[...required, ...optional].join(', ')})`,
        );
      }
    }
  };
  const string = (value: unknown, path: string, pattern?: RegExp, hint?: string) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || (pattern && !pattern.test(value))) {
      problem(path, hint ?? 'must be a string');
      return undefined;
    }
    return value;
  };
  const number = (value: unknown, path: string, min: number, max: number, integer = false) => {
    if (value === undefined) return undefined;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (integer && !Number.isInteger(value)) ||
      value < min ||
      value > max ||
      (!integer && value === 0)
    ) {
      problem(
        path,
        integer
          ? `must be an integer from ${min} to ${max}`
          : `must be a number of seconds above 0 and at most ${max}`,
      );
      return undefined;
    }
    return value;
  };
  const promptRef = (value: unknown, path: string) => {
    const name = string(value, path);
    if (name !== undefined && !prompts.has(name)) {
      problem(path, `names no prompt (known: ${[...prompts.keys()].join(', ') || 'none'})`);
    }
    return name;
  };

  if (!isObject(input)) {
    throw new FlowDefinitionError([{ path: '(root)', message: 'must be a JSON object' }], source);
  }
  members(input, '', ['name', 'start', 'blocks'], ['queues', '$comment']);
  const name = string(input.name, 'name');
  const start = string(input.start, 'start');

  const queues: Record<string, QueueDefinition> = {};
  if (input.queues !== undefined && !isObject(input.queues)) problem('queues', 'must be an object');
  for (const [queueName, raw] of Object.entries(isObject(input.queues) ? input.queues : {})) {
    const path = `queues.${queueName}`;
    if (!isObject(raw)) {
      problem(path, 'must be an object');
      continue;
    }
    members(raw, path, [], ['id', 'music', 'prompt', 'promptEverySeconds']);
    const id = string(raw.id, `${path}.id`, ID, 'must be 1 to 100 of A-Z a-z 0-9 _ . : -');
    const music = promptRef(raw.music, `${path}.music`);
    const prompt = promptRef(raw.prompt, `${path}.prompt`);
    const every = number(
      raw.promptEverySeconds,
      `${path}.promptEverySeconds`,
      0,
      MAX_PROMPT_EVERY_SECONDS,
    );
    if ((raw.prompt === undefined) !== (raw.promptEverySeconds === undefined)) {
      problem(path, 'give prompt and promptEverySeconds together, or neither');
    }
    queues[queueName] = {
      id: id ?? queueIdFor(queueName),
      ...(music !== undefined && { music }),
      ...(prompt !== undefined && { prompt }),
      ...(every !== undefined && { promptEverySeconds: every }),
    };
  }

  const blocks: Record<string, FlowBlock> = {};
  const transitions: { path: string; target: unknown }[] = [];
  const next = (value: unknown, path: string) => {
    transitions.push({ path, target: value });
    return value as string;
  };
  const queueRef = (value: unknown, path: string) => {
    const queue = string(value, path);
    if (queue !== undefined && !(queue in queues)) {
      problem(
        path,
        `names no queue in queues (known: ${Object.keys(queues).join(', ') || 'none'})`,
      );
    }
    return queue;
  };

  if (!isObject(input.blocks)) {
    if (input.blocks !== undefined) problem('blocks', 'must be an object of blocks by id');
  } else {
    if (Object.keys(input.blocks).length === 0) problem('blocks', 'must hold at least one block');
    for (const [id, raw] of Object.entries(input.blocks)) {
      const path = `blocks.${id}`;
      if (!ID.test(id)) problem(path, 'a block id must be 1 to 100 of A-Z a-z 0-9 _ . : -');
      if (!isObject(raw)) {
        problem(path, 'must be an object');
        continue;
      }
      const block = parseBlock(raw, path);
      if (block) blocks[id] = block;
    }
  }

  function parseBlock(raw: Json, path: string): FlowBlock | undefined {
    switch (raw.type) {
      case 'playPrompt':
        members(raw, path, ['type', 'prompt', 'next']);
        return {
          type: raw.type,
          prompt: promptRef(raw.prompt, `${path}.prompt`) as string,
          next: next(raw.next, `${path}.next`),
        };
      case 'getCustomerInput': {
        members(
          raw,
          path,
          ['type', 'prompt', 'timeoutSeconds', 'digits', 'noInput', 'invalid'],
          ['retryPrompt', 'maxRetries'],
        );
        const digits: Record<string, string> = {};
        if (raw.digits !== undefined && !isObject(raw.digits)) {
          problem(`${path}.digits`, 'must be an object of digit → block id');
        }
        const entries = Object.entries(isObject(raw.digits) ? raw.digits : {});
        if (isObject(raw.digits) && entries.length === 0) {
          problem(`${path}.digits`, 'must offer at least one digit');
        }
        for (const [digit, target] of entries) {
          if (!DIGIT.test(digit)) {
            problem(`${path}.digits.${digit}`, 'a key must be one digit: 0-9, * or #');
          }
          digits[digit] = next(target, `${path}.digits.${digit}`);
        }
        const retryPrompt = promptRef(raw.retryPrompt, `${path}.retryPrompt`);
        return {
          type: raw.type,
          prompt: promptRef(raw.prompt, `${path}.prompt`) as string,
          timeoutSeconds: number(
            raw.timeoutSeconds,
            `${path}.timeoutSeconds`,
            0,
            MAX_INPUT_TIMEOUT_SECONDS,
          ) as number,
          ...(retryPrompt !== undefined && { retryPrompt }),
          maxRetries: number(raw.maxRetries ?? 0, `${path}.maxRetries`, 0, MAX_RETRIES, true) ?? 0,
          digits,
          noInput: next(raw.noInput, `${path}.noInput`),
          invalid: next(raw.invalid, `${path}.invalid`),
        };
      }
      case 'setContactAttributes': {
        members(raw, path, ['type', 'attributes', 'next']);
        const attributes: Record<string, string> = {};
        if (raw.attributes !== undefined && !isObject(raw.attributes)) {
          problem(`${path}.attributes`, 'must be an object of key → string value');
        }
        for (const [key, value] of Object.entries(isObject(raw.attributes) ? raw.attributes : {})) {
          const at = `${path}.attributes.${key}`;
          if (!ATTRIBUTE_KEY.test(key)) problem(at, 'a key may hold only A-Z a-z 0-9 - _');
          if (typeof value !== 'string' || value.length > ATTRIBUTE_VALUE_MAX) {
            problem(at, `must be a string of at most ${ATTRIBUTE_VALUE_MAX} characters`);
          } else attributes[key] = value;
        }
        return { type: raw.type, attributes, next: next(raw.next, `${path}.next`) };
      }
      case 'setWorkingQueue':
        members(raw, path, ['type', 'queue', 'next']);
        return {
          type: raw.type,
          queue: queueRef(raw.queue, `${path}.queue`) as string,
          next: next(raw.next, `${path}.next`),
        };
      case 'transferToQueue': {
        members(raw, path, ['type'], ['queue', 'error']);
        const queue = queueRef(raw.queue, `${path}.queue`);
        const error = raw.error === undefined ? undefined : next(raw.error, `${path}.error`);
        return {
          type: raw.type,
          ...(queue !== undefined && { queue }),
          ...(error !== undefined && { error }),
        };
      }
      case 'disconnect':
        members(raw, path, ['type']);
        return { type: raw.type };
      default:
        problem(
          `${path}.type`,
          'must be one of playPrompt, getCustomerInput, setContactAttributes, setWorkingQueue, transferToQueue, disconnect',
        );
        return undefined;
    }
  }

  for (const { path, target } of transitions) {
    if (typeof target !== 'string') {
      if (target !== undefined) problem(path, 'must be the id of a block');
    } else if (isObject(input.blocks) && !(target in input.blocks)) {
      problem(path, `names no block (known: ${Object.keys(input.blocks).join(', ')})`);
    }
  }
  if (start !== undefined && isObject(input.blocks) && !(start in input.blocks)) {
    problem('start', `names no block (known: ${Object.keys(input.blocks).join(', ')})`);
  }

  if (problems.length > 0) throw new FlowDefinitionError(problems, source);
  return { name: name as string, start: start as string, queues, blocks };
}

/** Reads and checks a definition file; errors name the file. */
export function loadFlowDefinition(path: string, prompts: PromptLibrary): FlowDefinition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FlowDefinitionError(
      [{ path: '(file)', message: (error as Error).message }],
      `The flow definition ${path}`,
    );
  }
  return parseFlowDefinition(json, prompts, `The flow definition ${path}`);
}

/**
 * A queue's stable id when the definition gives none: UUID-shaped as Connect's queue ids are, the
 * same for the same name on every start, so tests and logs can rely on it.
 */
export function queueIdFor(name: string): string {
  const hex = createHash('sha256').update(`queue:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
