import { expect, type Locator } from '@playwright/test';

/**
 * Waits for the device check's microphone level meter and checks its name: the visible label its
 * `aria-labelledby` points to. Not with getByRole's `name`, which reads the element's
 * `ariaLabelledByElements` in Playwright's utility world: Firefox ESR 153.8 then crashes the tab
 * (SIGSEGV in the content process) as soon as the page's own world, axe-core here, reads it too.
 * Found on this machine; a crash of the same family: https://bugzilla.mozilla.org/show_bug.cgi?id=2045887
 * (https://github.com/dequelabs/axe-core/issues/5139). axe's aria-meter-name rule still checks the
 * name as assistive technology computes it.
 */
export async function expectLevelMeter(widget: Locator): Promise<Locator> {
  const meter = widget.locator('[role="meter"]');
  await expect(meter).toBeVisible();
  const label = await meter.getAttribute('aria-labelledby');
  await expect(widget.locator(`[id="${label}"]`)).toHaveText('Microphone level');
  return meter;
}
