import { test, expect, type Locator, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { endActiveContactsOf } from './support/emulator-contacts';
import { SWITCH_NAMES, type CapabilitySwitch } from '../server/shared/capability-switches';
import {
  remoteVideoStreamsReceived,
  recordPeerConnections,
  videoCodecs,
} from './support/peer-connections';

/** The demo page's switches, which the local token endpoint turns into AllowedCapabilities. */
type Allowed = Record<CapabilitySwitch, boolean>;

const combinations: Allowed[] = Array.from({ length: 16 }, (_, bits) => ({
  customerVideo: (bits & 1) !== 0,
  customerScreenShare: (bits & 2) !== 0,
  agentVideo: (bits & 4) !== 0,
  agentScreenShare: (bits & 8) !== 0,
}));

function describeCombination(allowed: Allowed): string {
  const party = (video: boolean, screen: boolean) =>
    [video && 'video', screen && 'screen share'].filter(Boolean).join(' + ') || 'audio only';
  return `customer ${party(allowed.customerVideo, allowed.customerScreenShare)}, agent ${party(
    allowed.agentVideo,
    allowed.agentScreenShare,
  )}`;
}

function demoUrl(allowed: Allowed, name: string): string {
  const query = new URLSearchParams({ applied: '1', name });
  for (const name of SWITCH_NAMES) if (allowed[name]) query.set(name, 'on');
  return `/?${query}`;
}

/** The call toolbar's controls, in order (`data-control`). */
function expectedControls(allowed: Allowed, screenSharingSession: boolean): string[] {
  const share = screenSharingSession ? 'screen-share' : 'request-screen-share';
  return [
    'mute',
    ...(allowed.customerVideo ? ['camera'] : []),
    ...(allowed.customerScreenShare ? [share] : []),
    // Picture-in-picture of the agent's video, where the browser has it (Chromium does).
    ...(allowed.agentVideo ? ['picture-in-picture'] : []),
    // The demo's token endpoint allows invitations, whatever the capabilities.
    'invite',
    'keypad',
    'settings',
    'end',
  ];
}

/** The stage's video tiles, in order (`data-tile`). */
function expectedTiles(allowed: Allowed): string[] {
  return [
    ...(allowed.agentScreenShare ? ['agent-screen'] : []),
    ...(allowed.agentVideo ? ['agent'] : []),
    // The camera starts on with the call, so the self view is there whenever the camera may be.
    ...(allowed.customerVideo ? ['self'] : []),
  ];
}

const controlsOf = (widget: Locator) =>
  widget
    .locator('.connect-video-controls [data-control]')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-control')));

const tilesOf = (widget: Locator) =>
  widget
    .locator('.connect-video-stage [data-tile]')
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-tile')));

/**
 * The agent sends camera video and shares its screen whatever the contact allows (the emulator
 * forwards media regardless), then waits until the customer's browser receives both: from then on,
 * a tile missing in the widget is the widget's gating and not media that has yet to arrive.
 */
async function agentSendsEverything(
  agent: Page,
  customer: Page,
  browserName: string,
): Promise<void> {
  await expect(agent.locator('#call-status')).toHaveText('started');
  await agent.evaluate(async () => {
    const { tiles } = window.agentConsole.state();
    if (!tiles.some((tile) => tile.isLocal && !tile.isContent))
      await window.agentConsole.startVideo();
  });
  // Firefox shares a screen only just after a user gesture (transient activation): the agent clicks
  // its page first, as an agent would click a button.
  await agent.getByRole('heading', { level: 1 }).click();
  await agent.evaluate(() => window.agentConsole.shareScreen());
  await expect(agent.locator('video[data-role="self"]')).toHaveCount(1);
  // The agent's own share comes back to it as the `#content` attendee's remote tile.
  await expect(agent.locator('video[data-role="content"]')).toHaveCount(1);
  await expect
    .poll(() => remoteVideoStreamsReceived(customer), {
      message: "the customer's browser receives the agent's camera and screen",
    })
    .toBeGreaterThanOrEqual(2);
  // In the SDK's first choices (audiovideocontroller/DefaultAudioVideoController.js): VP9 for the
  // camera; for the screen AV1 in Chromium, VP9 elsewhere (the SDK's AV1 preference is Chromium's).
  await expect
    .poll(async () => (await videoCodecs(customer)).received, {
      message: "the codecs of the agent's camera and screen",
    })
    .toEqual(browserName === 'chromium' ? ['video/AV1', 'video/VP9'] : ['video/VP9', 'video/VP9']);
}

/**
 * Firefox runs four of the sixteen (the Firefox project leaves out `@chromium-only`): none, all,
 * and two that turn each switch on where the other turns it off. Which controls and tiles a
 * combination allows is the same code in both engines (src/core/capabilities.ts, unit-tested for
 * all sixteen); what differs by engine is the media (codecs, screen capture), which these four
 * exercise both ways. The other twelve took about five minutes of a run in Firefox.
 */
const BOTH_ENGINES = new Set([0b0000, 0b0110, 0b1001, 0b1111]);

for (const [bits, allowed] of combinations.entries()) {
  const tag = BOTH_ENGINES.has(bits) ? [] : ['@chromium-only'];
  test(
    `${describeCombination(allowed)}: exactly the allowed controls and tiles`,
    { tag },
    async ({ page, context, request, browserName }) => {
      const name = uniqueName('Matrix');
      try {
        const agent = await openAgentConsole(context, name);
        await recordPeerConnections(page);
        await page.goto(demoUrl(allowed, name));
        const widget = page.locator('[data-connect-video-host]');
        const panel = widget.locator('.connect-video-panel');
        await widget.getByRole('button', { name: 'Video call' }).click();
        await widget.getByRole('button', { name: 'Start video call' }).click();
        await expect(panel).toHaveAttribute('data-state', 'in-call');

        await agentSendsEverything(agent, page, browserName);
        await expect.poll(() => tilesOf(widget)).toEqual(expectedTiles(allowed));
        await expect.poll(() => controlsOf(widget)).toEqual(expectedControls(allowed, false));

        // The agent console offers the contact's screen-sharing session only when the customer may
        // share (as Connect refuses StartScreenSharing otherwise).
        const startSession = agent.getByRole('button', { name: 'Start screen-sharing session' });
        if (allowed.customerScreenShare) {
          await startSession.click();
          await expect(agent.getByText('Screen sharing session: active')).toBeVisible();
        } else {
          await expect(agent.getByText('Screen sharing session: inactive')).toBeVisible();
          await expect(startSession).toHaveCount(0);
        }
        await expect.poll(() => controlsOf(widget)).toEqual(expectedControls(allowed, true));
        // Still exactly the same tiles: the session changes controls, not what is shown.
        expect(await tilesOf(widget)).toEqual(expectedTiles(allowed));

        await widget.getByRole('button', { name: 'End call' }).click();
        await expect(panel).toHaveAttribute('data-state', 'ended');
        await expect(agent.locator('li[data-state]')).toHaveAttribute('data-state', 'DISCONNECTED');
      } finally {
        await endActiveContactsOf(request, name);
      }
    },
  );
}
