import {
  test,
  expect,
  type APIRequestContext,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { CreateParticipantCommand } from '@aws-sdk/client-connect';
import { CreateParticipantConnectionCommand } from '@aws-sdk/client-connectparticipant';
import { firefoxLaunchOptions, firefoxUserPrefs } from '../playwright.config';
import { uniqueName } from './support/agent-console';
import { connectClients } from './support/connect-clients';
import { contactsOf, endActiveContactsOf } from './support/emulator-contacts';
import { expectNoAxeViolations } from './support/axe';
import { audioHeardOverASecond, recordPeerConnections } from './support/peer-connections';
import { expectMovingVideo } from './support/video-probe';
import { panel, startWidgetCall, widget } from './support/widget-call';

/*
 * Calls of up to six (issue 15): the customer invites guests from the widget, each guest opens the
 * link in a page of their own and joins through the token endpoint's join route; the agent console
 * is the agent. Everyone is a real Chime SDK client; audio goes through the emulator's mixer.
 */

interface StoredSession {
  response: { SessionHandle?: string; ConnectionData: { Attendee: { AttendeeId: string } } };
}

/** The widget's own session in the page (its rejoin store): the attendee and the session handle. */
async function widgetSession(page: Page): Promise<StoredSession['response']> {
  const raw = await page.evaluate(() => sessionStorage.getItem('connect-video:session'));
  if (!raw) throw new Error('no stored session');
  return (JSON.parse(raw) as StoredSession).response;
}

/** The customer presses "Invite someone" and reads the link the panel shows. */
async function invite(customer: Page, scan = false): Promise<string> {
  await widget(customer).getByRole('button', { name: 'Invite someone' }).click();
  const link = widget(customer).getByRole('textbox', { name: 'Invitation link' });
  await expect(link).toHaveValue(/#connect-video-invitation=[\w.-]+$/);
  if (scan) await expectNoAxeViolations(customer, 'invitation link');
  const url = await link.inputValue();
  await widget(customer).getByRole('button', { name: 'Invite someone' }).click();
  return url;
}

/** A guest opens the link in a page of their own and joins. */
async function joinAsGuest(context: BrowserContext, url: string, scan = false): Promise<Page> {
  const guest = await context.newPage();
  await guest.goto(url);
  // The invitation is taken out of the address as soon as the widget has read it.
  await expect(panel(guest)).toBeVisible();
  expect(guest.url()).not.toContain('connect-video-invitation');
  await expect(widget(guest)).toContainText('You have been invited to a video call.');
  if (scan) await expectNoAxeViolations(guest, 'invited guest');
  await widget(guest).getByRole('button', { name: 'Join the call' }).click();
  await expect(panel(guest)).toHaveAttribute('data-state', 'in-call');
  return guest;
}

/** The video of one attendee as a widget page shows it, or as the agent console does. */
const personVideo = (page: Page, attendeeId: string) =>
  widget(page).locator(`[data-attendee-id="${attendeeId}"] video`);
const consoleVideo = (agent: Page, attendeeId: string) =>
  agent.locator(`video[data-role="remote"][data-attendee-id="${attendeeId}"]`);

async function setWidgetMuted(page: Page, muted: boolean): Promise<void> {
  const button = widget(page).locator('[data-control="mute"]');
  if ((await button.getAttribute('aria-pressed')) !== String(muted)) await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(muted));
}

async function setAgentMuted(agent: Page, muted: boolean): Promise<void> {
  const button = agent.getByRole('button', { name: 'Mute' });
  if ((await button.getAttribute('aria-pressed')) !== String(muted)) await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(muted));
}

/**
 * Per second (audioHeardOverASecond), by the talker's engine: Chromium's fake microphone gives
 * about 0.25 talking, Firefox's steady tone about 0.013; muted, near nothing from either.
 */
const THRESHOLDS = {
  chromium: { heard: 0.05, silent: 0.01 },
  firefox: { heard: 0.003, silent: 0.0005 },
};
async function addedCount(request: APIRequestContext, name: string): Promise<number> {
  const [contact] = await contactsOf(request, name);
  return ((contact as unknown as { added?: unknown[] }).added ?? []).length;
}

test.describe.configure({ timeout: 600_000 });

// Five pages encoding and decoding four or five videos each on two cores: the first frames of a
// tile can take longer than the usual 20 s.
const slow = { timeout: 45_000 };

