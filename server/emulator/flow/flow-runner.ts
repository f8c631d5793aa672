import type { AudioPlayer } from '../media/media-plane.js';
import type { FlowBlock, FlowDefinition } from './flow-definition.js';
import type { PromptLibrary } from './prompt-files.js';

/** What the flow does to its contact, carried out by the contact store. */
export interface FlowContact {
  /** The customer's ear: plays into the meeting's mix for the customer alone. */
  audio: AudioPlayer;
  setAttributes(attributes: Record<string, string>): void;
  /** The contact joins a queue: agents may accept it from now on. */
  enqueue(queue: { id: string; name: string }): void;
  /** A disconnect block: Connect ends the contact (CONTACT_FLOW_DISCONNECT). */
  disconnect(): void;
  /**
   * A chat's flow: each prompt is sent as a message instead of played (resolving at once), and the
   * queue has no music. Digits come from the customer's messages.
   */
  say?(prompt: string): void;
}

/** One step of the contact's way through the flow, as the agent console shows it. */
export interface FlowStep {
  block: string;
  type: FlowBlock['type'];
  /** What happened there: `digit 1`, `invalid 7`, `no input`, `retry`, a queue name... */
  outcome?: string;
}

export type FlowPhase = 'running' | 'queued' | 'ended';

/**
 * More blocks than this in a row that take no time (attributes, working queue) can only be a loop
 * without a prompt or an input in it: the contact is disconnected rather than the server spinning.
 */
const MAX_INSTANT_BLOCKS = 100;

/** Why a wait ended early: the flow was stopped (hang-up, accept, end). */
const STOPPED = Symbol('stopped');

/**
 * One contact's run through a flow. Prompts play to their end at real-time pace through the
 * contact's player; DTMF digits that arrive while no "Get customer input" listens are kept, in
 * order, in the touch-tone buffer, and the next input block takes the first of them without
 * playing its prompt (Connect's default buffer behaviour); a digit during an input block's prompt
 * interrupts it. `stop()` ends everything at once: audio, timers, waits.
 */
