import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG 2.0, 2.1 and 2.2 A and AA rules: the level the widget promises. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Tallies of every scan in a run, for the report (`E2E_AXE_REPORT=1`). */
const scans: { state: string; violations: number; passes: number }[] = [];

/**
 * axe-core on the widget only (its host element and open shadow root): the demo page around it is
 * not the product. Fails with each violation's rule, impact and the elements it found.
 */
export async function expectNoAxeViolations(
  page: Page,
  state: string,
  host = '[data-connect-video-host], connect-video-call',
): Promise<void> {
  const results = await new AxeBuilder({ page }).include(host).withTags(WCAG_TAGS).analyze();
  scans.push({ state, violations: results.violations.length, passes: results.passes.length });
  if (process.env.E2E_AXE_REPORT) {
    console.log(
      `axe ${state}: ${results.violations.length} violations, ${results.passes.length} rules passed`,
    );
  }
  expect(
    results.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    ),
    `axe violations in state "${state}"`,
  ).toEqual([]);
}