test('customer, agent and two guests (one in Firefox) see and hear each other; a guest leaving does not end it; a seventh is refused; the agent ends it for all', async ({
  page,
  context,
  baseURL,
  playwright,
}) => {
  await recordPeerConnections(context);
  // The second guest joins from Firefox: a call of mixed engines, as customers' are.
  const firefox = await playwright.firefox.launch({
    ...firefoxLaunchOptions,
    channel: 'moz-firefox',
    firefoxUserPrefs,
  });
  const firefoxContext = await firefox.newContext({ baseURL });
  await recordPeerConnections(firefoxContext);
  const name = uniqueName('Group call');
  try {
    const { agent } = await startWidgetCall(page, context, name);
    // The invite control appears only once the agent is in the call.
    await expect(widget(page).getByRole('button', { name: 'Invite someone' })).toBeVisible();
    const first = await joinAsGuest(context, await invite(page, true), true);
    const second = await joinAsGuest(firefoxContext, await invite(page));

    const ids = {
      customer: (await widgetSession(page)).ConnectionData.Attendee.AttendeeId,
      first: (await widgetSession(first)).ConnectionData.Attendee.AttendeeId,
      second: (await widgetSession(second)).ConnectionData.Attendee.AttendeeId,
    };
    const agentId = await expect
      .poll(async () => {
        const state = await agent.evaluate(() => window.agentConsole.state());
        return state.tiles.find((t) => t.isLocal)?.attendeeId ?? '';
      })
      .not.toBe('')
      .then(async () => {
        const state = await agent.evaluate(() => window.agentConsole.state());
        return state.tiles.find((t) => t.isLocal)!.attendeeId;
      });

    // Everyone sees everyone else's moving camera.
    const widgetPages = { customer: page, first, second };
    for (const [who, viewer] of Object.entries(widgetPages)) {
      await expect(widget(viewer).locator('[data-person]')).toHaveCount(3);
      await expectMovingVideo(personVideo(viewer, agentId), `${who} sees the agent`, slow);
      for (const [other, id] of Object.entries(ids)) {
        if (other !== who)
          await expectMovingVideo(personVideo(viewer, id), `${who} sees ${other}`, slow);
      }
    }
    for (const [who, id] of Object.entries(ids))
      await expectMovingVideo(consoleVideo(agent, id), `the agent sees ${who}`, slow);
    await expect(widget(page).locator('[data-person="agent"]')).toContainText('Agent');
    await expectNoAxeViolations(page, 'a call of four');
    await expect(widget(page).locator('[data-person="participant"]')).toHaveText([
      /Participant 1/,
      /Participant 2/,
    ]);

    // Everyone hears everyone else, through the mixer: with the others muted, while the talker is
    // unmuted each of the other three receives clearly more than the talker's engine's `heard` a
    // second, and once the talker mutes again, less than its `silent` (THRESHOLDS). Each is
    // waited for, not timed: under load the mix reaches a page a second or more late.
    const everyone = { customer: page, first, second, agent };
    const engineOf = (who: string) => (who === 'second' ? 'firefox' : 'chromium');
    const mute = (who: string, muted: boolean) =>
      who === 'agent'
        ? setAgentMuted(agent, muted)
        : setWidgetMuted(everyone[who as keyof typeof everyone], muted);
    const heard = async (listeners: [string, Page][], test: (energy: number) => boolean) => {
      const energies = await Promise.all(listeners.map(([, page]) => audioHeardOverASecond(page)));
      // The energies in the failure message: what each heard in the last second.
      return energies.every(test)
        ? 'yes'
        : listeners.map(([who], i) => `${who} ${energies[i]!.toFixed(3)}`).join(', ');
    };
    for (const who of Object.keys(everyone)) await mute(who, true);
    for (const talker of Object.keys(everyone)) {
      const listeners = Object.entries(everyone).filter(([who]) => who !== talker);
      const { heard: HEARD, silent: SILENT } = THRESHOLDS[engineOf(talker)];
      await mute(talker, false);
      await expect
        .poll(() => heard(listeners, (energy) => energy > HEARD), {
          message: `everyone hears ${talker}`,
          timeout: 40_000,
        })
        .toBe('yes');
      await mute(talker, true);
      await expect
        .poll(() => heard(listeners, (energy) => energy < SILENT), {
          message: `no one hears ${talker} muted`,
          timeout: 40_000,
        })
        .toBe('yes');
    }
    for (const who of Object.keys(everyone)) await mute(who, false);

    // The active speaker is marked: the agent alone talks (the others muted).
    for (const who of ['customer', 'first', 'second']) await mute(who, true);
    const agentTile = widget(page).locator('[data-person="agent"]');
    await expect(agentTile).toHaveAttribute('data-speaking', 'true');
    // Screen readers are told too, and only of the one speaking.
    expect(await agentTile.ariaSnapshot()).toContain('speaking');
    expect(
      await widget(page).locator('[data-person="participant"]').first().ariaSnapshot(),
    ).not.toContain('speaking');
    for (const who of ['customer', 'first', 'second']) await mute(who, false);

    // The second guest hangs up: the call goes on for the others, and the customer is told.
    await widget(second).getByRole('button', { name: 'End call' }).click();
    await expect(panel(second)).toHaveAttribute('data-state', 'ended');
    await expect(widget(page).locator('[data-person]')).toHaveCount(2);
    await expect(widget(page).locator('[data-live-region]')).toHaveText(
      'Participant 2 left the call.',
    );
    await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
    await expect(panel(first)).toHaveAttribute('data-state', 'in-call');

    // Three more join through the Connect API (audio-only SDK pages): six in the call. A seventh,
    // invited by the customer, is refused by the meeting with the capacity message.
    const { connect, participant } = connectClients(baseURL!);
    const [contact] = await contactsOf(page.request, name);
    const instanceId = (contact as unknown as { InstanceId: string }).InstanceId;
    for (let i = 0; i < 3; i++) {
      const added = await connect.send(
        new CreateParticipantCommand({
          InstanceId: instanceId,
          ContactId: contact!.ContactId,
          ParticipantDetails: { DisplayName: `Filler ${i}`, ParticipantRole: 'CUSTOMER' },
        }),
      );
      const connection = await participant.send(
        new CreateParticipantConnectionCommand({
          ParticipantToken: added.ParticipantCredentials!.ParticipantToken!,
          Type: ['WEBRTC_CONNECTION'],
        }),
      );
      const filler = await context.newPage();
      await filler.goto('/e2e/fixtures/chime-client.html');
      await filler.evaluate(
        (data) => window.fixture.join(data as never, { video: false, topics: [] }),
        connection.WebRTCConnection,
      );
    }
    await expect(widget(page).locator('[data-person]')).toHaveCount(5);
    const seventh = await context.newPage();
    await seventh.goto(await invite(page));
    await widget(seventh).getByRole('button', { name: 'Join the call' }).click();
    await expect(panel(seventh)).toHaveAttribute('data-state', 'failed');
    await expect(widget(seventh)).toContainText('The call is full right now.');
    await expectNoAxeViolations(seventh, 'call full');
    await expect(widget(page).locator('[data-person]')).toHaveCount(5);

    // The agent ends the contact: it ends for the customer and the guest alike.
    await agent.getByRole('button', { name: 'End contact' }).click();
    for (const viewer of [page, first]) {
      await expect(panel(viewer)).toHaveAttribute('data-state', 'ended');
      await expect(widget(viewer)).toContainText('The agent ended the call.');
    }
  } finally {
    await endActiveContactsOf(page.request, name);
    await firefox.close();
  }
});

