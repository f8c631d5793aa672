import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __peerConnections?: RTCPeerConnection[];
  }
}

/**
 * Records every RTCPeerConnection the page creates, so a test can read what the page receives
 * whether or not the UI shows it (the Chime SDK subscribes to remote video by itself).
 */
export async function recordPeerConnections(page: Page | BrowserContext): Promise<void> {
  await page.addInitScript(() => {
    const connections: RTCPeerConnection[] = [];
    window.__peerConnections = connections;
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
        super(...args);
        connections.push(this);
      }
    };
  });
}

/** What the inbound-rtp stats of one kind say, over the page's connections that are not closed. */
async function inboundRtp(
  page: Page,
  kind: 'audio' | 'video',
): Promise<{ packetsReceived?: number; totalAudioEnergy?: number }[]> {
  return page.evaluate(async (kind) => {
    const inbound: { packetsReceived?: number; totalAudioEnergy?: number }[] = [];
    for (const connection of window.__peerConnections ?? []) {
      if (connection.connectionState === 'closed') continue;
      const report = await connection.getStats();
      report.forEach(
        (entry: {
          type: string;
          kind?: string;
          packetsReceived?: number;
          totalAudioEnergy?: number;
        }) => {
          if (entry.type !== 'inbound-rtp' || entry.kind !== kind) return;
          const { packetsReceived, totalAudioEnergy } = entry;
          inbound.push({ packetsReceived, totalAudioEnergy });
        },
      );
    }
    return inbound;
  }, kind);
}

/**
 * How many remote video streams the page receives RTP of, over its open connections: what the
 * media plane delivers to the page, whether or not the UI shows it.
 */
export async function remoteVideoStreamsReceived(page: Page): Promise<number> {
  const video = await inboundRtp(page, 'video');
  return video.filter((stream) => (stream.packetsReceived ?? 0) > 0).length;
}

export interface SelectedPath {
  /** The local candidate of the pair in use: `relay` when media goes through TURN. */
  candidateType: string;
  /** For a relay candidate, how the browser reaches the TURN server: `udp`, `tcp` or `tls`. */
  relayProtocol?: string;
}

/** The candidate pair each open connection of the page sends its media on. */
export async function selectedPaths(page: Page): Promise<SelectedPath[]> {
  return page.evaluate(async () => {
    const paths: { candidateType: string; relayProtocol?: string }[] = [];
    for (const connection of window.__peerConnections ?? []) {
      if (connection.connectionState !== 'connected') continue;
      const report = await connection.getStats();
      const entries = [...report.values()] as Record<string, unknown>[];
      const transport = entries.find((e) => e.type === 'transport');
      const pair = entries.find((e) => e.id === transport?.selectedCandidatePairId);
      const local = entries.find((e) => e.id === pair?.localCandidateId);
      if (local) {
        paths.push({
          candidateType: String(local.candidateType),
          relayProtocol: local.relayProtocol as string | undefined,
        });
      }
    }
    return paths;
  });
}

export interface VideoCodecs {
  /** The MIME type of each video stream the page sends (camera, or a content share). */
  sent: string[];
  /** ... and of each remote video stream it receives packets of. */
  received: string[];
}

/** The codecs the page's open connections actually send and receive video in (RTCCodecStats). */
export async function videoCodecs(page: Page): Promise<VideoCodecs> {
  return page.evaluate(async () => {
    const codecs: { sent: string[]; received: string[] } = { sent: [], received: [] };
    for (const connection of window.__peerConnections ?? []) {
      if (connection.connectionState !== 'connected') continue;
      const report = await connection.getStats();
      const entries = [...report.values()] as Record<string, unknown>[];
      for (const entry of entries) {
        if (entry.kind !== 'video' || !entry.codecId) continue;
        const codec = entries.find((e) => e.id === entry.codecId);
        const mimeType = String(codec?.mimeType);
        if (entry.type === 'outbound-rtp' && Number(entry.packetsSent) > 0)
          codecs.sent.push(mimeType);
        if (entry.type === 'inbound-rtp' && Number(entry.packetsReceived) > 0)
          codecs.received.push(mimeType);
      }
    }
    codecs.sent.sort();
    codecs.received.sort();
    return codecs;
  });
}

/**
 * The audio energy the page has received so far (inbound-rtp `totalAudioEnergy`, summed over its
 * open connections): it grows while someone is heard, and barely while everyone is silent.
 */
export async function inboundAudioEnergy(page: Page): Promise<number> {
  const audio = await inboundRtp(page, 'audio');
  return audio.reduce((energy, stream) => energy + (stream.totalAudioEnergy ?? 0), 0);
}

/**
 * The audio energy `listener` receives over one second (inbound-rtp `totalAudioEnergy`). Measured
 * one to one: a talking fake microphone gives about 0.25 a second in Chromium (its beeps) and
 * 0.011 in Firefox (its steady tone); a muted one, 0.
 */
export async function audioHeardOverASecond(listener: Page): Promise<number> {
  const before = await inboundAudioEnergy(listener);
  await listener.waitForTimeout(1_000);
  return (await inboundAudioEnergy(listener)) - before;
}
