import { test, expect } from '@playwright/test';
import { firefoxPath, firefoxUserPrefs } from '../playwright.config';

/**
 * Pins the one workaround the Firefox project needs, scripts/firefox-bidi-filter.mjs: Playwright
 * starts stock Firefox without it here, and a new page must still fail the way that file answers
 * for. Once this test fails, Firefox implements `emulation.setMediaFeaturesOverride` or Playwright
 * no longer sends it: point the Firefox project's executablePath at Firefox itself and delete the
 * filter and this test.
 */
test('stock Firefox still refuses the BiDi command the filter answers for', async ({
  playwright,
}) => {
  const browser = await playwright.firefox.launch({
    channel: 'moz-firefox',
    executablePath: firefoxPath,
    firefoxUserPrefs,
  });
  try {
    const failure = await browser.newPage().then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(
      failure,
      'A new page works in stock Firefox: scripts/firefox-bidi-filter.mjs is no longer needed',
    ).toMatch(/emulation\.setMediaFeaturesOverride.*unknown command/s);
  } finally {
    await browser.close();
  }
});
