import type { Page } from '@playwright/test';

/**
 * A host page of our own, served on the test server's origin, with the given script tag (and
 * response headers: a Content Security Policy, say).
 */
export async function fixturePage(
  page: Page,
  scriptTag: string,
  after = '',
  headers: Record<string, string> = {},
): Promise<void> {
  await page.route('**/loader-fixture.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers,
      body: `<!doctype html><html lang="en"><head><title>Fixture</title></head><body>
        <main><h1>A host page</h1><button id="elsewhere">Elsewhere</button></main>
        ${scriptTag}${after}</body></html>`,
    }),
  );
  await page.goto('/loader-fixture.html');
}
