import { expect, type BrowserContext, type Page } from '@playwright/test';
import { openAgentConsole } from './agent-console';
import { contactsOf, type EmulatedContact } from './emulator-contacts';

export const widget = (page: Page) => page.locator('[data-connect-video-host]');
export const panel = (page: Page) => widget(page).locator('.connect-video-panel');
/** The media chunk (the Chime SDK) under whatever URL it is asked for. */
export const MEDIA_CHUNK = /\/chunks\/media-module-[^/?]+\.js/;

/** Every state the widget went through, in order, as the host page's own event handler saw them. */
export async function recordStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as {
      __states: string[];
      ConnectVideo: { on: (e: string, h: (d: { state: string }) => void) => void };
    };
    w.__states = [];
    w.ConnectVideo.on('state', ({ state }) => w.__states.push(state));
  });
}

export const statesSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __states: string[] }).__states);

/**
 * The demo page (script-tag embed) in a call with the emulator's agent console. `path` is the demo
 * page's query (capability switches, …); the customer's name keeps parallel tests apart.
 */
export async function startWidgetCall(
  page: Page,
  context: BrowserContext,
  name: string,
  query = '',
): Promise<{ agent: Page; contact: EmulatedContact }> {
  const agent = await openAgentConsole(context, name);
  await page.goto(`/?name=${encodeURIComponent(name)}${query}`);
  await recordStates(page);
  await widget(page).getByRole('button', { name: 'Video call' }).click();
  await widget(page).getByRole('button', { name: 'Start video call' }).click();
  await expect(panel(page)).toHaveAttribute('data-state', 'in-call');
  const [contact] = await contactsOf(page.request, name);
  return { agent, contact: contact! };
}

/** Inbound audio packets the agent's browser has received: grows while the customer is heard. */
export async function agentAudioPackets(agent: Page): Promise<number> {
  const stats = await agent.evaluate(() => window.agentConsole.mediaStats());
  return stats?.audioPacketsReceived ?? 0;
}
