import { test, expect, type Page } from '@playwright/test';
import { DescribeContactCommand, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import {
  CreateParticipantConnectionCommand,
  SendMessageCommand,
} from '@aws-sdk/client-connectparticipant';
import { allCapabilities, connectClients } from './support/connect-clients';
import { recordPeerConnections, videoCodecs } from './support/peer-connections';
import { expectMovingVideo } from './support/video-probe';

const SCREEN_SHARING_TOPIC = 'AMAZON_CONNECT_SCREEN_SHARING';
const INSTANCE = 'e2e-instance';

/**
 * The emulator on its own, driven by the unmodified Chime SDK: a plain SDK page is the customer,
 * the emulator's agent console is the agent.
 */
async function startCall(page: Page, agent: Page, baseURL: string, name: string) {
  const { connect, participant } = connectClients(baseURL);
  const contact = await connect.send(
    new StartWebRTCContactCommand({
      InstanceId: INSTANCE,
      ContactFlowId: 'e2e-flow',
      ParticipantDetails: { DisplayName: name },
      AllowedCapabilities: allCapabilities,
    }),
  );
  await agent.goto(`/agent.html?autoAccept=1&contact=${contact.ContactId}`);
  await page.goto('/e2e/fixtures/chime-client.html');
  await page.evaluate(
    (connectionData) =>
      window.fixture.join(connectionData as never, {
        video: true,
        topics: ['AMAZON_CONNECT_SCREEN_SHARING'],
      }),
    contact.ConnectionData,
  );
  await expect(agent.locator('#call-status')).toHaveText('started');
  return { contact, connect, participant };
}

// Both pages render each Chime tile as a <video data-role="self|remote|content">.
const remoteVideo = (page: Page, isContent = false) =>
  page.locator(`video[data-role="${isContent ? 'content' : 'remote'}"]`);

test('customer and agent see and hear each other; screen share, mute and DTMF reach the agent', async ({
  page,
  context,
  baseURL,
}) => {
  await recordPeerConnections(context);
  const agent = await context.newPage();
  const { contact, participant } = await startCall(page, agent, baseURL!, 'Emulator Customer');

  await expectMovingVideo(remoteVideo(agent), "the agent sees the customer's camera");
  await expectMovingVideo(remoteVideo(page), "the customer sees the agent's camera");

  // Audio flows both ways: inbound packets counted by each browser's own WebRTC stats.
  const before = {
    customer: await page.evaluate(() => window.fixture.mediaStats()),
    agent: (await agent.evaluate(() => window.agentConsole.mediaStats()))!,
  };
  expect(before.customer.audioPacketsSent).toBeGreaterThan(0);
  await expect
    .poll(async () => (await page.evaluate(() => window.fixture.mediaStats())).audioPacketsReceived)
    .toBeGreaterThan(before.customer.audioPacketsReceived + 50);
  await expect
    .poll(
      async () =>
        (await agent.evaluate(() => window.agentConsole.mediaStats()))!.audioPacketsReceived,
    )
    .toBeGreaterThan(before.agent.audioPacketsReceived + 50);

  // The customer mutes: the agent sees it through the meeting's mute metadata.
  await page.evaluate(() => window.fixture.setMuted(true));
  await expect(agent.getByText('Customer: present, muted')).toBeVisible();
  await page.evaluate(() => window.fixture.setMuted(false));
  await expect(agent.getByText('Customer: present', { exact: false })).not.toContainText('muted');

  // The agent starts the contact's screen-sharing session through StartScreenSharing: the
  // customer receives Connect's data message.
  await agent.getByRole('button', { name: 'Start screen-sharing session' }).click();
  await expect
    .poll(async () => (await page.evaluate(() => window.fixture.state()))?.messages)
    .toContainEqual(
      expect.objectContaining({
        topic: SCREEN_SHARING_TOPIC,
        text: '{"message":"ScreenSharingStarted"}',
      }),
    );
  await page.evaluate(() => window.fixture.startContentShare());
  await expectMovingVideo(remoteVideo(agent, true), "the agent sees the customer's screen share");

  // Each stream in the SDK's first choice, end to end: VP9 for cameras, AV1 for a content share in
  // Chromium (audiovideocontroller/DefaultAudioVideoController.js). The browsers' own stats say
  // what was encoded and decoded, so an emulator that answers VP8 alone fails here.
  await expect
    .poll(() => videoCodecs(page), { message: 'the customer sends camera and screen' })
    .toEqual({ sent: ['video/AV1', 'video/VP9'], received: ['video/VP9'] });
  await expect
    .poll(() => videoCodecs(agent), { message: 'the agent receives camera and screen' })
    .toEqual({ sent: ['video/VP9'], received: ['video/AV1', 'video/VP9'] });

  // DTMF through the participant service, with the real AWS SDK client.
  const { ConnectionCredentials } = await participant.send(
    new CreateParticipantConnectionCommand({
      ParticipantToken: contact.ParticipantToken!,
      Type: ['CONNECTION_CREDENTIALS'],
    }),
  );
  await participant.send(
    new SendMessageCommand({
      ConnectionToken: ConnectionCredentials!.ConnectionToken!,
      ContentType: 'audio/dtmf',
      Content: '12#',
    }),
  );
  await participant.send(
    new SendMessageCommand({
      ConnectionToken: ConnectionCredentials!.ConnectionToken!,
      ContentType: 'text/plain',
      Content: 'hello agent',
    }),
  );
  const row = agent.locator(`li[data-contact-id="${contact.ContactId}"]`);
  await expect(row.locator('output.dtmf')).toHaveText('12#');
  await expect(agent.locator('ul.messages')).toContainText('hello agent');

  await agent.getByRole('button', { name: 'End contact' }).click();
  await expect
    .poll(async () => (await page.evaluate(() => window.fixture.state()))?.status)
    .toBe('stopped');
});

test('the agent ending the contact ends the call for the customer', async ({
  page,
  context,
  baseURL,
}) => {
  const agent = await context.newPage();
  const { contact, connect } = await startCall(page, agent, baseURL!, 'Ended By Agent');
  // The agent shares their own screen (Chromium's fake screen capture): the customer sees it.
  await agent.getByRole('button', { name: 'Share my screen' }).click();
  await expect(agent.getByRole('button', { name: 'Share my screen' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectMovingVideo(remoteVideo(page, true), "the customer sees the agent's screen share");
  await agent.getByRole('button', { name: 'End contact' }).click();
  await expect
    .poll(async () => (await page.evaluate(() => window.fixture.state()))?.status)
    .toBe('stopped');
  expect((await page.evaluate(() => window.fixture.state()))?.stopCode).toBe('MeetingEnded');
  const described = await connect.send(
    new DescribeContactCommand({ InstanceId: INSTANCE, ContactId: contact.ContactId }),
  );
  expect(described.Contact?.DisconnectTimestamp).toBeInstanceOf(Date);
  await expect(agent.locator(`li[data-contact-id="${contact.ContactId}"]`)).toHaveAttribute(
    'data-state',
    'DISCONNECTED',
  );
});

test('the customer leaving ends the contact for the agent', async ({ page, context, baseURL }) => {
  const agent = await context.newPage();
  const { contact } = await startCall(page, agent, baseURL!, 'Leaves First');
  await page.evaluate(() => window.fixture.leave());
  await expect(agent.locator(`li[data-contact-id="${contact.ContactId}"]`)).toHaveAttribute(
    'data-state',
    'DISCONNECTED',
  );
  await expect(agent.locator('#call-status')).toHaveText('stopped');
});

test("AUDIO_METADATA: the customer's SDK reports the agent's volume and signal strength", async ({
  page,
  context,
  baseURL,
}) => {
  const agent = await context.newPage();
  await startCall(page, agent, baseURL!, 'Metadata Customer');
  // The level comes from the agent's own packets (ssrc-audio-level; Chromium's fake microphone
  // beeps), the strength from how many of them arrive.
  await expect
    .poll(async () => {
      const state = await page.evaluate(() => window.fixture.state());
      const agentEntry = state?.attendance.find((a) => a.externalUserId.endsWith('agent'));
      return { loud: (agentEntry?.loudest ?? 0) > 0.2, signal: agentEntry?.signalStrength };
    })
    .toEqual({ loud: true, signal: 1 });
  await page.evaluate(() => window.fixture.leave());
});
