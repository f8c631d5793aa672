import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../playwright.config';
import { sleep } from './stats';

/** The end-to-end tests' Chromium flags: fake camera and microphone, loopback WebRTC. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...chromiumArgs,
      // Timers of pages in the background must not be throttled: several pages run at once.
      '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows',
    ],
  });
}

export interface BenchMarks {
  wsCreated?: number;
  joinAck?: number;
  iceConnected?: number;
  firstFrame?: number;
}

/** What the instrumentation records in the page, on `window.__bench`. */
export interface BenchRecord {
  clicks: number[];
  marks: BenchMarks;
}

/**
 * Runs in the page before its own scripts: records clicks, the signaling socket's creation and
 * first message (JOIN_ACK), ICE connected, the first frame of a remote video, and every
 * RTCPeerConnection and MediaStreamTrack, for the widget and the bare SDK page alike.
 */
export function instrument(): void {
  // Connections and tracks are held weakly, so that the bench itself does not keep ended calls
  // alive: a track's listeners reach the SDK's meeting, and through it the peer connection.
  type Bench = BenchRecord & {
    pcs: WeakRef<RTCPeerConnection>[];
    tracks: WeakRef<MediaStreamTrack>[];
  };
  const bench: Bench = { clicks: [], marks: {}, pcs: [], tracks: [] };
  (window as unknown as { __bench: Bench }).__bench = bench;
  const mark = (name: keyof BenchMarks) => {
    bench.marks[name] ??= performance.now();
  };
  addEventListener('click', (event) => bench.clicks.push(event.timeStamp), true);

  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/signaling/')) return;
      mark('wsCreated');
      this.addEventListener('message', () => mark('joinAck'), { once: true });
    }
  };

  const remoteVideo = new Set<string>();
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      bench.pcs.push(new WeakRef(this));
      this.addEventListener('iceconnectionstatechange', () => {
        if (['connected', 'completed'].includes(this.iceConnectionState)) mark('iceConnected');
      });
      this.addEventListener('track', (event) => {
        bench.tracks.push(new WeakRef(event.track));
        if (event.track.kind === 'video') remoteVideo.add(event.track.id);
      });
    }
  };

  const devices = navigator.mediaDevices;
  for (const method of ['getUserMedia', 'getDisplayMedia'] as const) {
    const original = devices[method].bind(devices) as (
      c?: MediaStreamConstraints,
    ) => Promise<MediaStream>;
    devices[method] = (async (constraints?: MediaStreamConstraints) => {
      const stream = await original(constraints);
      bench.tracks.push(...stream.getTracks().map((track) => new WeakRef(track)));
      return stream;
    }) as never;
  }

  const srcObject = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject')!;
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...srcObject,
    set(this: HTMLMediaElement, value: MediaProvider | null) {
      srcObject.set!.call(this, value);
      if (
        this instanceof HTMLVideoElement &&
        value instanceof MediaStream &&
        value.getVideoTracks().some((track) => remoteVideo.has(track.id))
      ) {
        this.requestVideoFrameCallback(() => mark('firstFrame'));
      }
    },
  });
}

/**
 * A function of this file as an init script. tsx compiles the bench with esbuild's keepNames, which
 * calls a `__name` helper that exists in Node only: the page gets a stand-in.
 */
export function pageScript(fn: () => void): { content: string } {
  return { content: `var __name = (target) => target; (${fn.toString()})();` };
}

/** Live tracks and open peer connections, as the instrumentation saw them. */
export function mediaLeftovers(page: Page): Promise<{ liveTracks: number; openPcs: number }> {
  return page.evaluate(() => {
    const bench = (
      window as unknown as {
        __bench: { pcs: WeakRef<RTCPeerConnection>[]; tracks: WeakRef<MediaStreamTrack>[] };
      }
    ).__bench;
    return {
      // A collected track has released its device, and a collected connection is closed.
      liveTracks: bench.tracks.filter((ref) => ref.deref()?.readyState === 'live').length,
      openPcs: bench.pcs.filter((ref) => {
        const pc = ref.deref();
        return pc !== undefined && pc.connectionState !== 'closed';
      }).length,
    };
  });
}

export function benchRecord(page: Page): Promise<BenchRecord> {
  return page.evaluate(() => {
    const { clicks, marks } = (window as unknown as { __bench: BenchRecord }).__bench;
    return { clicks, marks };
  });
}

/**
 * The agent, played by the bench: a plain Chime SDK page (the end-to-end fixture) that joins each
 * contact of the given customer name as soon as it appears. The agent console polls once a second;
 * this polls every 25 ms, so that the agent's delay does not blur the customer's join time.
 */
export class BenchAgent {
  private constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}
  private stopped = false;
  private watching?: Promise<void>;
  private answered = new Set<string>();

  static async open(context: BrowserContext, baseUrl: string): Promise<BenchAgent> {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/e2e/fixtures/chime-client.html`);
    return new BenchAgent(page, baseUrl);
  }

  /** Answers every new contact of this customer name until `stop()`. */
  answer(displayName: string): void {
    this.stopped = false;
    this.watching = (async () => {
      while (!this.stopped) {
        const response = await fetch(`${this.baseUrl}/emulator/contacts`);
        const { contacts } = (await response.json()) as {
          contacts: { ContactId: string; DisplayName: string; state: string; queue: unknown }[];
        };
        const next = contacts.find(
          (c) =>
            c.DisplayName === displayName &&
            c.state === 'INITIATED' &&
            // An agent may accept only once the flow has put the contact in a queue.
            c.queue !== null &&
            !this.answered.has(c.ContactId),
        );
        if (!next) {
          await sleep(25);
          continue;
        }
        this.answered.add(next.ContactId);
        const accepted = await fetch(
          `${this.baseUrl}/emulator/contacts/${encodeURIComponent(next.ContactId)}/accept`,
          { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
        );
        const { ConnectionData } = (await accepted.json()) as { ConnectionData: unknown };
        await this.page.evaluate(async (connectionData) => {
          await Promise.resolve()
            .then(() => window.fixture.leave())
            .catch(() => undefined);
          await window.fixture.join(connectionData as never, { video: true });
        }, ConnectionData);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.watching?.catch(() => undefined);
    await this.page.evaluate(() =>
      Promise.resolve()
        .then(() => window.fixture.leave())
        .catch(() => undefined),
    );
  }
}

export const uniqueName = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;
