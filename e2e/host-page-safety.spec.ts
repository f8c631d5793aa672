import { test, expect, type Locator, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { contactsOf } from './support/emulator-contacts';
import { expectMovingVideo } from './support/video-probe';

const widget = (page: Page) => page.locator('[data-connect-video-host]');

async function wholeCall(page: Page, name: string) {
  await widget(page).getByRole('button', { name: 'Video call' }).click();
  await widget(page).getByLabel('Your name').fill(name);
  await widget(page).getByRole('button', { name: 'Start video call' }).click();
  await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
    'data-state',
    'in-call',
  );
  await expectMovingVideo(
    widget(page).locator('[data-tile="agent"] video'),
    "the customer sees the agent's camera",
  );
  await widget(page).getByRole('button', { name: 'Keypad' }).click();
  await widget(page).locator('[data-key="5"]').click();
  await expect(widget(page).getByText('Sent: 5')).toBeVisible();
  await widget(page).getByRole('button', { name: 'End call' }).click();
  await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute('data-state', 'ended');
}

test('on a page with a strict Content Security Policy the widget works, with nothing it needs blocked', async ({
  page,
  context,
}) => {
  const name = uniqueName('CSP');
  const agent = await openAgentConsole(context, name);
  await page.goto('/fixtures/strict-csp.html');
  await wholeCall(page, name);
  await expect(agent.locator('output.dtmf')).toHaveText('5');
  // The SDK's event reporter posted to the meeting's EventIngestionUrl (another origin than the
  // page's: the policy's connect-src must allow it, as https://*.chime.aws does in production).
  const [contact] = await contactsOf(page.request, name);
  await expect
    .poll(async () => {
      const media = await page.request.get(`/emulator/contacts/${contact!.ContactId}/media`);
      const stats = (await media.json()) as { events: { name: string }[] };
      return stats.events.map((e) => e.name);
    })
    .toContain('meetingStartSucceeded');
  const violations = await page.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  // The one thing the policy stops is optional: protobufjs's `long` dependency probes a WebAssembly
  // fast path inside try/catch and falls back to plain JavaScript (a site can allow it with
  // 'wasm-unsafe-eval', which is not JavaScript eval). Nothing else may be blocked.
  expect(violations.filter((v) => !v.startsWith('script-src wasm-eval '))).toEqual([]);
});

test('host-page CSS that styles *, button, video and div aggressively does not change the widget', async ({
  page,
  context,
  browser,
}) => {
  const name = uniqueName('Hostile CSS');
  await openAgentConsole(context, name);
  // The same widget on a plain page, for comparison.
  const plain = await browser.newPage();
  await plain.goto('/e2e/fixtures/spa.html?embed=mount');
  await page.goto('/fixtures/hostile-css.html');
  const launcher = (p: Page) => p.locator('[data-control="launcher"]');
  // Each page in front for its picture: Firefox draws no focus ring in a window without focus.
  const picture = async (p: Page, element: Locator) => {
    await p.bringToFront();
    return element.screenshot();
  };
  await expect(launcher(page)).toBeVisible();
  expect(await launcher(page).boundingBox()).toEqual(await launcher(plain).boundingBox());
  expect(await picture(page, launcher(page))).toEqual(await picture(plain, launcher(plain)));
  await launcher(page).click();
  await launcher(plain).click();
  const panel = (p: Page) => p.locator('.connect-video-panel');
  await expect(panel(page)).toBeVisible();
  expect(await panel(page).boundingBox()).toEqual(await panel(plain).boundingBox());
  expect(await picture(page, panel(page))).toEqual(await picture(plain, panel(plain)));
  await plain.close();
  await page.reload();
  await wholeCall(page, name);
});
