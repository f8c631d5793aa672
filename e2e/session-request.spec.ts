import { test, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { openAgentConsole, uniqueName } from './support/agent-console';
import { contactsOf, endActiveContactsOf } from './support/emulator-contacts';

/**
 * The widget's session request against the real local token endpoint and emulator. Each test makes
 * the endpoint misbehave for its own requests only: a fault rule stored under a unique key, which
 * the session URL names with `?fault=<key>` (local mode only, see server/emulator/README.md).
 */

interface TokenFault {
  status?: 500 | 429 | 503;
  retryAfter?: number;
  count?: number;
  delayMs?: number;
  malformed?: 'json' | 'shape';
  when?: 'before' | 'after';
}

async function injectTokenFault(request: APIRequestContext, key: string, fault: TokenFault) {
  const response = await request.post('/emulator/faults/token-endpoint', {
    data: { key, ...fault },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** What the customer's page asked the token endpoint, and when (the page's monotonic clock). */
interface SessionAttempt {
  startedAt: number;
  answeredAt?: number;
  status?: number;
  clientToken?: string;
}

/** Records the widget's session requests (it looks `fetch` up when it calls it). */
async function recordSessionAttempts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const attempts: SessionAttempt[] = [];
    (window as unknown as { __sessionAttempts: SessionAttempt[] }).__sessionAttempts = attempts;
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), location.href);
      if (url.pathname !== '/api/session') return original(input, init);
      const attempt: SessionAttempt = {
        startedAt: performance.now(),
        clientToken: (JSON.parse(String(init?.body ?? '{}')) as { clientToken?: string })
          .clientToken,
      };
      attempts.push(attempt);
      const response = await original(input, init);
      attempt.answeredAt = performance.now();
      attempt.status = response.status;
      return response;
    };
  });
}

const sessionAttempts = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __sessionAttempts: SessionAttempt[] }).__sessionAttempts,
  );

/**
 * Chime signaling sockets the page opened: one means the widget joined (or tried to). Counted in
 * the page, since Firefox's WebDriver BiDi gives Playwright no `websocket` events.
 */
async function recordSignalingSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sockets: string[] = [];
    (window as unknown as { __signalingSockets: string[] }).__signalingSockets = sockets;
    window.WebSocket = class extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (new URL(url, location.href).pathname.startsWith('/emulator/signaling/'))
          sockets.push(String(url));
      }
    };
  });
}

const signalingSockets = (page: Page) =>
  page.evaluate(() => (window as unknown as { __signalingSockets: string[] }).__signalingSockets);

interface Customer {
  widget: Locator;
  panel: Locator;
  signalingSockets: () => Promise<string[]>;
}

/** The SPA fixture with `mount()`, its token endpoint URL carrying the test's fault key. */
async function openWidget(
  page: Page,
  name: string,
  faultKey: string,
  options: { requestTimeoutMs?: number; embed?: 'mount' | 'element' } = {},
): Promise<Customer> {
  await recordSessionAttempts(page);
  await recordSignalingSockets(page);
  const embed = options.embed ?? 'mount';
  const query = new URLSearchParams({
    embed,
    displayName: name,
    tokenEndpoint: `/api/session?fault=${faultKey}`,
  });
  if (options.requestTimeoutMs !== undefined) {
    query.set('requestTimeoutMs', String(options.requestTimeoutMs));
  }
  await page.goto(`/e2e/fixtures/spa.html?${query}`);
  const widget = page.locator(embed === 'element' ? 'connect-video-call' : '#app > div');
  await widget.getByRole('button', { name: 'Video call' }).click();
  return {
    widget,
    panel: widget.locator('.connect-video-panel'),
    signalingSockets: () => signalingSockets(page),
  };
}

const startCall = (customer: Customer) =>
  customer.widget.getByRole('button', { name: 'Start video call' }).click();

/** The error screen: failed, the error's code, and the text the customer reads. */
async function expectErrorScreen(customer: Customer, code: string, text: string): Promise<void> {
  await expect(customer.panel).toHaveAttribute('data-state', 'failed');
  await expect(customer.widget.locator('.connect-video-end')).toHaveAttribute(
    'data-error-code',
    code,
  );
  await expect(customer.widget.getByRole('alert')).toHaveText(text);
}

async function endCall(customer: Customer): Promise<void> {
  await customer.widget.getByRole('button', { name: 'End call' }).click();
  await expect(customer.panel).toHaveAttribute('data-state', 'ended');
}

async function expectContactStates(
  request: APIRequestContext,
  name: string,
  states: string[],
): Promise<void> {
  await expect
    .poll(async () => (await contactsOf(request, name)).map((contact) => contact.state).sort())
    .toEqual([...states].sort());
}

const faultKey = () => uniqueName('fault').replace(' ', '-');

let name: string;
test.beforeEach(() => {
  name = uniqueName('Session');
});
// A failing test must not leave contacts holding the emulator's quota of 10 for the others.
test.afterEach(async ({ request }) => {
  await endActiveContactsOf(request, name);
});

