import { test, expect, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { contactsOf } from './support/emulator-contacts';

const widget = (page: Page) => page.locator('[data-connect-video-host]');
const pwned = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

/** Types a name the way a customer would, or (for text a keyboard cannot produce) sets it directly. */
async function enterName(page: Page, name: string) {
  await widget(page).getByRole('button', { name: 'Video call' }).click();
  const input = widget(page).getByLabel('Your name');
  await input.evaluate((element, value) => {
    (element as HTMLInputElement).value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, name);
  await widget(page).getByRole('button', { name: 'Start video call' }).click();
}

const accepted: [string, (tag: string) => string][] = [
  ['script tags', (tag) => `<script>window.__pwned = 1</script>${tag}`],
  ['HTML with an event handler', (tag) => `<img src=x onerror="window.__pwned=1"><b>${tag}</b>`],
  ['bidi overrides', (tag) => `\u202Eevil\u202C ${tag} \u2067x\u2069`],
  ['emoji', (tag) => `👩🏽‍💻 Zoë 🎉 ${tag}`],
  ['exactly 256 characters', (tag) => `${tag} `.padEnd(256, 'a')],
];

for (const [what, make] of accepted) {
  test(`a display name of ${what} is accepted, rendered inert, and reaches the agent unchanged`, async ({
    page,
    context,
  }) => {
    const name = make(uniqueName('n'));
    const agent = await openAgentConsole(context, name);
    await page.goto('/');
    await enterName(page, name);
    await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
      'data-state',
      'in-call',
    );
    const row = agent.locator('li[data-contact-id]');
    await expect(row).toHaveCount(1);
    expect(await row.locator('strong').textContent()).toBe(name);
    expect(await row.locator('strong *').count()).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(await pwned(agent)).toBeUndefined();
    const [contact] = await contactsOf(page.request, name);
    expect(contact?.DisplayName).toBe(name);
    await widget(page).getByRole('button', { name: 'End call' }).click();
  });
}

test('a display name of 257 characters is refused by the form, and no contact is made', async ({
  page,
}) => {
  const name = uniqueName('long').padEnd(257, 'b');
  await page.goto('/');
  await enterName(page, name);
  await expect(widget(page).getByRole('alert')).toHaveText('Please use at most 256 characters.');
  await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute('data-state', 'idle');
  expect(await contactsOf(page.request, name)).toEqual([]);
});

test('a display name with a lone surrogate is refused with a clear message, and no contact is made', async ({
  page,
}) => {
  const name = `${uniqueName('surrogate')} \uD800`;
  await page.goto('/');
  await enterName(page, name);
  await expect(widget(page).locator('.connect-video-panel')).toHaveAttribute(
    'data-state',
    'failed',
  );
  await expect(widget(page).locator('.connect-video-end-message')).toHaveText(
    'The video call could not be started.',
  );
  const response = await page.request.get('/emulator/contacts');
  const { contacts } = (await response.json()) as { contacts: { DisplayName: string }[] };
  expect(contacts.filter((c) => c.DisplayName.startsWith(name.slice(0, -2)))).toEqual([]);
});

test('attribute values of HTML and script reach the agent as the same inert text', async ({
  page,
  context,
}) => {
  const name = uniqueName('Attributes');
  const note = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> \u202Eevil 👩🏽‍💻`;
  const agent = await openAgentConsole(context, name);
  await page.goto(
    `/e2e/fixtures/spa.html?embed=mount&displayName=${encodeURIComponent(name)}&attributes=${encodeURIComponent(JSON.stringify({ note }))}`,
  );
  await page.getByRole('button', { name: 'Video call' }).click();
  await page.getByRole('button', { name: 'Start video call' }).click();
  await expect(page.locator('.connect-video-panel')).toHaveAttribute('data-state', 'in-call');
  const value = agent.locator('[data-attribute="note"] dd');
  await expect(value).toHaveCount(1);
  expect(await value.textContent()).toBe(note);
  expect(await value.locator('*').count()).toBe(0);
  expect(await pwned(agent)).toBeUndefined();
  await page.getByRole('button', { name: 'End call' }).click();
});