export class FlowRun {
  readonly path: FlowStep[] = [];
  phase: FlowPhase = 'running';
  /** The block the contact is in now. */
  block?: string;
  workingQueue?: string;
  private readonly buffer: string[] = [];
  private digitWaiter?: (digit: string) => void;
  private readonly stopWaiters = new Set<() => void>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly flow: FlowDefinition,
    private readonly prompts: PromptLibrary,
    private readonly contact: FlowContact,
  ) {}

  /** Runs the flow from its start block; resolves when it ends, is queued or stopped. */
  async start(): Promise<void> {
    let id: string | undefined = this.flow.start;
    let instant = 0;
    while (id !== undefined && this.phase === 'running') {
      const block: FlowBlock = this.flow.blocks[id]!;
      this.block = id;
      const step: FlowStep = { block: id, type: block.type };
      this.path.push(step);
      id = await this.runBlock(block, step);
      if (this.phase !== 'running') return;
      // A block that played or waited resets the count; one that took no time adds to it.
      const tookNoTime = block.type === 'setContactAttributes' || block.type === 'setWorkingQueue';
      instant = tookNoTime ? instant + 1 : 0;
      if (instant > MAX_INSTANT_BLOCKS) {
        console.error('Flow "%s" loops without a prompt: disconnecting.', this.flow.name);
        this.contact.disconnect();
        this.stop();
      }
    }
  }

  /** Digits from the customer (SendMessage audio/dtmf); commas are pauses, not digits. */
  dtmf(digits: string): void {
    if (this.phase !== 'running') return;
    for (const digit of digits.replace(/,/g, '')) {
      const waiter = this.digitWaiter;
      if (waiter) {
        this.digitWaiter = undefined;
        waiter(digit);
      } else this.buffer.push(digit);
    }
  }

  /** Ends the run now: what plays stops, timers are cleared, the player leaves the meeting. */
  stop(): void {
    if (this.phase === 'ended') return;
    this.phase = 'ended';
    this.digitWaiter = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.contact.audio.close();
    for (const wake of [...this.stopWaiters]) wake();
  }

  private async runBlock(block: FlowBlock, step: FlowStep): Promise<string | undefined> {
    switch (block.type) {
      case 'playPrompt':
        await this.play(block.prompt);
        return block.next;
      case 'getCustomerInput':
        return this.getInput(block, step);
      case 'setContactAttributes':
        this.contact.setAttributes(block.attributes);
        step.outcome = Object.entries(block.attributes)
          .map(([key, value]) => `${key}=${value}`)
          .join(', ');
        return block.next;
      case 'setWorkingQueue':
        this.workingQueue = block.queue;
        step.outcome = block.queue;
        return block.next;
      case 'transferToQueue': {
        const name = block.queue ?? this.workingQueue;
        if (name === undefined) {
          step.outcome = 'no working queue';
          if (block.error !== undefined) return block.error;
          this.contact.disconnect();
          this.stop();
          return undefined;
        }
        step.outcome = name;
        this.enqueue(name);
        return undefined;
      }
      case 'disconnect':
        this.contact.disconnect();
        this.stop();
        return undefined;
    }
  }

  private async getInput(
    block: Extract<FlowBlock, { type: 'getCustomerInput' }>,
    step: FlowStep,
  ): Promise<string | undefined> {
    const outcomes: string[] = [];
    let failure: 'noInput' | 'invalid' = 'noInput';
    for (let attempt = 0; attempt <= block.maxRetries; attempt++) {
      const prompt = attempt > 0 ? (block.retryPrompt ?? block.prompt) : block.prompt;
      const digit = await this.collectDigit(prompt, block.timeoutSeconds * 1000);
      if (digit === STOPPED) return undefined;
      if (digit !== undefined && digit in block.digits) {
        outcomes.push(`digit ${digit}`);
        step.outcome = outcomes.join(', ');
        return block.digits[digit];
      }
      failure = digit === undefined ? 'noInput' : 'invalid';
      outcomes.push(digit === undefined ? 'no input' : `invalid ${digit}`);
      step.outcome = outcomes.join(', ');
    }
    return failure === 'noInput' ? block.noInput : block.invalid;
  }

  /**
   * One attempt: a buffered digit answers at once; otherwise the prompt plays (a digit cuts it
   * short) and the timeout runs from its end.
   */
  private async collectDigit(
    prompt: string,
    timeoutMs: number,
  ): Promise<string | undefined | typeof STOPPED> {
    const buffered = this.buffer.shift();
    if (buffered !== undefined) return buffered;
    let heard: string | undefined;
    this.digitWaiter = (digit) => {
      heard = digit;
      this.contact.audio.stop();
    };
    await this.play(prompt);
    if (this.phase !== 'running') return STOPPED;
    if (heard !== undefined) return heard;
    const result = await this.wait<string | undefined>(timeoutMs, (resolve) => {
      this.digitWaiter = resolve;
    });
    this.digitWaiter = undefined;
    return result;
  }

  /** Plays a prompt to its end (or until stopped or cut short). */
  private async play(prompt: string): Promise<void> {
    if (this.phase === 'ended') return;
    if (this.contact.say) {
      this.contact.say(prompt);
      return;
    }
    await this.contact.audio.play(this.prompts.get(prompt) ?? []);
  }

  /**
   * Waits `ms` (undefined then) unless `arm`'s resolve is called first, or the run is stopped
   * (STOPPED then).
   */
  private wait<T>(
    ms: number,
    arm: (resolve: (value: T) => void) => void,
  ): Promise<T | undefined | typeof STOPPED> {
    if (this.phase === 'ended') return Promise.resolve(STOPPED);
    return new Promise((resolve) => {
      const finish = (value: T | undefined | typeof STOPPED) => {
        clearTimeout(this.timer);
        this.timer = undefined;
        this.stopWaiters.delete(onStop);
        resolve(value);
      };
      const onStop = () => finish(STOPPED);
      this.stopWaiters.add(onStop);
      this.timer = setTimeout(() => finish(undefined), ms);
      arm((value) => finish(value));
    });
  }

  /**
   * In the queue until stopped (the agent accepts, the customer hangs up): the music loops, and
   * every `promptEverySeconds` it pauses for the queue's prompt. The touch-tone buffer is dropped:
   * digits no longer mean anything here.
   */
  private enqueue(name: string): void {
    const queue = this.flow.queues[name]!;
    this.phase = 'queued';
    this.block = undefined;
    this.buffer.length = 0;
    this.contact.enqueue({ id: queue.id, name });
    void this.queueLoop(queue);
  }

  private async queueLoop(queue: FlowDefinition['queues'][string]): Promise<void> {
    const music = queue.music === undefined ? undefined : this.prompts.get(queue.music);
    while (this.phase === 'queued') {
      if (music && !this.contact.say) void this.contact.audio.play(music, { loop: true });
      if (queue.prompt === undefined || queue.promptEverySeconds === undefined) return;
      const woke = await this.wait<never>(queue.promptEverySeconds * 1000, () => undefined);
      if (woke === STOPPED || this.phase !== 'queued') return;
      await this.play(queue.prompt);
    }
  }
}
