import { test, expect, type Locator, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { expectNoAxeViolations } from './support/axe';
import { expectLevelMeter } from './support/level-meter';
import { expectMovingVideo } from './support/video-probe';

/**
 * Focus as the customer meets it: the element has the focus and its window is in front. In headed
 * Firefox another window (the agent's, the sharing indicator) can take the window focus, which
 * Playwright reports as "inactive" though the page's focus never moved.
 */
async function expectFocused(page: Page, locator: Locator): Promise<void> {
  await page.bringToFront();
  await expect(locator).toBeFocused();
}

const widgetOf = (page: Page) => page.locator('[data-connect-video-host]');

/** Presses Tab (at most 40 times) until `target` has focus: the keyboard is the only input. */
async function tabTo(page: Page, target: Locator, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)) {
      return;
    }
    await page.keyboard.press(key);
  }
  throw new Error(`${target} never received focus`);
}

// Chromium only: axe-core computes names, roles and contrast in JavaScript from the DOM and the
// computed styles, the same in both engines, and this walk took 2.1 min of a Firefox worker. What
// differs by engine, focus, is walked in Firefox by the keyboard-only call below.
test(
  'axe finds nothing in any state of a video call: launcher, name form, device check, waiting, video, both screen shares, keypad, settings, minimized, ended',
  {
    tag: '@chromium-only',
  },
  async ({ page, context }) => {
    // Twelve states of one call, each scanned by axe: a minute alone, more beside other tests.
    test.setTimeout(360_000);
    const name = uniqueName('Axe');
    await page.goto('/');
    const widget = widgetOf(page);
    const panel = widget.locator('.connect-video-panel');
    await expect(widget.getByRole('button', { name: 'Video call' })).toBeVisible();
    await expectNoAxeViolations(page, 'launcher');

    await widget.getByRole('button', { name: 'Video call' }).click();
    await expectFocused(page, widget.getByLabel('Your name'));
    await expectNoAxeViolations(page, 'name form');
    await widget.getByRole('button', { name: 'Start video call' }).click();
    await expect(widget.getByText('Please enter your name.')).toBeVisible();
    await expectNoAxeViolations(page, 'name form with a problem');

    await widget.getByLabel('Your name').fill(name);
    await widget.getByRole('button', { name: 'Check my devices first' }).click();
    await expect(panel).toHaveAttribute('data-step', 'check');
    await expectMovingVideo(widget.locator('.connect-video-preview'), 'the camera preview');
    await expectLevelMeter(widget);
    await expectNoAxeViolations(page, 'device check');

    await widget.getByRole('button', { name: 'Start video call' }).click();
    await expect(panel).toHaveAttribute('data-state', 'waiting-for-agent');
    await expect(widget.getByRole('status')).toHaveText('Waiting for an agent…');
    await expectNoAxeViolations(page, 'waiting for the agent');

    const agent = await openAgentConsole(context, name);
    await expect(panel).toHaveAttribute('data-state', 'in-call');
    await expectMovingVideo(widget.locator('[data-tile="agent"] video'), "the agent's video");
    await expect(widget.getByRole('status')).toHaveText('The agent joined the call.');
    await expectNoAxeViolations(page, 'in call with video');

    await agent.getByRole('button', { name: 'Share my screen' }).click();
    await expectMovingVideo(
      widget.locator('[data-tile="agent-screen"] video'),
      "the agent's screen",
    );
    await expectNoAxeViolations(page, "in call, the agent's screen share");
    await agent.getByRole('button', { name: 'Share my screen' }).click();
    await expect(widget.locator('[data-tile="agent-screen"]')).toHaveCount(0);

    await agent.getByRole('button', { name: 'Start screen-sharing session' }).click();
    // The customer's window in front again: in headed Firefox the agent's clicks took the focus, and
    // focus is what the rest of this test follows.
    await page.bringToFront();
    await widget.getByRole('button', { name: 'Share my screen', exact: true }).click();
    await expect(widget.getByRole('button', { name: 'Stop sharing' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expectNoAxeViolations(page, "in call, the customer's screen share");
    await widget.getByRole('button', { name: 'Stop sharing' }).click();
    // Firefox's sharing indicator is a window of its own and may have taken the focus.
    await page.bringToFront();

    await widget.getByRole('button', { name: 'Keypad' }).click();
    await expect(widget.getByRole('dialog', { name: 'Dial pad' })).toBeVisible();
    await widget.locator('[data-key="5"]').click();
    await expect(widget.getByText('Sent: 5')).toBeVisible();
    await expectNoAxeViolations(page, 'keypad');
    await page.bringToFront();
    await page.keyboard.press('Escape');
    await expectFocused(page, widget.getByRole('button', { name: 'Keypad' }));

    await widget.getByRole('button', { name: 'Settings' }).click();
    await expect(widget.getByRole('dialog', { name: 'Devices' })).toBeVisible();
    await expectNoAxeViolations(page, 'settings');
    await expectFocused(page, widget.getByRole('dialog', { name: 'Devices' }));
    await page.keyboard.press('Escape');
    await expectFocused(page, widget.getByRole('button', { name: 'Settings' }));

    await widget.getByRole('button', { name: 'Minimize' }).click();
    await expect(panel).toHaveAttribute('data-minimized', 'true');
    await expectNoAxeViolations(page, 'minimized');
    await widget.getByRole('button', { name: 'Show the whole call' }).click();

    await widget.getByRole('button', { name: 'End call' }).click();
    await expect(panel).toHaveAttribute('data-state', 'ended');
    await expectFocused(page, widget.locator('.connect-video-end-message'));
    await expectNoAxeViolations(page, 'ended');
  },
);

test('axe finds nothing in a call without video (no camera allowed, no agent video)', async ({
  page,
  context,
}) => {
  const name = uniqueName('AxeAudio');
  await openAgentConsole(context, name);
  await page.bringToFront();
  // The demo's switches, all off: AllowedCapabilities allow nothing but audio.
  await page.goto(`/?applied=1&name=${encodeURIComponent(name)}`);
  const widget = widgetOf(page);
  await widget.getByRole('button', { name: 'Video call' }).click();
  await widget.getByRole('button', { name: 'Start video call' }).click();
  await expect(widget.locator('.connect-video-panel')).toHaveAttribute('data-state', 'in-call');
  await expect(widget.locator('[data-tile]')).toHaveCount(0);
  await expect(widget.getByRole('button', { name: 'Turn camera off' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'in call without video');
  await widget.getByRole('button', { name: 'End call' }).click();
});

test('axe finds nothing on the error screens: the token endpoint down, rate limited', async ({
  page,
}) => {
  await page.goto(`/?name=${encodeURIComponent(uniqueName('AxeError'))}`);
  const widget = widgetOf(page);
  const panel = widget.locator('.connect-video-panel');
  for (const [status, code, text] of [
    [503, 'token-endpoint-unavailable', 'The video call service is unavailable right now.'],
    [429, 'rate-limited', 'Too many attempts.'],
  ] as const) {
    await page.route('**/api/session**', (route) =>
      route.fulfill({
        status,
        contentType: 'application/json',
        headers: status === 429 ? { 'retry-after': '0' } : {},
        body: JSON.stringify({ code: 'X', message: 'refused in this test' }),
      }),
    );
    if (!(await panel.count())) await widget.getByRole('button', { name: 'Video call' }).click();
    else await widget.getByRole('button', { name: 'Close' }).last().click();
    if (!(await panel.count())) await widget.getByRole('button', { name: 'Video call' }).click();
    await widget.getByRole('button', { name: 'Start video call' }).click();
    await expect(panel).toHaveAttribute('data-state', 'failed');
    await expect(widget.locator('[data-error-code]')).toHaveAttribute('data-error-code', code);
    await expect(widget.locator('.connect-video-end-message')).toContainText(text);
    await expectFocused(page, widget.locator('.connect-video-end-message'));
    await expectNoAxeViolations(page, `error ${code}`);
    await page.unroute('**/api/session**');
  }
});

test('a keyboard-only call from the launcher to the end: visible focus, Escape closes, focus follows', async ({
  page,
  context,
}) => {
  const name = uniqueName('Keyboard');
  await page.goto('/');
  const widget = widgetOf(page);
  const panel = widget.locator('.connect-video-panel');
  const launcher = widget.getByRole('button', { name: 'Video call' });

  await tabTo(page, launcher);
  // The focus ring is drawn (3 px outline), not just the default.
  expect(await launcher.evaluate((el) => getComputedStyle(el).outlineWidth)).toBe('3px');
  await page.keyboard.press('Enter');
  await expectFocused(page, widget.getByLabel('Your name'));
  // Escape closes what is open, and focus goes back to the launcher.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expectFocused(page, launcher);
  await page.keyboard.press('Enter');
  await expectFocused(page, widget.getByLabel('Your name'));
  await page.keyboard.type(name);
  const agent = await openAgentConsole(context, name);
  await page.bringToFront();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-state', 'in-call');
  await expectFocused(page, widget.getByRole('button', { name: 'Mute', exact: true }));

  // Toggles expose aria-pressed, and Space works them.
  await page.keyboard.press('Space');
  await expect(widget.getByRole('button', { name: 'Unmute' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(agent.getByText('Customer: present, muted')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(widget.getByRole('button', { name: 'Mute', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );

  // The keypad: focus moves in, digits go out by keyboard, Escape returns to the button.
  await tabTo(page, widget.getByRole('button', { name: 'Keypad' }));
  await page.keyboard.press('Enter');
  await expectFocused(page, widget.locator('[data-key="1"]'));
  await page.keyboard.press('4');
  await page.keyboard.press('2');
  await expect(agent.locator('output.dtmf')).toHaveText('42');
  await page.keyboard.press('Escape');
  await expectFocused(page, widget.getByRole('button', { name: 'Keypad' }));
  await expect(panel).toHaveAttribute('data-minimized', 'false');

  // Escape on the call minimizes it (never hangs up); Enter brings it back.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveAttribute('data-minimized', 'true');
  await expectFocused(page, widget.getByRole('button', { name: 'Show the whole call' }));
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-minimized', 'false');
  await expect(panel).toHaveAttribute('data-state', 'in-call');

  await tabTo(page, widget.getByRole('button', { name: 'End call' }));
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-state', 'ended');
  await expectFocused(page, widget.locator('.connect-video-end-message'));
  await expect(widget.getByRole('status')).toHaveText('You ended the call.');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expectFocused(page, launcher);
});

test('every target is at least 24 x 24 px and every control has a visible name', async ({
  page,
}) => {
  await page.goto('/?name=Sizes');
  const widget = widgetOf(page);
  await widget.getByRole('button', { name: 'Video call' }).click();
  await widget.getByRole('button', { name: 'Check my devices first' }).click();
  await expect(widget.locator('.connect-video-panel')).toHaveAttribute('data-step', 'check');
  const small = await widget.evaluate((host) =>
    [...host.shadowRoot!.querySelectorAll('button, select, input')]
      .map((el) => ({ el: el.outerHTML.slice(0, 80), box: el.getBoundingClientRect() }))
      // Only what is rendered is a target (the loader's launcher is display: none behind the panel).
      .filter(({ box }) => box.width * box.height > 0 && (box.width < 24 || box.height < 24)),
  );
  expect(small).toEqual([]);
});