test('every abuse of an invitation is refused with its 4xx and adds no one', async ({
  page,
  context,
}) => {
  const name = uniqueName('Invitation abuse');
  try {
    await startWidgetCall(page, context, name);
    const { SessionHandle: handle } = await widgetSession(page);
    const post = (path: string, data: unknown, headers: Record<string, string> = {}) =>
      page.request.post(path, {
        data,
        headers: { origin: new URL(page.url()).origin, ...headers },
        failOnStatusCode: false,
      });
    const created = async () => addedCount(page.request, name);

    // A forged session handle, and no handle at all.
    expect((await post('/api/invitation', { sessionHandle: `${handle}x` })).status()).toBe(403);
    expect((await post('/api/invitation', {})).status()).toBe(400);
    expect(await created()).toBe(0);

    const answer = await post('/api/invitation', { sessionHandle: handle });
    expect(answer.status()).toBe(200);
    const { Invitation: invitation } = (await answer.json()) as { Invitation: string };
    expect(await created()).toBe(1);

    // Tampered with: one character of the token changed.
    const flipped =
      invitation.slice(0, -2) + (invitation.at(-2) === 'A' ? 'B' : 'A') + invitation.at(-1);
    const tampered = await post('/api/invitation/join', { invitation: flipped });
    expect(tampered.status()).toBe(400);
    expect(((await tampered.json()) as { code: string }).code).toBe('InvitationInvalid');

    // Used once, then refused.
    expect((await post('/api/invitation/join', { invitation })).status()).toBe(200);
    const reused = await post('/api/invitation/join', { invitation });
    expect(reused.status()).toBe(409);
    expect(((await reused.json()) as { code: string }).code).toBe('InvitationUsed');

    // The guest's own session may not invite anyone.
    const guestSession = (await (
      await post('/api/invitation', { sessionHandle: handle })
    ).json()) as { Invitation: string };
    const joined = (await (
      await post('/api/invitation/join', { invitation: guestSession.Invitation })
    ).json()) as { SessionHandle: string };
    expect((await post('/api/invitation', { sessionHandle: joined.SessionHandle })).status()).toBe(
      403,
    );

    // An invitation kept for later, then one more: four guests. The fifth is refused, adding no one.
    const spare = (await (await post('/api/invitation', { sessionHandle: handle })).json()) as {
      Invitation: string;
    };
    expect((await post('/api/invitation', { sessionHandle: handle })).status()).toBe(200);
    expect(await created()).toBe(4);
    const full = await post('/api/invitation', { sessionHandle: handle });
    expect(full.status()).toBe(409);
    expect(((await full.json()) as { code: string }).code).toBe('CallFull');
    expect(await created()).toBe(4);

    // The contact ends: its invitation can no longer be used.
    await endActiveContactsOf(page.request, name);
    const late = await post('/api/invitation/join', { invitation: spare.Invitation });
    expect(late.status()).toBe(410);
    expect(((await late.json()) as { code: string }).code).toBe('ContactEnded');
  } finally {
    await endActiveContactsOf(page.request, name);
  }
});
