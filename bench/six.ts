// A call of six, as Amazon Connect builds one: the widget's customer and the agent console, then
// four more parties that Connect's CreateParticipant adds to the customer's contact, each joining
// with the Participant Service's WebRTCConnection. One of the four is the bare SDK page, so that the
// widget and the bare SDK are measured in the same call, over the same seconds.
import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { ConnectClient, CreateParticipantCommand } from '@aws-sdk/client-connect';
import {
  ConnectParticipantClient,
  CreateParticipantConnectionCommand,
} from '@aws-sdk/client-connectparticipant';
import type { ConnectionData } from '../console/chime-call';
import { instrument, pageScript } from './browser';
import { openWidgetPage, WIDGET_CUSTOMER } from './join';
import { childrenOf, cpuSeconds, sumCpuSeconds } from './process-cpu';
import type { Stack } from './stack';
import { sleep, spread, type Spread } from './stats';

export interface SixWindow {
  widgetBusyMsPerSecond: number;
  bareSdkBusyMsPerSecond: number;
  widgetRendersPerSecond: number;
  /** How often the speaker mark moved to someone (a `data-speaking` turned true). */
  speakerMovesPerSecond: number;
  /** Remote video frames decoded per second, all five remote videos together. */
  widgetFramesPerSecond: number;
  bareSdkFramesPerSecond: number;
  /** The emulator process's CPU use (100 = one core). */
  emulatorCpuPercent: number;
  /** The stack's coturn, which relays every party's media. */
  turnCpuPercent: number;
}

export interface SixResult {
  parties: number;
  seconds: number;
  windowSeconds: number;
  /** From the widget's start until every party decodes the video of all the others. */
  settleSeconds: number;
  /** Remote videos each party was decoding when the measured seconds began. */
  videosDecoded: Record<string, number>;
  /** Parties whose every connected peer connection goes through a TURN relay candidate. */
  relayedParties: number;
  windows: SixWindow[];
  widget: { busy: Spread; renders: Spread; speakerMoves: Spread; framesPerSecond: Spread };
  bareSdk: { busy: Spread; framesPerSecond: Spread };
  emulatorCpuPercent: Spread;
  turnCpuPercent: Spread;
}

const PARTIES = 6;
/** The widget's customer and the agent are two; CreateParticipant adds the bare SDK page and these. */
const GUESTS = ['Six guest 1', 'Six guest 2', 'Six guest 3'];
// Any credentials do locally; the clients sign their requests as they would for AWS.
const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

interface EmulatedContact {
  InstanceId: string;
  ContactId: string;
  DisplayName: string;
  state: string;
}