for (const embed of ['mount', 'element'] as const) {
  test(`timeout (${embed === 'mount' ? 'mount()' : 'custom element, request-timeout-ms'}): a clear message on the error screen, and "Try again" joins the contact that was started`, async ({
    page,
    context,
    request,
  }) => {
    const key = faultKey();
    // Connect creates the contact at once; the answer then comes too late for every attempt.
    await injectTokenFault(request, key, { delayMs: 5000, when: 'after', count: 4 });
    const customer = await openWidget(page, name, key, { requestTimeoutMs: 1000, embed });
    await startCall(customer);

    await expectErrorScreen(
      customer,
      'timeout',
      'The service took too long to answer. Please try again.',
    );
    const attempts = await sessionAttempts(page);
    expect(attempts.length, 'the widget retried before giving up').toBeGreaterThan(1);
    expect(attempts.every((attempt) => attempt.status === undefined)).toBe(true);
    // Every attempt carried the same client token: one contact, which nobody joined.
    await expectContactStates(request, name, ['INITIATED']);
    expect(await customer.signalingSockets()).toEqual([]);

    // "Try again" sends the same client token: the contact that was started is the one joined,
    // not left waiting in the queue for nobody beside a second one.
    await openAgentConsole(context, name);
    await customer.widget.getByRole('button', { name: 'Try again' }).click();
    await expect(customer.panel).toHaveAttribute('data-state', 'in-call');
    await expectContactStates(request, name, ['CONNECTED']);
    const tokens = new Set((await sessionAttempts(page)).map((attempt) => attempt.clientToken));
    expect(tokens.size).toBe(1);
    await endCall(customer);
  });
}

for (const [when, count] of [
  ['before', 1],
  ['after', 1],
  ['after', 2],
] as const) {
  test(`500 ${count === 2 ? 'twice ' : ''}${when === 'before' ? 'before Connect is called' : 'after Connect created the contact'}, then success: the call proceeds with exactly one contact`, async ({
    page,
    context,
    request,
  }) => {
    const key = faultKey();
    await injectTokenFault(request, key, { status: 500, when, count });
    await openAgentConsole(context, name);
    const customer = await openWidget(page, name, key);
    await startCall(customer);

    await expect(customer.panel).toHaveAttribute('data-state', 'in-call');
    expect((await sessionAttempts(page)).map((attempt) => attempt.status)).toEqual([
      ...Array<number>(count).fill(500),
      200,
    ]);
    await expectContactStates(request, name, ['CONNECTED']);
    await endCall(customer);
  });
}

test('429 with Retry-After: the widget waits at least that long, then the call proceeds with one contact', async ({
  page,
  context,
  request,
}) => {
  const key = faultKey();
  const retryAfterSeconds = 2;
  await injectTokenFault(request, key, { status: 429, retryAfter: retryAfterSeconds });
  await openAgentConsole(context, name);
  const customer = await openWidget(page, name, key);
  await startCall(customer);

  await expect(customer.panel).toHaveAttribute('data-state', 'in-call');
  const [limited, retried, ...rest] = await sessionAttempts(page);
  expect([limited?.status, retried?.status, rest.length]).toEqual([429, 200, 0]);
  // Its own backoff would be well under a second: only Retry-After explains the wait.
  expect(retried!.startedAt - limited!.answeredAt!).toBeGreaterThanOrEqual(
    retryAfterSeconds * 1000,
  );
  await expectContactStates(request, name, ['CONNECTED']);
  await endCall(customer);
});

for (const { malformed, when, contacts, what } of [
  { malformed: 'json', when: 'before', contacts: [], what: 'invalid JSON' },
  // After the real handler: Connect created the contact, whose answer the customer cannot use.
  { malformed: 'shape', when: 'after', contacts: ['INITIATED'], what: 'JSON of the wrong shape' },
] as const) {
  test(`malformed answer (${what}): the clear error, no join, ${contacts.length ? 'only the contact the server made' : 'no contact'}`, async ({
    page,
    request,
  }) => {
    const key = faultKey();
    await injectTokenFault(request, key, { malformed, when });
    const customer = await openWidget(page, name, key);
    await startCall(customer);

    await expectErrorScreen(
      customer,
      'bad-session-response',
      'The video call could not be started because of a technical problem.',
    );
    // Trying again cannot fix a broken endpoint, so it is not offered, and nothing was retried.
    await expect(customer.widget.getByRole('button', { name: 'Try again' })).toHaveCount(0);
    expect((await sessionAttempts(page)).map((attempt) => attempt.status)).toEqual([200]);
    expect(await customer.signalingSockets()).toEqual([]);
    await expectContactStates(request, name, [...contacts]);
  });
}

test('double click on "Start video call": one request, one call, one contact', async ({
  page,
  context,
  request,
}) => {
  await openAgentConsole(context, name);
  // A key no rule uses: the endpoint answers normally.
  const customer = await openWidget(page, name, faultKey());
  // Both clicks in one task, before the widget re-renders, as on a slow device. (Playwright's
  // dblclick lets Preact swap the view between its clicks, so its second click never reaches the
  // button and would prove nothing.)
  await customer.widget
    .getByRole('button', { name: 'Start video call' })
    .evaluate((button: HTMLElement) => {
      button.click();
      button.click();
    });

  await expect(customer.panel).toHaveAttribute('data-state', 'in-call');
  expect(await sessionAttempts(page)).toHaveLength(1);
  expect(await customer.signalingSockets()).toHaveLength(1);
  await expectContactStates(request, name, ['CONNECTED']);
  await endCall(customer);
});