/** The widget customer's contact, once the agent has accepted it. */
async function connectedContact(baseUrl: string, timeoutMs = 60_000): Promise<EmulatedContact> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/emulator/contacts`);
    const { contacts } = (await response.json()) as { contacts: EmulatedContact[] };
    // Earlier steps' calls of the same customer have ended (DISCONNECTED).
    const contact = contacts.find(
      (c) => c.DisplayName === WIDGET_CUSTOMER && c.state === 'CONNECTED',
    );
    if (contact) return contact;
    await sleep(250);
  }
  throw new Error('six: the agent console did not accept the widget customer’s contact');
}

/** CreateParticipant on the contact, then CreateParticipantConnection for its meeting. */
async function addParticipant(
  baseUrl: string,
  contact: EmulatedContact,
  displayName: string,
): Promise<ConnectionData> {
  const connect = new ConnectClient({
    endpoint: `${baseUrl}/emulator/connect`,
    region: 'us-east-1',
    credentials,
  });
  const participant = new ConnectParticipantClient({
    endpoint: `${baseUrl}/emulator/participant`,
    region: 'us-east-1',
    credentials,
  });
  const added = await connect.send(
    new CreateParticipantCommand({
      InstanceId: contact.InstanceId,
      ContactId: contact.ContactId,
      ParticipantDetails: {
        DisplayName: displayName,
        ParticipantRole: 'CUSTOMER',
        ParticipantCapabilities: { Video: 'SEND' },
      },
    }),
  );
  const connection = await participant.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: added.ParticipantCredentials!.ParticipantToken!,
      Type: ['WEBRTC_CONNECTION'],
    }),
  );
  connect.destroy();
  participant.destroy();
  return connection.WebRTCConnection as ConnectionData;
}

/** Frames decoded so far by each remote video the page receives, from its own WebRTC stats. */
function decodedFrames(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const { pcs } = (window as unknown as { __bench: { pcs: WeakRef<RTCPeerConnection>[] } })
      .__bench;
    const frames: Record<string, number> = {};
    for (const [index, ref] of pcs.entries()) {
      const pc = ref.deref();
      if (!pc || pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report: { type: string; kind?: string; id: string }) => {
        if (report.type !== 'inbound-rtp' || report.kind !== 'video') return;
        frames[`${index}/${report.id}`] =
          (report as unknown as { framesDecoded?: number }).framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

const total = (frames: Record<string, number>) =>
  Object.values(frames).reduce((sum, n) => sum + n, 0);

/**
 * Remote videos whose decoded frames grew between two looks: a stream the page subscribed to once
 * and no longer receives keeps its stats report, and must not count.
 */
async function videosDecoding(page: Page): Promise<number> {
  const before = await decodedFrames(page);
  await sleep(2_000);
  const after = await decodedFrames(page);
  return Object.entries(after).filter(([id, frames]) => frames > (before[id] ?? 0)).length;
}

/** Whether every connected peer connection of the page sends through a TURN relay candidate. */
function relayedOnly(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const { pcs } = (window as unknown as { __bench: { pcs: WeakRef<RTCPeerConnection>[] } })
      .__bench;
    let connected = 0;
    let relayed = 0;
    for (const ref of pcs) {
      const pc = ref.deref();
      if (pc?.connectionState !== 'connected') continue;
      connected += 1;
      const stats = await pc.getStats();
      let relay = false;
      stats.forEach((report: { type: string; selectedCandidatePairId?: string }) => {
        if (report.type !== 'transport' || !report.selectedCandidatePairId) return;
        const pair = stats.get(report.selectedCandidatePairId) as
          { localCandidateId?: string } | undefined;
        const local = pair?.localCandidateId ? stats.get(pair.localCandidateId) : undefined;
        if ((local as { candidateType?: string } | undefined)?.candidateType === 'relay')
          relay = true;
      });
      if (relay) relayed += 1;
    }
    return connected > 0 && relayed === connected;
  });
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/**
 * A six-party call, every party a Chromium page with camera and microphone, relayed through the
 * stack's TURN server and mixed by its audio mixer; once every party decodes everyone's video,
 * `seconds` of it in windows of `windowSeconds`: main-thread time of the widget page and of the
 * bare SDK page, side by side, and the CPU of the emulator and of TURN.
 */
export async function measureSix(
  browser: Browser,
  stack: Stack,
  seconds: number,
  windowSeconds = 10,
): Promise<SixResult> {
  const baseUrl = stack.url;
  const contexts: BrowserContext[] = [];
  // A context each: pages of one context may share a renderer, and with it a main thread.
  const party = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.addInitScript(pageScript(instrument));
    return page;
  };
  let contact: EmulatedContact | undefined;
  try {
    const agent = await party();
    // The emulator's agent console, accepting the bench customer's contact by itself.
    await agent.goto(
      `${baseUrl}/agent.html?autoAccept=1&displayName=${encodeURIComponent(WIDGET_CUSTOMER)}`,
    );
    const widget = await party();
    // The profile build, as the quiet call: the production build with a render counter.
    await openWidgetPage(widget, baseUrl, 'widget-profile');
    const startedAt = Date.now();
    await widget.evaluate(() => window.ConnectVideo!.start());
    // Connect refuses CreateParticipant until the first customer is connected to the agent.
    contact = await connectedContact(baseUrl);

    const bareSdk = await party();
    await bareSdk.goto(`${baseUrl}/bench/bare-sdk.html`);
    const bareData = await addParticipant(baseUrl, contact, 'Six bare SDK');
    await bareSdk.evaluate((data) => window.bareSdkJoin(data), bareData);
    const guests: Page[] = [];
    for (const name of GUESTS) {
      const guest = await party();
      await guest.goto(`${baseUrl}/e2e/fixtures/chime-client.html`);
      const data = await addParticipant(baseUrl, contact, name);
      await guest.evaluate((d) => window.fixture.join(d as never, { video: true }), data);
      guests.push(guest);
    }

    const pages: Record<string, Page> = { widget, agent, bareSdk };
    GUESTS.forEach((name, i) => (pages[name] = guests[i]!));
    const videosDecoded: Record<string, number> = {};
    const deadline = Date.now() + 120_000;
    for (;;) {
      const counts = await Promise.all(Object.values(pages).map(videosDecoding));
      Object.keys(pages).forEach((name, i) => (videosDecoded[name] = counts[i]!));
      if (counts.every((n) => n >= PARTIES - 1)) break;
      if (Date.now() > deadline) {
        throw new Error(
          `six: not every party decodes the other five videos: ${JSON.stringify(videosDecoded)}`,
        );
      }
    }
    const settleSeconds = (Date.now() - startedAt) / 1000;
    const relayed = await Promise.all(Object.values(pages).map(relayedOnly));
    // As the quiet call: a few seconds for the SDK's bandwidth estimate and layouts to settle.
    await sleep(5_000);

    const widgetCdp = await widget.context().newCDPSession(widget);
    const bareCdp = await bareSdk.context().newCDPSession(bareSdk);
    // Thread time, not wall time: six pages decoding five videos each keep both cores busy, so a
    // task's wall time is mostly waiting for a core, shared out by the scheduler rather than by what
    // the page does (wall-time ratios of the same build moved between 1.0 and 2.2 from run to run).
    await widget.evaluate(() => {
      const counter = window as { __benchSpeakerMoves?: number };
      counter.__benchSpeakerMoves = 0;
      const root = document.querySelector('[data-connect-video-host]')?.shadowRoot;
      new MutationObserver((records) => {
        for (const record of records)
          if ((record.target as Element).getAttribute('data-speaking') === 'true')
            counter.__benchSpeakerMoves!++;
      }).observe(root ?? document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-speaking'],
      });
    });
    await widgetCdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await bareCdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const turnPids = childrenOf(stack.pid);
    const look = async () => ({
      at: performance.now(),
      widgetTask: await taskSeconds(widgetCdp),
      bareTask: await taskSeconds(bareCdp),
      renders: await widget.evaluate(
        () => (window as { __connectVideoRenders?: number }).__connectVideoRenders ?? 0,
      ),
      speakerMoves: await widget.evaluate(
        () => (window as { __benchSpeakerMoves?: number }).__benchSpeakerMoves ?? 0,
      ),
      widgetFrames: total(await decodedFrames(widget)),
      bareFrames: total(await decodedFrames(bareSdk)),
      emulator: cpuSeconds(stack.pid),
      turn: sumCpuSeconds(turnPids),
    });
    const windows: SixWindow[] = [];
    let last = await look();
    for (let elapsed = 0; elapsed < seconds; elapsed += windowSeconds) {
      await sleep(Math.min(windowSeconds, seconds - elapsed) * 1000);
      const next = await look();
      const span = (next.at - last.at) / 1000;
      windows.push({
        widgetBusyMsPerSecond: ((next.widgetTask - last.widgetTask) * 1000) / span,
        bareSdkBusyMsPerSecond: ((next.bareTask - last.bareTask) * 1000) / span,
        widgetRendersPerSecond: (next.renders - last.renders) / span,
        speakerMovesPerSecond: (next.speakerMoves - last.speakerMoves) / span,
        widgetFramesPerSecond: (next.widgetFrames - last.widgetFrames) / span,
        bareSdkFramesPerSecond: (next.bareFrames - last.bareFrames) / span,
        emulatorCpuPercent: ((next.emulator - last.emulator) / span) * 100,
        turnCpuPercent: ((next.turn - last.turn) / span) * 100,
      });
      last = next;
    }
    const of = (key: keyof SixWindow) => spread(windows.map((w) => w[key]));
    return {
      parties: PARTIES,
      seconds,
      windowSeconds,
      settleSeconds,
      videosDecoded,
      relayedParties: relayed.filter(Boolean).length,
      windows,
      widget: {
        busy: of('widgetBusyMsPerSecond'),
        renders: of('widgetRendersPerSecond'),
        speakerMoves: of('speakerMovesPerSecond'),
        framesPerSecond: of('widgetFramesPerSecond'),
      },
      bareSdk: {
        busy: of('bareSdkBusyMsPerSecond'),
        framesPerSecond: of('bareSdkFramesPerSecond'),
      },
      emulatorCpuPercent: of('emulatorCpuPercent'),
      turnCpuPercent: of('turnCpuPercent'),
    };
  } finally {
    // The agent ends the contact: the call ends for all six, and frees the instance's contact.
    if (contact) {
      await fetch(`${baseUrl}/emulator/contacts/${encodeURIComponent(contact.ContactId)}/end`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ by: 'agent' }),
      }).catch(() => undefined);
    }
    for (const context of contexts) await context.close().catch(() => undefined);
  }
}
